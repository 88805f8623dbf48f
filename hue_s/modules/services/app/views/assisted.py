"""Filing a dossier for a visitor at the ward office (issue #14, the kiosk): a ward officer
asks the visitor's name and phone, fills the procedure's form and attaches its documents with
them, files it at once (not through the outbox: the kiosk is shared), and hands over a slip.

Nothing of the visitor is kept on the device: no draft, the documents only in memory. "Done"
draws an empty screen for the next visitor.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Awaitable, Callable

import flet as ft

from hue_s.app.api.errors import APIConnectionError, APIStatusError, HueAPIError
from hue_s.app.context import AppContext
from hue_s.app.i18n import N_
from hue_s.app.views.account.sign_in import sign_in_route
from hue_s.app.views.account.sign_in_form import INVALID_PHONE, looks_like_phone
from hue_s.app.views.errors import describe_error
from hue_s.kit.public_link import public_base_url
from hue_s.kit.screens import readable
from hue_s.modules.services.app.api import ServicesResource
from hue_s.modules.services.app.filing.documents import DocumentSlots
from hue_s.modules.services.app.filing.form import DossierForm
from hue_s.modules.services.app.filing.refusals import REFUSALS
from hue_s.modules.services.app.views.slip import dossier_slip
from hue_s.modules.services.app.widgets import heading
from hue_s.modules.services.wire import Dossier, Procedure

ASSISTED_ROUTE = "/services/assisted"
MAX_NAME = 100
OTHER_WARD = N_("Officers file for visitors at their own ward's office only.")
NOT_SENT = N_(
    "Not sent: there is no connection to the server. Nothing was lost: check the network and "
    "press the button again."
)
Filed = Callable[[Dossier], Awaitable[None]]
Done = Callable[[], Awaitable[None]]


def for_officers_only(ctx: AppContext, route: str) -> ft.Control:
    """Return the screen telling anyone but a ward officer that this is for officers."""
    _ = ctx._
    text = (
        _("Filing for a visitor is for ward officers. Sign in with an officer account.")
        if ctx.session.is_guest
        else _("Your account cannot file for visitors. It is for ward officers.")
    )

    async def sign_in() -> None:
        await ctx.page.push_route(sign_in_route(route))

    return readable(
        [
            ft.Text(text),
            ft.FilledButton(
                key="services-assisted-sign-in",
                content=_("Sign in"),
                icon=ft.Icons.LOGIN,
                on_click=sign_in,
                visible=ctx.session.is_guest,
            ),
        ],
        key="services-assisted-officers-only",
    )


class AssistedFiling:
    """The visitor's name and phone, the procedure's form and documents, and sending them."""

    def __init__(self, ctx: AppContext, page: Procedure, on_filed: Filed) -> None:
        """Draw the fields; `on_filed(dossier)` runs once the dossier is filed."""
        _ = ctx._
        self.ctx, self.page, self.on_filed = ctx, page, on_filed
        self.key = str(uuid.uuid4())
        """One key per visitor: sending again after a lost answer gives the same dossier."""
        self.name = ft.TextField(
            key="services-visitor-name", label=_("Visitor's full name"), max_length=MAX_NAME
        )
        self.phone = ft.TextField(
            key="services-visitor-phone",
            label=_("Visitor's mobile number (optional)"),
            hint_text=_("So that the ward can call them back"),
            keyboard_type=ft.KeyboardType.PHONE,
        )
        self.form = DossierForm(ctx, page.form)
        self.documents = DocumentSlots(ctx, page.documents)
        self.message = ft.Text(key="services-assisted-message", color=ft.Colors.ERROR)
        self.message.visible = False
        self.send_button = ft.FilledButton(
            key="services-assisted-send",
            content=_("File for the visitor"),
            icon=ft.Icons.SEND,
            on_click=self.send,
        )
        self.control = ft.Column(
            spacing=16,
            controls=[
                ft.Text(page.name, theme_style=ft.TextThemeStyle.HEADLINE_SMALL),
                ft.Text(
                    _(
                        "You are filing at your ward office for a visitor. It is sent at once "
                        "and not kept on this device."
                    ),
                    key="services-assisted-intro",
                ),
                heading(_("The visitor")),
                self.name,
                self.phone,
                heading(_("Their answers")),
                self.form.control,
                heading(_("Documents")),
                self.documents.control,
                self.message,
                self.send_button,
            ],
        )

    def visitor_problems(self) -> bool:
        """Show what is wrong with the visitor's name and phone; return whether anything is."""
        _ = self.ctx._
        name, phone = (self.name.value or "").strip(), (self.phone.value or "").strip()
        self.name.error = None if name else _("Give the visitor's name.")
        self.phone.error = None if not phone or looks_like_phone(phone) else _(INVALID_PHONE)
        return bool(self.name.error or self.phone.error)

    def _say(self, text: str | None) -> None:
        """Show a message under the form (None: none), and redraw."""
        self.message.value, self.message.visible = text or "", text is not None
        with contextlib.suppress(RuntimeError, AssertionError):  # not on a page (yet)
            self.control.update()

    async def send(self) -> None:
        """Check everything here, file the dossier, and hand it on (or say why it was not)."""
        _ = self.ctx._
        checks = [not self.visitor_problems(), self.form.check(), not self.documents.missing()]
        if not all(checks):
            self._say(_("Some answers need your attention."))
            return
        self.send_button.disabled = True
        self._say(None)
        try:
            dossier = await self.ctx.api.resource(ServicesResource).file_for_visitor(
                procedure_code=self.page.code,
                answers=self.form.answers(),
                attachments=list(self.documents.attached.values()),
                visitor_name=(self.name.value or "").strip(),
                visitor_phone=(self.phone.value or "").strip(),
                idempotency_key=self.key,
            )
        except HueAPIError as error:
            self.send_button.disabled = False
            self._say(self.failure(error))
            return
        await self.on_filed(dossier)

    def failure(self, error: HueAPIError) -> str:
        """Say why the dossier was not filed."""
        _ = self.ctx._
        if isinstance(error, APIConnectionError):
            return _(NOT_SENT)
        code = error.code if isinstance(error, APIStatusError) else None
        if code == "not_your_ward":
            return _(OTHER_WARD)
        if code in REFUSALS:
            return _(REFUSALS[code])
        return describe_error(self.ctx, error)


def slip_screen(ctx: AppContext, dossier: Dossier, base: str | None, on_done: Done) -> ft.Control:
    """Return the slip to hand over and "Done", which clears the screen for the next visitor."""
    _ = ctx._
    return ft.Column(
        key="services-slip-screen",
        spacing=16,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        controls=[
            ft.Text(
                _("Filed. Give the visitor this slip, or let them photograph it."),
                key="services-slip-sent",
                color=ft.Colors.PRIMARY,
                weight=ft.FontWeight.W_600,
            ),
            dossier_slip(ctx, dossier, base),
            ft.Row(
                wrap=True,
                controls=[
                    ft.FilledButton(
                        key="services-slip-done",
                        content=_("Done: next visitor"),
                        icon=ft.Icons.PERSON_ADD,
                        on_click=on_done,
                    )
                ],
            ),
        ],
    )


async def build_assisted(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return the screen where an officer files a procedure's dossier for a visitor."""
    _ = ctx._
    code = params.get("code", "")
    route = f"{ASSISTED_ROUTE}/{code}"
    if ctx.session.is_guest or ctx.session.role != "officer":
        return for_officers_only(ctx, route)
    try:
        page = await ctx.api.resource(ServicesResource).procedure(code=code)
    except HueAPIError as error:
        return readable([ft.Text(describe_error(ctx, error), color=ft.Colors.ERROR)])
    if not page.online:
        return readable([ft.Text(_("This procedure is done at the ward office, not online."))])
    holder = ft.Column(key="services-assisted-screen", spacing=16)

    async def next_visitor() -> None:
        """Forget this visitor: an empty screen (nothing of theirs was kept on the device)."""
        filing = AssistedFiling(ctx, page, filed)
        holder.controls = [filing.control]
        holder.update()

    async def filed(dossier: Dossier) -> None:
        """Replace the form by the slip."""
        holder.controls = [slip_screen(ctx, dossier, await public_base_url(ctx), next_visitor)]
        holder.update()
        if ctx.scroll_to_top is not None:
            await ctx.scroll_to_top()

    holder.controls = [AssistedFiling(ctx, page, filed).control]
    return readable([holder])
