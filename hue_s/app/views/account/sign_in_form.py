"""The sign-in form: a phone number, then the texted code; on the sign-in screen and in dialogs."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable

import flet as ft

from hue_s.app.account import complete_sign_in
from hue_s.app.api.errors import HueAPIError, RateLimitError
from hue_s.app.context import AppContext
from hue_s.app.i18n import N_
from hue_s.app.views.errors import describe_error

RESEND_SECONDS = 60
CODE_LENGTH = 6
PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
PHONE_SHAPE = re.compile(r"(?:0|\+84)[1-9]\d{8}")
INVALID_PHONE = N_("This is not a Vietnamese mobile number. Enter it like 0905 123 456.")
# Backend error codes of sign-in, with what to tell the user.
CODE_MESSAGES = {
    "invalid_phone": INVALID_PHONE,
    "invalid_code": N_("The code is not right. Check the text message and try again."),
    "code_attempts_exhausted": N_("Too many wrong codes. Ask for a new code."),
    "code_expired": N_("This code has expired or was already used. Ask for a new code."),
    "sms_unavailable": N_("The text message could not be sent. Please try again later."),
}

Callback = Callable[[], Awaitable[None]]


def looks_like_phone(text: str) -> bool:
    """Say whether `text` has the shape of a Vietnamese mobile number (0… or +84…)."""
    return PHONE_SHAPE.fullmatch(PHONE_SEPARATORS.sub("", text)) is not None


def sign_in_error(ctx: AppContext, error: HueAPIError) -> str:
    """Return the translated message for a failed sign-in step."""
    message = CODE_MESSAGES.get(getattr(error, "code", None) or "")
    return ctx._(message) if message else describe_error(ctx, error)


def storage_notice(ctx: AppContext) -> str | None:
    """Say what a sign-in keeps where, and for how long."""
    if ctx.config.kiosk:
        return ctx._("This is a shared kiosk: you are signed out when you leave it idle.")
    if ctx.page.web:
        return ctx._(
            "Tick it only on your own device. It keeps a sign-in key in this browser's storage, "
            "encrypted by the browser, so new tabs open signed in until you sign out. Not "
            "ticked, nothing is kept: you stay signed in until you close this tab."
        )
    if not ctx.credentials.persistent:
        return ctx._(
            "This computer has no secure keychain, so you stay signed in only until you close "
            "Hue-S."
        )
    return None


def remember_label(ctx: AppContext) -> str:
    """Return the words of the "keep me signed in" box: a browser is not always one's own."""
    if ctx.page.web:
        return ctx._("Stay signed in on this browser")
    return ctx._("Keep me signed in on this device")


def is_shown(page: ft.Page, control: ft.Control) -> bool:
    """Say whether a control is still on the page (not replaced by another screen)."""
    try:
        return page.get_control(control._i) is control
    except RuntimeError:
        return False


class SignInForm:
    """Phone number, texted code, signed in; then `on_signed_in`, or `on_guest` to skip."""

    def __init__(self, ctx: AppContext, *, on_signed_in: Callback, on_guest: Callback) -> None:
        """Build the form's controls for one session."""
        self.ctx = ctx
        self._on_signed_in = on_signed_in
        self._on_guest = on_guest
        self._phone = ""
        self._resend_left = 0
        _ = ctx._
        self.phone_field = ft.TextField(
            key="sign-in-phone",
            label=_("Phone number"),
            hint_text="0905 123 456",
            prefix_icon=ft.Icons.PHONE_ANDROID,
            keyboard_type=ft.KeyboardType.PHONE,
            autofill_hints=ft.AutofillHint.TELEPHONE_NUMBER,
            # Not on the web: a field focused as the page loads, before its accessibility tree
            # is on, types into a hidden input screen readers cannot see, and keeps the focus
            # from the accessible one (and a reloaded page builds the form twice).
            autofocus=not ctx.page.web,
            on_submit=self._send_code,
        )
        self.send_button = ft.FilledButton(
            key="sign-in-send-code", content=_("Send code"), on_click=self._send_code
        )
        self.sent_to = ft.Text(key="sign-in-sent-to")
        self.code_field = ft.TextField(
            key="sign-in-code",
            label=_("6-digit code"),
            keyboard_type=ft.KeyboardType.NUMBER,
            input_filter=ft.NumbersOnlyInputFilter(),
            autofill_hints=ft.AutofillHint.ONE_TIME_CODE,
            max_length=CODE_LENGTH,
            on_submit=self._verify,
        )
        self.submit_button = ft.FilledButton(
            key="sign-in-submit", content=_("Sign in"), on_click=self._verify
        )
        self.resend_button = ft.TextButton(key="sign-in-resend", on_click=self._resend)
        self.change_phone_button = ft.TextButton(
            key="sign-in-change-phone", content=_("Use another number"), on_click=self._restart
        )
        self.remember = ft.Checkbox(
            key="sign-in-remember",
            label=remember_label(ctx),
            value=not ctx.page.web,  # a browser may be a shared one: the person says it is theirs
            visible=ctx.credentials.persistent and not ctx.config.kiosk,
        )
        self.error_text = ft.Text(key="sign-in-error", color=ft.Colors.ERROR, visible=False)
        self.busy = ft.ProgressRing(width=24, height=24, visible=False)
        notice = storage_notice(ctx)
        self.code_step = ft.Column(
            [
                self.sent_to,
                self.code_field,
                ft.Row([self.submit_button, self.busy], wrap=True),
                ft.Row([self.resend_button, self.change_phone_button], wrap=True),
            ],
            visible=False,
        )
        self.notice = ft.Text(notice or "", key="sign-in-notice", italic=True, visible=bool(notice))
        self.phone_step = ft.Column(  # what is kept where, right under the box that decides it
            [self.phone_field, self.remember, self.notice, ft.Row([self.send_button], wrap=True)]
        )
        self.control = ft.Column(
            key="sign-in-form",
            spacing=12,
            controls=[
                ft.Text(_("Sign in with your phone number. We text you a 6-digit code.")),
                self.phone_step,
                self.code_step,
                self.error_text,
                ft.OutlinedButton(
                    key="sign-in-guest",
                    content=_("Continue as a guest"),
                    icon=ft.Icons.PERSON_OUTLINE,
                    on_click=self._continue_as_guest,
                ),
            ],
        )

    def _show_error(self, message: str | None) -> None:
        """Show (or hide, with None) the error line."""
        self.error_text.value = message or ""
        self.error_text.visible = message is not None

    def _set_busy(self, busy: bool) -> None:
        """Disable the buttons and show the spinner while a request runs."""
        self.busy.visible = busy
        for button in (self.send_button, self.submit_button):
            button.disabled = busy
        self.control.update()

    async def _send_code(self, event: ft.Event[ft.Control] | None = None) -> None:
        """Ask for a code for the typed phone number and move to the code step."""
        phone = (self.phone_field.value or "").strip()
        if not looks_like_phone(phone):
            self._show_error(self.ctx._(INVALID_PHONE))
            self.control.update()
            return
        if await self._request_code(phone):
            self._phone = phone
            self.sent_to.value = self.ctx._("We sent a code to {phone}.").format(phone=phone)
            self.phone_step.visible, self.code_step.visible = False, True
            self.code_field.value = ""
        self.control.update()
        if self.code_step.visible:
            await self.code_field.focus()

    async def _request_code(self, phone: str) -> bool:
        """Ask the server to text a code; start the resend countdown; False on failure."""
        self._show_error(None)
        self._set_busy(True)
        try:
            await self.ctx.api.auth.request_code(phone=phone)
        except HueAPIError as error:
            self._show_error(sign_in_error(self.ctx, error))
            if isinstance(error, RateLimitError) and error.retry_after and self._phone == phone:
                self._start_resend_countdown(round(error.retry_after))
            return False
        finally:
            self._set_busy(False)
        self._start_resend_countdown(RESEND_SECONDS)
        return True

    async def _verify(self, event: ft.Event[ft.Control] | None = None) -> None:
        """Trade the typed code for tokens; on success hand over to `on_signed_in`."""
        code = (self.code_field.value or "").strip()
        if len(code) != CODE_LENGTH or not code.isdigit():
            self._show_error(self.ctx._("Enter the 6 digits from the text message."))
            self.control.update()
            return
        self._show_error(None)
        self._set_busy(True)
        try:
            grant = await self.ctx.api.auth.sign_in(phone=self._phone, code=code)
        except HueAPIError as error:
            self._show_error(sign_in_error(self.ctx, error))
            self._set_busy(False)
            return
        await complete_sign_in(self.ctx, grant, remember=bool(self.remember.value))
        self.code_field.value = ""
        self._set_busy(False)
        await self._on_signed_in()

    async def _resend(self, event: ft.Event[ft.Control] | None = None) -> None:
        """Ask for a new code for the same number."""
        if self._resend_left <= 0:
            await self._request_code(self._phone)
            self.control.update()

    async def _restart(self, event: ft.Event[ft.Control] | None = None) -> None:
        """Go back to the phone step."""
        self._show_error(None)
        self.phone_step.visible, self.code_step.visible = True, False
        self.control.update()

    async def _continue_as_guest(self, event: ft.Event[ft.Control] | None = None) -> None:
        """Leave the form without signing in."""
        await self._on_guest()

    def _start_resend_countdown(self, seconds: int) -> None:
        """Disable "send a new code" for `seconds`, showing the seconds left."""
        running = self._resend_left > 0
        self._resend_left = max(0, seconds)
        self._show_resend()
        if not running and self._resend_left > 0:
            self.ctx.page.run_task(self._count_down)

    def _show_resend(self) -> None:
        """Label the resend button with the wait left, or make it clickable."""
        _ = self.ctx._
        left = self._resend_left
        self.resend_button.content = (
            _("New code in {seconds} s").format(seconds=left) if left > 0 else _("Send a new code")
        )
        self.resend_button.disabled = left > 0

    async def _count_down(self) -> None:
        """Tick the resend wait down once a second while the form is on screen."""
        while self._resend_left > 0:
            await asyncio.sleep(1)
            self._resend_left -= 1
            if not is_shown(self.ctx.page, self.resend_button):
                self._resend_left = 0
                return
            self._show_resend()
            self.resend_button.update()
