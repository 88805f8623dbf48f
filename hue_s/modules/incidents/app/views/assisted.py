"""Filing for a visitor at the ward office: the report form, the visitor's contact, the slip."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import flet as ft

from hue_s.app.api.errors import APIConnectionError, APIStatusError, HueAPIError
from hue_s.app.context import AppContext
from hue_s.app.i18n import N_
from hue_s.app.views.account.sign_in import sign_in_route
from hue_s.app.views.account.sign_in_form import INVALID_PHONE, looks_like_phone
from hue_s.app.views.errors import describe_error
from hue_s.modules.incidents.app.api import error_code
from hue_s.modules.incidents.app.draft import IncidentDraft
from hue_s.modules.incidents.app.form.screen import ReportForm, form_inputs
from hue_s.modules.incidents.app.labels import REFUSAL_NAMES
from hue_s.modules.incidents.app.session import incidents_session
from hue_s.modules.incidents.app.tracking.api import TrackingResource
from hue_s.modules.incidents.app.tracking.link import public_base_url
from hue_s.modules.incidents.app.tracking.models import TrackedCase
from hue_s.modules.incidents.app.tracking.slip import build_slip
from hue_s.modules.incidents.app.views.layout import readable

ASSISTED_ROUTE = "/incidents/assisted"
FILING_ROLES = frozenset({"officer"})
MAX_NAME = 100
NOT_SENT = N_(
    "Not sent: there is no connection to the server. Nothing was lost: check the network and "
    "press Send again."
)
EARLIER_VERSION_FILED = N_(
    "An earlier version of this report had already reached the ward, so that one was filed. "
    "Changes made since were not sent: add them as a note on the case."
)
OTHER_WARD = N_(
    "This place is in another ward. Here you file only for places in your ward; the visitor "
    "can report it in the Hue-S app."
)
KEY_REUSED = "idempotency_key_reused"
"""The server's answer when a key it has filed comes back with another body."""
Filed = Callable[[TrackedCase, bool], Awaitable[None]]


@dataclass(frozen=True)
class Attempt:
    """One version of the report as it was sent: the draft and the visitor's contact."""

    draft: IncidentDraft
    name: str
    phone: str


class VisitorSection:
    """The visitor's part of the report form, and sending the report at once (no outbox)."""

    def __init__(self, ctx: AppContext, on_filed: Filed) -> None:
        """Build the visitor's fields; `on_filed(filing, phone_given)` runs once it is sent."""
        self.ctx = ctx
        self.on_filed = on_filed
        self.sending = False
        self.unanswered: list[Attempt] = []
        """Versions sent without an answer: one of them may have been filed."""
        _ = ctx._
        self.intro = _(
            "You are filing for a visitor. It is sent at once and not kept on this device."
        )
        self.send_label = _("Send for the visitor")
        self.name = ft.TextField(
            key="assisted-visitor-name",
            label=_("Visitor's name (optional)"),
            max_length=MAX_NAME,
        )
        self.phone = ft.TextField(
            key="assisted-visitor-phone",
            label=_("Visitor's mobile number (optional)"),
            hint_text=_("So that the ward can call them back"),
            keyboard_type=ft.KeyboardType.PHONE,
            max_length=20,
            on_change=self._phone_changed,
        )
        self.controls: list[ft.Control] = [
            ft.Text(_("Who is it for?"), theme_style=ft.TextThemeStyle.TITLE_SMALL),
            self.name,
            self.phone,
        ]
        self.progress = ft.ProgressBar(key="assisted-sending", visible=False)
        self.outcome = ft.Text(key="assisted-error", color=ft.Colors.ERROR, visible=False)
        self.footer: list[ft.Control] = [self.progress, self.outcome]

    def problems(self) -> list[str]:
        """Return what stops sending on the visitor's side, as gettext markers."""
        phone = (self.phone.value or "").strip()
        if phone and not looks_like_phone(phone):
            self.phone.error = self.ctx._(INVALID_PHONE)
            return [INVALID_PHONE]
        return []

    def _phone_changed(self, event: ft.Event[ft.TextField]) -> None:
        """Clear the phone's error as it is corrected."""
        if self.phone.error:
            self.phone.error = None
            self.phone.update()

    def _show(self, *, sending: bool, message: str | None = None) -> None:
        """Show the progress bar, or what went wrong."""
        self.sending = sending
        self.progress.visible = sending
        self.outcome.value = message or ""
        self.outcome.visible = bool(message)
        for control in (self.progress, self.outcome, self.phone):
            control.update()

    def failure(self, error: HueAPIError) -> str:
        """Return what to tell the officer when sending failed."""
        _ = self.ctx._
        if isinstance(error, APIConnectionError):
            return _(NOT_SENT)
        code = error_code(error) if isinstance(error, APIStatusError) else None
        if code == "invalid_phone":
            self.phone.error = _(INVALID_PHONE)
            return _(INVALID_PHONE)
        if code == "place_not_in_your_ward":
            return _(OTHER_WARD)
        if code in REFUSAL_NAMES:
            return _(REFUSAL_NAMES[code])
        return _("Not sent: {reason}").format(reason=describe_error(self.ctx, error))

    async def submit(self, draft: IncidentDraft) -> None:
        """Send the report now; on failure say why and keep everything typed."""
        if self.sending:
            return
        self._show(sending=True)
        attempt = Attempt(
            draft.model_copy(deep=True), self.name.value or "", self.phone.value or ""
        )
        try:
            filing = await self._file(attempt)
        except APIConnectionError as error:
            self.unanswered.append(attempt)
            self._show(sending=False, message=self.failure(error))
            return
        except APIStatusError as error:
            if error_code(error) != KEY_REUSED or not self.unanswered:
                self._show(sending=False, message=self.failure(error))
                return
            found = await self._filed_earlier()
            if found is None:
                self._show(sending=False, message=self.failure(error))
                return
            attempt, filing = found
            self.ctx.page.show_dialog(ft.SnackBar(ft.Text(self.ctx._(EARLIER_VERSION_FILED))))
        self.sending = False
        self.unanswered.clear()
        await self.on_filed(filing, bool(attempt.phone.strip()))

    async def _file(self, attempt: Attempt) -> TrackedCase:
        """Send one version of the report under the draft's key."""
        return await self.ctx.api.resource(TrackingResource).file_for_visitor(
            draft=attempt.draft,
            visitor_name=attempt.name,
            visitor_phone=attempt.phone.strip(),
            idempotency_key=attempt.draft.client_id,
        )

    async def _filed_earlier(self) -> tuple[Attempt, TrackedCase] | None:
        """Return the earlier version that the server did file (its answer had been lost)."""
        for attempt in self.unanswered:
            try:
                return attempt, await self._file(attempt)
            except HueAPIError:
                continue
        return None


def for_officers_only(ctx: AppContext) -> ft.Control:
    """Say that only ward officers file for visitors, with a way to sign in as one."""
    _ = ctx._

    async def sign_in(event: ft.Event[ft.Button]) -> None:
        """Go to sign-in, coming back here."""
        await ctx.page.push_route(sign_in_route(ASSISTED_ROUTE))

    text = (
        _("Filing for a visitor is for ward officers. Sign in with an officer account.")
        if ctx.session.is_guest
        else _("Your account cannot file for visitors. It is for ward officers.")
    )
    return ft.Column(
        key="assisted-officers-only",
        spacing=16,
        controls=[
            ft.Text(text),
            ft.FilledButton(
                key="assisted-sign-in",
                content=_("Sign in"),
                icon=ft.Icons.LOGIN,
                on_click=sign_in,
                visible=ctx.session.is_guest,
            ),
        ],
    )


async def build_assisted(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return the form an officer fills for a visitor; once sent, the slip to hand over."""
    if ctx.session.is_guest or ctx.session.role not in FILING_ROLES:
        return for_officers_only(ctx)
    inputs = await form_inputs(ctx)
    if isinstance(inputs, ft.Control):
        return inputs
    holder = ft.Column(key="assisted-screen", spacing=16)

    async def next_visitor() -> None:
        """Show an empty form again."""
        if ctx.refresh is not None:
            await ctx.refresh()

    async def filed(filing: TrackedCase, phone_given: bool) -> None:
        """Replace the form by the slip."""
        base = await public_base_url(ctx)
        holder.controls = [
            build_slip(ctx, filing, phone_given=phone_given, base=base, on_done=next_visitor)
        ]
        holder.update()
        if ctx.scroll_to_top is not None:
            await ctx.scroll_to_top()

    section = VisitorSection(ctx, filed)
    form = ReportForm(ctx, incidents_session(ctx), IncidentDraft(), *inputs, assisted=section)
    await form.load_questions(redraw=False)
    holder.controls = [form.control]
    return readable(holder)
