"""The 19001075 hotline log: log a call, turn it into a case, count calls per day."""

from __future__ import annotations

import uuid
from typing import Literal

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.context import AppContext
from hue_s.app.views.errors import describe_error, show_error
from hue_s.modules.incidents.app.labels import hue_time
from hue_s.modules.incidents.app.session import incidents_session
from hue_s.modules.incidents.app.staff.api import HotlineResource
from hue_s.modules.incidents.app.staff.dialogs import ask, text_field
from hue_s.modules.incidents.app.staff.models import Call, CallIn, CallToCase, DailyCalls
from hue_s.modules.incidents.app.views.choice import Choice, ChoiceButton
from hue_s.modules.incidents.app.views.layout import readable


async def redraw(ctx: AppContext, message: str) -> None:
    """Say what happened and redraw the log."""
    ctx.page.show_dialog(ft.SnackBar(ft.Text(message)))
    if ctx.refresh is not None:
        await ctx.refresh()


class CallForm:
    """The form that logs one call."""

    def __init__(self, ctx: AppContext) -> None:
        """Build the fields."""
        self.ctx = ctx
        self._key = str(uuid.uuid4())
        _ = ctx._
        self.direction = ft.RadioGroup(
            key="call-direction",
            value="incoming",
            content=ft.Row(
                [
                    ft.Radio(key="call-incoming", value="incoming", label=_("Call taken")),
                    ft.Radio(key="call-outgoing", value="outgoing", label=_("Call made")),
                ],
                wrap=True,
            ),
        )
        self.number = ft.TextField(
            key="call-number",
            label=_("Caller's number"),
            keyboard_type=ft.KeyboardType.PHONE,
            max_length=40,
        )
        self.summary = ft.TextField(
            key="call-summary",
            label=_("What was said"),
            multiline=True,
            min_lines=2,
            max_length=4000,
        )
        self.problem = ft.Text(key="call-error", color=ft.Colors.ERROR, visible=False)
        self.control = ft.Column(
            spacing=8,
            controls=[
                ft.Text(_("Log a call"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
                self.direction,
                self.number,
                self.summary,
                self.problem,
                ft.FilledButton(
                    key="call-log",
                    content=_("Log the call"),
                    icon=ft.Icons.SAVE,
                    on_click=self._log,
                ),
            ],
        )

    async def _log(self, event: ft.Event[ft.Button]) -> None:
        """Check and send the call."""
        _ = self.ctx._
        number = (self.number.value or "").strip()
        summary = (self.summary.value or "").strip()
        if len([c for c in number if c.isdigit()]) < 3:
            message = _("Enter the phone number of the other party.")
        elif not summary:
            message = _("Write what was said.")
        else:
            message = None
        self.problem.value, self.problem.visible = message or "", bool(message)
        if message:
            self.control.update()
            return
        direction: Literal["incoming", "outgoing"] = (
            "outgoing" if self.direction.value == "outgoing" else "incoming"
        )
        try:
            await self.ctx.api.resource(HotlineResource).log_call(
                call=CallIn(direction=direction, number=number, summary=summary),
                idempotency_key=self._key,
            )
        except HueAPIError as error:
            show_error(self.ctx, error)
            return
        await redraw(self.ctx, _("The call is logged."))


async def make_case(ctx: AppContext, call: Call) -> None:
    """Ask what kind of problem the call reports, then make the case and open it."""
    _ = ctx._
    try:
        services = await incidents_session(ctx).services()
    except HueAPIError as error:
        show_error(ctx, error)
        return
    kind = ChoiceButton(
        ctx,
        key="call-case-service",
        prompt=_("Kind of problem"),
        choices=[Choice(s.service_code, s.service_name) for s in services],
        icon=ft.Icons.CATEGORY,
    )
    address = text_field(ctx, "call-case-address", _("Where (street, landmark)"), multiline=False)
    key = str(uuid.uuid4())

    async def create() -> None:
        """Make the case and open it."""
        try:
            case = await ctx.api.resource(HotlineResource).to_case(
                call_id=call.id,
                details=CallToCase(
                    service_code=kind.value or "",
                    description=call.summary,
                    address=(address.value or "").strip() or None,
                    ward_code=call.ward_code,
                ),
                idempotency_key=key,
            )
        except HueAPIError as error:
            show_error(ctx, error)
            return
        await ctx.page.push_route(f"/officer/cases/{case.id}")

    ask(
        ctx,
        key="call-case-dialog",
        title=_("Make a case of this call"),
        fields=[ft.Text(call.summary), kind.control, address],
        confirm=_("Make the case"),
        check=lambda: None if kind.value else _("Choose the kind of problem."),
        on_confirm=create,
    )


def call_row(ctx: AppContext, call: Call) -> ft.Control:
    """Return one logged call."""
    _ = ctx._
    direction = _("Taken") if call.direction == "incoming" else _("Made")
    line = f"{hue_time(ctx.i18n, call.at)} · {direction} · {call.number}"
    action: ft.Control
    if call.incident_id is not None:
        action = ft.TextButton(
            key=f"call-open-case-{call.id}",
            content=_("Case {number}").format(number=call.incident_id),
            on_click=lambda _e: ctx.page.run_task(
                ctx.page.push_route, f"/officer/cases/{call.incident_id}"
            ),
        )
    else:
        action = ft.OutlinedButton(
            key=f"call-make-case-{call.id}",
            content=_("Make a case"),
            icon=ft.Icons.ASSIGNMENT_ADD,
            on_click=lambda _e: ctx.page.run_task(make_case, ctx, call),
        )
    return ft.Card(
        key=f"call-{call.id}",
        content=ft.Container(
            padding=12,
            content=ft.Column(
                [ft.Text(line, weight=ft.FontWeight.W_500), ft.Text(call.summary), action],
                spacing=4,
            ),
        ),
    )


def daily_table(ctx: AppContext, days: list[DailyCalls]) -> ft.Control:
    """Return the calls per day of the last week."""
    _ = ctx._
    return ft.DataTable(
        key="hotline-daily",
        columns=[
            ft.DataColumn(label=ft.Text(_("Day"))),
            ft.DataColumn(label=ft.Text(_("Taken")), numeric=True),
            ft.DataColumn(label=ft.Text(_("Made")), numeric=True),
            ft.DataColumn(label=ft.Text(_("Cases")), numeric=True),
        ],
        rows=[
            ft.DataRow(
                cells=[
                    ft.DataCell(ft.Text(ctx.i18n.date(day.day, "short"))),
                    ft.DataCell(ft.Text(str(day.incoming))),
                    ft.DataCell(ft.Text(str(day.outgoing))),
                    ft.DataCell(ft.Text(str(day.cases))),
                ]
            )
            for day in reversed(days)
        ],
    )


async def build_hotline(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return the hotline log: the form, today's calls, the week's counts."""
    _ = ctx._
    hotline = ctx.api.resource(HotlineResource)
    try:
        calls, days = await hotline.calls(), await hotline.daily()
    except HueAPIError as error:
        return ft.Text(describe_error(ctx, error), key="hotline-error")
    controls: list[ft.Control] = [CallForm(ctx).control, ft.Divider()]
    controls.append(ft.Text(_("Today's calls"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM))
    controls += [call_row(ctx, call) for call in reversed(calls)] or [
        ft.Text(_("No call logged today."), key="hotline-empty")
    ]
    controls += [
        ft.Text(_("Calls per day"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
        ft.Row([daily_table(ctx, days)], scroll=ft.ScrollMode.AUTO),
    ]
    return readable(ft.Column(controls, spacing=12), key="officer-hotline-log")
