"""During an alert: "I'm safe" (kept on the device) and "I need help" (an urgent ward case)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.modules.alerts.help_requests import help_request_for
from hue_s.app.modules.alerts.location import current_fix
from hue_s.app.modules.alerts.models import Alert
from hue_s.app.modules.alerts.widgets import close_dialog, emergency_calls, local_time
from hue_s.app.state.timestamps import utc_now
from hue_s.app.views.sign_in import sign_in_route

if TYPE_CHECKING:
    from hue_s.app.context import AppContext
    from hue_s.app.modules.alerts.session import AlertsSession


def safety_note(ctx: AppContext, session: AlertsSession, alert: Alert) -> str | None:
    """Return what this device already said during the alert, if anything."""
    _ = ctx._
    record = session.device.safety().get(str(alert.id))
    if not isinstance(record, dict):
        return None
    when = local_time(ctx, datetime.fromisoformat(record["at"]))
    if record.get("status") == "safe":
        return _("You said you are safe at {time}.").format(time=when)
    return _("You asked for help at {time}.").format(time=when)


def safety_panel(ctx: AppContext, session: AlertsSession, alert: Alert) -> ft.Control:
    """Return the two buttons a person uses during an alert, and what they said last."""
    _ = ctx._
    note = ft.Text(safety_note(ctx, session, alert) or "", key=f"safety-note-{alert.id}")

    def safe(event: ft.Event[ft.Button]) -> None:
        session.device.save_safety(alert.id, {"status": "safe", "at": utc_now().isoformat()})
        note.value = safety_note(ctx, session, alert) or ""
        ctx.page.show_dialog(
            ft.SnackBar(
                ft.Text(
                    _(
                        "Saved on this device. Tell your family you are safe; your ward is "
                        "only told when you ask for help."
                    )
                ),
                key="safe-saved",
            )
        )

    def need_help(event: ft.Event[ft.Button]) -> None:
        if ctx.session.is_guest:
            ctx.page.show_dialog(sign_in_first_dialog(ctx))
        else:
            ctx.page.show_dialog(HelpDialog(ctx, session, alert, note).dialog)

    return ft.Column(
        [
            ft.Row(
                [
                    ft.FilledButton(
                        key=f"i-am-safe-{alert.id}",
                        content=_("I'm safe"),
                        icon=ft.Icons.VERIFIED_USER,
                        tooltip=_("Note that you are safe"),
                        on_click=safe,
                        style=ft.ButtonStyle(bgcolor="#2E7D32", color="#FFFFFF"),
                    ),
                    ft.FilledButton(
                        key=f"i-need-help-{alert.id}",
                        content=_("I need help"),
                        icon=ft.Icons.SOS,
                        tooltip=_("Ask your ward for help, with your location"),
                        on_click=need_help,
                        style=ft.ButtonStyle(bgcolor="#C62828", color="#FFFFFF"),
                    ),
                ],
                wrap=True,
            ),
            note,
        ],
        spacing=4,
    )


def sign_in_first_dialog(ctx: AppContext) -> ft.AlertDialog:
    """Explain that a help request needs a signed-in phone, and offer the emergency numbers."""
    _ = ctx._

    async def sign_in(event: ft.Event[ft.TextButton]) -> None:
        close_dialog(dialog)
        await ctx.page.push_route(sign_in_route(ctx.page.route or "/alerts"))

    dialog: ft.AlertDialog = ft.AlertDialog(
        key="help-sign-in-first",
        title=ft.Text(_("Sign in to reach your ward")),
        content=ft.Column(
            [
                ft.Text(
                    _(
                        "Your ward needs to know who to call back, so a request for help "
                        "needs your phone number. In danger right now? Call:"
                    )
                ),
                emergency_calls(ctx),
            ],
            tight=True,
        ),
        actions=[
            ft.TextButton(key="help-sign-in", content=_("Sign in"), on_click=sign_in),
            ft.TextButton(
                key="help-close", content=_("Close"), on_click=lambda e: close_dialog(dialog)
            ),
        ],
    )
    return dialog


class HelpDialog:
    """Asks what is wrong, adds the location, queues and sends the request for help."""

    dialog: ft.AlertDialog

    def __init__(self, ctx: AppContext, session: AlertsSession, alert: Alert, note: ft.Text):
        """Build the dialog for one alert; `note` shows the outcome on the screen below."""
        _ = ctx._
        self.ctx, self.session, self.alert, self.note = ctx, session, alert, note
        self.details = ft.TextField(
            key="help-details",
            label=_("What is happening? (optional)"),
            multiline=True,
            max_length=1000,
        )
        self.progress = ft.ProgressRing(visible=False, width=24, height=24)
        self.message = ft.Text("")
        self.send_button = ft.FilledButton(
            key="help-send", content=_("Send to my ward"), icon=ft.Icons.SEND, on_click=self.send
        )
        self.dialog: ft.AlertDialog = ft.AlertDialog(
            key="help-dialog",
            title=ft.Text(_("Ask your ward for help")),
            content=ft.Column(
                [
                    ft.Text(_("Your location is sent with the request, as an urgent case.")),
                    self.details,
                    ft.Row([self.progress, self.message], wrap=True),
                ],
                tight=True,
            ),
            actions=[
                self.send_button,
                ft.TextButton(
                    key="help-cancel",
                    content=_("Close"),
                    on_click=lambda e: close_dialog(self.dialog),
                ),
            ],
        )

    async def send(self, event: ft.Event[ft.Button]) -> None:
        """Locate, queue, try to send; say what happened."""
        _ = self.ctx._
        self.send_button.disabled, self.progress.visible = True, True
        self.message.value = _("Finding your location…")
        self.dialog.update()
        fix = await current_fix()
        place = next(iter(self.session.subscriptions.places), None)
        request = help_request_for(
            self.alert,
            lat=fix.lat if fix.lat is not None else (place.lat if place else None),
            lon=fix.lon if fix.lon is not None else (place.lon if place else None),
            ward_code=place.ward_code if place else None,
            place_name=place.name if place else None,
            details=self.details.value or "",
        )
        if request.lat is None and request.ward_code is None:
            self.message.value = _(
                "Your location is unknown. Add your ward under My places, or call 114."
            )
            self.send_button.disabled, self.progress.visible = False, False
            self.dialog.update()
            return
        self.session.help.queue(request)
        stamp = {"status": "help", "at": utc_now().isoformat()}
        self.session.device.save_safety(self.alert.id, stamp)
        self.message.value = _("Sending…")
        self.dialog.update()
        sent = await self.session.help.send_due()
        self.progress.visible = False
        if sent:
            self.message.value = _(
                "Your ward has your request (case {case}). Stay somewhere safe; in immediate "
                "danger call 114."
            ).format(case=sent[0])
        else:
            self.message.value = _(
                "Saved on this device: it is sent as soon as there is a connection."
            )
        self.note.value = safety_note(self.ctx, self.session, self.alert) or ""
        self.dialog.update()
        self.note.update()
