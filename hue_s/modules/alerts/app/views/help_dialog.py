"""The "I need help" form: where, how many, a number to call back; queued, then sent."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.api.errors import APIStatusError, HueAPIError
from hue_s.app.i18n import N_
from hue_s.app.state.timestamps import utc_now
from hue_s.app.views.a11y import named_dropdown
from hue_s.app.views.dialogs import close_now
from hue_s.app.views.errors import describe_error
from hue_s.app.views.home import fold
from hue_s.app.views.shell import PHONE_MAX_WIDTH
from hue_s.kit.location import current_fix
from hue_s.modules.alerts.app.checkins.checkins import CheckinNote, checkin_for
from hue_s.modules.alerts.app.models import Alert

if TYPE_CHECKING:
    from hue_s.app.api.models.wards import Ward
    from hue_s.app.context import AppContext
    from hue_s.modules.alerts.app.session import AlertsSession

DIALOG_WIDTH = 440
MOBILE_NUMBER = re.compile(r"(?:0|\+84)[1-9]\d{8}")
REFUSALS = {
    "phone_required": N_("Give a mobile number so your ward can call you back."),
    "invalid_phone": N_("This is not a Vietnamese mobile number (0xxxxxxxxx)."),
    "location_required": N_("Choose your ward or commune, or allow your location."),
    "outside_city": N_("Your position is outside Huế: choose your ward or commune."),
    "rate_limited": N_("This number has asked for help several times this hour. Call 114."),
    "help_unavailable": N_("This city's server does not take requests for help. Call 114."),
}


def refusal_text(ctx: AppContext, error: HueAPIError) -> str:
    """Return why the backend refused a request for help, in words the person can act on."""
    code = error.code if isinstance(error, APIStatusError) else None
    return ctx._(REFUSALS[code]) if code in REFUSALS else describe_error(ctx, error)


class HelpDialog:
    """Asks where the person is and how to call them back; queues and sends the request."""

    def __init__(
        self, ctx: AppContext, session: AlertsSession, alert: Alert, said: Callable[[], None],
        wards: list[Ward],
    ) -> None:  # fmt: skip
        """Build the form for one alert; `said()` redraws the screen's note once it is sent."""
        _ = ctx._
        self.ctx, self.session, self.alert, self.said = ctx, session, alert, said
        guest = ctx.session.is_guest
        followed = next((p.ward_code for p in session.subscriptions.places if p.ward_code), None)
        self.ward = ft.Dropdown(
            key="help-ward", label=_("Your ward or commune"), value=followed, enable_filter=True,
            options=[ft.DropdownOption(key=w.code, text=w.full_name or w.name)
                     for w in sorted(wards, key=lambda w: fold(w.name))],
        )  # fmt: skip
        self.phone = ft.TextField(
            key="help-phone", keyboard_type=ft.KeyboardType.PHONE, max_length=15,
            label=_("Mobile number to call you back") if guest else _("Another number to call"),
            helper=None if guest else _("Optional"),
        )  # fmt: skip
        self.people = ft.TextField(
            key="help-people", label=_("How many people need help?"), helper=_("Optional"),
            keyboard_type=ft.KeyboardType.NUMBER, max_length=4,
        )  # fmt: skip
        self.details = ft.TextField(
            key="help-details", label=_("What is happening?"), helper=_("Optional"),
            multiline=True, max_length=1000,
        )  # fmt: skip
        who = (
            _("You are not signed in: your ward calls the number you give. Without an account, "
              "one number can ask for help a few times an hour.") if guest
            else _("Your ward calls you back on your account's number.")
        )  # fmt: skip
        self.progress = ft.ProgressRing(visible=False, width=24, height=24)
        self.message = ft.Text("", key="help-message")
        self.send_button = ft.FilledButton(
            key="help-send", content=_("Send to my ward"), icon=ft.Icons.SEND, on_click=self.send
        )
        phone = (ctx.page.width or PHONE_MAX_WIDTH) < PHONE_MAX_WIDTH  # edge to edge on phones
        self.dialog: ft.AlertDialog = ft.AlertDialog(
            key="help-dialog",
            inset_padding=ft.Padding.all(0) if phone else None,
            shape=ft.RoundedRectangleBorder(radius=0) if phone else None,
            content_padding=ft.Padding.symmetric(horizontal=16, vertical=8) if phone else None,
            title_padding=ft.Padding.only(left=16, top=16, right=16) if phone else None,
            title=ft.Text(_("Ask your ward for help")),
            semantics_label=_("Ask your ward for help"),
            scrollable=True,
            content=ft.Container(width=DIALOG_WIDTH, content=ft.Column(
                [
                    ft.Text(_("Your ward gets this as an urgent case, with your location.")),
                    ft.Text(who, theme_style=ft.TextThemeStyle.BODY_SMALL),
                    self.phone, named_dropdown(self.ward, _("not chosen")), self.people,
                    self.details,
                    ft.Text(_("This is not an emergency line: in immediate danger call 114."),
                            weight=ft.FontWeight.BOLD),
                    ft.Row([self.progress, self.message], wrap=True),
                ],
                tight=True, spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
            )),
            actions=[
                self.send_button,
                ft.TextButton(key="help-cancel", content=_("Close"),
                              on_click=lambda e: close_now(self.dialog)),
            ],
        )  # fmt: skip

    def checked(self) -> tuple[str | None, int | None] | str:
        """Return the phone and the number of people, or what is wrong with them."""
        _ = self.ctx._
        phone = re.sub(r"[\s.\-()]", "", self.phone.value or "")
        if phone and not MOBILE_NUMBER.fullmatch(phone):
            return _(REFUSALS["invalid_phone"])
        if not phone and self.ctx.session.is_guest:
            return _(REFUSALS["phone_required"])
        people = (self.people.value or "").strip()
        if people and not (people.isdigit() and 1 <= int(people) <= 1000):
            return _("Write how many people as a number, e.g. 3.")
        return phone or None, int(people) if people else None

    def say(self, text: str, *, busy: bool = False, error: bool = False) -> None:
        """Show a message under the form (and the progress ring while busy)."""
        self.message.value, self.message.color = text, ft.Colors.ERROR if error else None
        self.send_button.disabled, self.progress.visible = busy, busy
        self.dialog.update()

    async def send(self, event: ft.Event[ft.Button]) -> None:
        """Check, locate, queue, try to send; say what happened, keeping what was typed."""
        _ = self.ctx._
        checked = self.checked()
        if isinstance(checked, str):
            self.say(checked, error=True)
            return
        phone, people = checked
        self.say(_("Finding your location…"), busy=True)
        fix = await current_fix()
        if fix.lat is None and not self.ward.value:
            self.say(_(REFUSALS["location_required"]), error=True)
            return
        request = checkin_for(
            self.alert, "help", lat=fix.lat, lon=fix.lon, ward_code=self.ward.value or None,
            phone=phone, details=self.details.value or "", people_count=people,
        )  # fmt: skip
        self.say(_("Sending…"), busy=True)
        await self.deliver(request)

    async def deliver(self, request: CheckinNote) -> None:
        """Queue the request, send what is due, and tell the person the outcome."""
        _ = self.ctx._
        item = self.session.queue_checkin(request)
        self.session.device.save_safety(
            self.alert.id, {"status": "help", "at": utc_now().isoformat(), "item": item.id}
        )
        result = (await self.session.send_checkins()).verdicts.get(item.id)
        if result is not None and result.sent and result.server_ref is not None:
            self.say(
                _("Your ward has your request (case {case}). Stay somewhere safe; in immediate "
                  "danger call 114.").format(case=result.server_ref)
            )  # fmt: skip
        elif result is not None and result.sent:  # an answer that could not be read
            self.say(_("Your ward has your request. Stay somewhere safe; in immediate danger "
                       "call 114."))  # fmt: skip
        elif result is not None and result.final and result.error is not None:
            self.ctx.store.outbox.delete(self.ctx.device_id, item.id)
            self.session.device.forget_safety(self.alert.id)
            self.say(refusal_text(self.ctx, result.error), error=True)
        else:
            self.say(_("Saved on this device: it is sent as soon as there is a connection."))
        self.said()
