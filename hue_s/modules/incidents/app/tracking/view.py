"""Follow a case by its tracking code, signed in or not: status, category, ward and history.

A case filed for a visitor at the ward office joins their "My reports" only when they add it
here, signed in (with the mobile number they gave there, if they gave one).
"""

from __future__ import annotations

from urllib.parse import unquote

import flet as ft

from hue_s.app.api.errors import APIStatusError, HueAPIError, NotFoundError
from hue_s.app.context import AppContext
from hue_s.app.i18n import N_
from hue_s.app.views.account.sign_in import sign_in_route
from hue_s.app.views.errors import describe_error
from hue_s.modules.incidents.app.api import error_code
from hue_s.modules.incidents.app.labels import hue_time, status_chip
from hue_s.modules.incidents.app.tracking.api import TrackingResource
from hue_s.modules.incidents.app.tracking.link import tracking_path
from hue_s.modules.incidents.app.tracking.models import TrackedCase
from hue_s.modules.incidents.app.views.detail import timeline
from hue_s.modules.incidents.app.views.layout import readable

MY_REPORTS = "/incidents"
CODE_EXAMPLE = "42-7KQ9-MXA3"
CLAIM_REFUSALS = {
    "claim_phone_mismatch": N_(
        "This report was filed with another mobile number. Sign in with the number you gave at "
        "the ward office."
    ),
    "case_already_claimed": N_("This report is already in someone's reports."),
    "case_not_claimable": N_("Only reports filed for you at a ward office can be added."),
}


def go(ctx: AppContext, route: str) -> None:
    """Navigate to a route from a click handler."""
    ctx.page.run_task(ctx.page.push_route, route)


def code_form(ctx: AppContext, value: str = "") -> ft.Control:
    """Return the field where a tracking code is typed, and its button."""
    _ = ctx._
    field = ft.TextField(
        key="track-code",
        label=_("Tracking code"),
        hint_text=_("For example {code}").format(code=CODE_EXAMPLE),
        value=value,
        capitalization=ft.TextCapitalization.CHARACTERS,
        max_length=40,
    )

    def follow() -> None:
        """Open the case of the typed code (or say that one is needed)."""
        code = (field.value or "").strip()
        if not code:
            field.error = _("Type the code printed on your slip.")
            field.update()
            return
        go(ctx, tracking_path(code))

    def typed(event: ft.Event[ft.TextField]) -> None:
        """Clear the error as the code is typed."""
        if field.error:
            field.error = None
            field.update()

    field.on_change = typed
    field.on_submit = lambda _event: follow()
    return ft.Column(
        spacing=12,
        controls=[
            field,
            ft.FilledButton(
                key="track-follow",
                content=_("Follow"),
                icon=ft.Icons.SEARCH,
                on_click=lambda _event: follow(),
            ),
        ],
    )


async def build_track_lookup(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return the screen where anyone types a tracking code."""
    _ = ctx._
    intro = _(
        "Filed a report at the ward office? Type the code on your slip to see where it stands. "
        "No need to sign in."
    )
    return readable(ft.Column([ft.Text(intro), code_form(ctx)], spacing=16), key="track-lookup")


def facts(ctx: AppContext, case: TrackedCase) -> ft.Control:
    """Return where the case stands: ward, when filed, when due."""
    _ = ctx._
    due = _("To be handled by: {when}").format(when=hue_time(ctx.i18n, case.deadline_at))
    if case.overdue:
        due = _("Late: it was to be handled by {when}").format(
            when=hue_time(ctx.i18n, case.deadline_at)
        )
    lines = [
        _("Ward: {ward}").format(ward=case.ward_name),
        _("Filed: {when}").format(when=hue_time(ctx.i18n, case.requested_at)),
        due,
    ]
    if case.filed_at_ward_office:
        lines.append(_("Filed for you at the ward office."))
    return ft.Text("\n".join(lines), key="track-facts")


def claim_button(ctx: AppContext, case: TrackedCase) -> ft.Control:
    """Return "Add to My reports" for a case filed at the ward office, and what went wrong."""
    _ = ctx._
    refusal = ft.Text(key="track-claim-error", color=ft.Colors.ERROR, visible=False)

    async def claim(event: ft.Event[ft.Button]) -> None:
        """Make the case the signed-in citizen's, then show their reports."""
        try:
            await ctx.api.resource(TrackingResource).claim(code=case.tracking_code)
        except HueAPIError as error:
            code = error_code(error) if isinstance(error, APIStatusError) else None
            known = CLAIM_REFUSALS.get(code or "")
            refusal.value = _(known) if known else describe_error(ctx, error)
            refusal.visible = True
            refusal.update()
            return
        ctx.page.show_dialog(ft.SnackBar(ft.Text(_("Added to My reports."))))
        await ctx.page.push_route(MY_REPORTS)

    return ft.Column(
        spacing=8,
        controls=[
            ft.FilledButton(
                key="track-claim",
                content=_("Add to My reports"),
                icon=ft.Icons.BOOKMARK_ADD,
                on_click=claim,
            ),
            refusal,
        ],
    )


def next_steps(ctx: AppContext, case: TrackedCase) -> ft.Control:
    """Return the way to one's own reports: sign in and come back, or add this case to them."""
    _ = ctx._
    if ctx.session.is_guest:
        back_here = sign_in_route(tracking_path(case.tracking_code))
        return ft.Column(
            spacing=8,
            controls=[
                ft.Text(
                    _(
                        "Was it filed for you at the ward office? Sign in with the mobile number "
                        "you gave there, then add it to My reports to hear when it moves."
                    ),
                    visible=case.filed_at_ward_office,
                ),
                ft.FilledTonalButton(
                    key="track-sign-in",
                    content=_("Sign in"),
                    icon=ft.Icons.LOGIN,
                    on_click=lambda _event: go(ctx, back_here),
                ),
            ],
        )
    my_reports = ft.OutlinedButton(
        key="track-my-reports",
        content=_("My reports"),
        icon=ft.Icons.LIST,
        on_click=lambda _event: go(ctx, MY_REPORTS),
    )
    if not case.filed_at_ward_office:
        return my_reports
    return ft.Column(spacing=12, controls=[claim_button(ctx, case), my_reports])


def tracked_view(ctx: AppContext, case: TrackedCase) -> ft.Column:
    """Return the public view of a tracked case."""
    _ = ctx._
    return ft.Column(
        key=f"tracked-case-{case.id}",
        spacing=16,
        controls=[
            ft.Text(
                _("Report {number}: {service}").format(number=case.id, service=case.service_name),
                theme_style=ft.TextThemeStyle.TITLE_LARGE,
            ),
            ft.Text(
                _("Tracking code {code}").format(code=case.tracking_code),
                key="track-code-shown",
            ),
            ft.Row([status_chip(ctx._, case.status)], key="track-status"),
            facts(ctx, case),
            timeline(ctx, [(step.at, step.action, step.note) for step in case.timeline]),
            ft.Divider(),
            next_steps(ctx, case),
        ],
    )


async def build_tracked_case(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return the case of a tracking code, or say why it cannot be shown."""
    _ = ctx._
    code = unquote(params.get("code", ""))
    try:
        case = await ctx.api.resource(TrackingResource).track(code=code)
    except NotFoundError:
        return readable(
            ft.Column(
                key="track-not-found",
                spacing=16,
                controls=[
                    ft.Text(
                        _("No case has the code {code}. Check it and type it again.").format(
                            code=code
                        )
                    ),
                    code_form(ctx, code),
                ],
            )
        )
    except HueAPIError as error:
        return ft.Column(
            key="track-error",
            controls=[
                ft.Text(describe_error(ctx, error)),
                ft.TextButton(
                    content=_("Try again"),
                    icon=ft.Icons.REFRESH,
                    on_click=lambda _event: ctx.page.run_task(ctx.refresh) if ctx.refresh else None,
                ),
            ],
        )
    return readable(tracked_view(ctx, case))
