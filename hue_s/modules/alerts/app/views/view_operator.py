"""/alerts/operator: operators issue a warning for wards or a drawn area, follow who is safe,
update it, or cancel it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.views.dialogs import close_now
from hue_s.app.views.errors import show_error
from hue_s.app.views.not_found import build_sign_in_required
from hue_s.modules.alerts.app.checkins.checkin_counts import CheckinCounts
from hue_s.modules.alerts.app.models import Alert, AlertDraft, DrawnPolygon
from hue_s.modules.alerts.app.session import MODULE_ID, AlertsSession, alerts_session
from hue_s.modules.alerts.app.severity import severity_style
from hue_s.modules.alerts.app.views.feed_status import feed_status_panel
from hue_s.modules.alerts.app.views.operator_form import OperatorForm
from hue_s.modules.alerts.app.widgets import heading, live_region, local_time

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

OPERATOR_ROLES = frozenset({"operator", "admin"})
OPERATOR_PATH = "/alerts/operator"
MAX_COUNTS_SECONDS = 30.0


def issued_row(
    ctx: AppContext, session: AlertsSession, alert: Alert, form: OperatorForm, counts: ft.Control
) -> ft.Control:
    """Return an issued alert with its check-in counts and its Update and Cancel buttons."""
    _ = ctx._
    style = severity_style(alert.severity)

    def update(event: ft.Event[ft.OutlinedButton]) -> None:
        form.edit(alert)
        form.control.update()

    def cancel(event: ft.Event[ft.OutlinedButton]) -> None:
        ctx.page.show_dialog(cancel_dialog(ctx, session, alert))

    until = local_time(ctx, alert.expires) if alert.expires else _("further notice")
    return ft.Container(
        key=f"issued-{alert.id}",
        border=ft.Border.all(2, style.colour),
        border_radius=12,
        padding=10,
        content=ft.Column(
            [
                ft.Text(f"{_(style.name)}: {alert.headline or ''}", weight=ft.FontWeight.BOLD),
                ft.Text(
                    _("Until {time}").format(time=until), theme_style=ft.TextThemeStyle.BODY_SMALL
                ),
                counts,
                ft.Row(
                    [
                        ft.OutlinedButton(
                            key=f"issued-update-{alert.id}", content=_("Update"),
                            icon=ft.Icons.EDIT, on_click=update,
                            tooltip=_("New version of: {headline}").format(headline=alert.headline),
                        ),
                        ft.OutlinedButton(
                            key=f"issued-cancel-{alert.id}", content=_("Cancel warning"),
                            icon=ft.Icons.CANCEL,
                            tooltip=_("Withdraw: {headline}").format(headline=alert.headline),
                            on_click=cancel,
                        ),
                    ],
                    wrap=True,
                ),
            ],
            spacing=4,
        ),
    )  # fmt: skip


def cancel_dialog(ctx: AppContext, session: AlertsSession, alert: Alert) -> ft.AlertDialog:
    """Ask for a note and cancel the alert."""
    _ = ctx._
    note = ft.TextField(key="cancel-note", label=_("Why (shown to citizens)"), max_length=1000)

    async def confirm(event: ft.Event[ft.Button]) -> None:
        try:
            cancel = await session.api.cancel(
                alert_id=alert.id, note=(note.value or "").strip() or None
            )
        except HueAPIError as error:
            close_now(dialog)
            show_error(ctx, error)
            return
        close_now(dialog)
        session.delivery.apply_message(cancel)  # at once, whatever the state of the stream

    dialog: ft.AlertDialog = ft.AlertDialog(
        key="cancel-dialog",
        title=ft.Text(_("Cancel this warning?")),
        semantics_label=_("Cancel this warning?"),
        content=ft.Column([ft.Text(alert.headline or ""), note], tight=True),
        actions=[
            ft.FilledButton(key="cancel-confirm", content=_("Cancel warning"), on_click=confirm),
            ft.TextButton(
                key="cancel-keep", content=_("Keep it"), on_click=lambda e: close_now(dialog)
            ),  # fmt: skip
        ],
    )
    return dialog


async def build_operator(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Build the operators' screen (a sign-in request for everyone else)."""
    _ = ctx._
    if ctx.session.role not in OPERATOR_ROLES:
        manifest = next(m for m in ctx.registry.manifests if m.id == MODULE_ID)
        return build_sign_in_required(ctx, manifest, OPERATOR_PATH)
    session = alerts_session(ctx)
    wards = await session.wards()

    async def submit(draft: AlertDraft, editing: int | None) -> Alert:
        if editing is None:
            sent = await session.api.issue(draft=draft)
        else:
            sent = await session.api.update(alert_id=editing, draft=draft)
        session.delivery.apply_message(sent)  # listed at once, whatever the stream does
        return sent

    async def wards_of(polygon: DrawnPolygon) -> list[str]:
        return await session.api.area_wards(polygon=polygon)

    form = OperatorForm(ctx, wards, submit, wards_of)
    counts = CheckinCounts(ctx, session, min(MAX_COUNTS_SECONDS, session.config.poll_seconds))
    issued = ft.Column(spacing=8, key="operator-issued")
    recount = ft.TextButton(
        key="operator-recount", content=_("Count check-ins again"), icon=ft.Icons.REFRESH,
        on_click=lambda e: ctx.page.run_task(counts.refresh),
    )  # fmt: skip
    root = ft.Column(
        key="alerts-operator",
        spacing=12,
        controls=[
            ft.Row([heading(_("In force")), recount], wrap=True),
            ft.Text(_("Counts of people who said they are safe or need help, per ward."),
                    theme_style=ft.TextThemeStyle.BODY_SMALL),
            issued,
            heading(_("Issue a warning")),
            form.control,
            feed_status_panel(ctx),
        ],
    )  # fmt: skip

    shown: list[list[int]] = []

    def refill() -> None:
        mine = [alert for alert in session.delivery.active() if alert.origin == "operator"]
        if shown and shown[-1] == [alert.id for alert in mine]:
            return  # the same warnings: keep their buttons (someone may be pressing one)
        shown[:] = [[alert.id for alert in mine]]
        issued.controls = [
            issued_row(ctx, session, alert, form, counts.box(alert.id)) for alert in mine
        ] or [ft.Text(_("No warning issued here is in force."), key="operator-none")]
        if shown[0]:
            ctx.page.run_task(counts.refresh)

    refill()
    live_region(ctx, session, [issued], refill)
    ctx.page.run_task(counts.run, root)
    return root
