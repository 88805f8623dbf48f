"""Filing a dossier online: ward office, the procedure's form, its documents, a confirmation,
then the receipt. Signed-in people only. The dossier is sent at once with a key made when the
screen opened, so a retry after a lost answer gives back the same dossier."""

from __future__ import annotations

import uuid

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.api.models.wards import Ward
from hue_s.app.api.resources.wards import WardsResource
from hue_s.app.context import AppContext
from hue_s.app.views.errors import describe_error
from hue_s.app.views.sign_in import sign_in_route
from hue_s.kit.screens import readable
from hue_s.modules.services.app.api import ServicesResource
from hue_s.modules.services.app.documents import DocumentSlots
from hue_s.modules.services.app.form import DossierForm
from hue_s.modules.services.app.ward_choice import WardChoice
from hue_s.modules.services.app.widgets import heading, opener
from hue_s.modules.services.wire import Procedure

DRAFT_PREFIX = "services:draft:"


def sign_in_first(ctx: AppContext, route: str) -> ft.Control:
    """Return the screen asking a guest to sign in before filing."""
    _ = ctx._
    return readable(
        [
            ft.Text(_("Sign in with your phone number to file a dossier online and follow it.")),
            ft.FilledButton(
                key="services-sign-in",
                content=_("Sign in"),
                icon=ft.Icons.LOGIN,
                on_click=opener(ctx, sign_in_route(route)),
            ),
        ],
        key="services-sign-in-first",
    )


async def build_file(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return the filing screen of a procedure."""
    _ = ctx._
    code = params.get("code", "")
    if ctx.session.is_guest:
        return sign_in_first(ctx, f"/services/file/{code}")
    try:
        page = await ctx.api.resource(ServicesResource).procedure(code=code)
        wards = await ctx.api.resource(WardsResource).list()
    except HueAPIError as error:
        return readable([ft.Text(describe_error(ctx, error), color=ft.Colors.ERROR)])
    if not page.online:
        return readable([ft.Text(_("This procedure is done at the ward office, not online."))])
    return Filing(ctx, page, wards).control


def draft_key(procedure_code: str) -> str:
    """Return the store key of a procedure's draft on this device."""
    return f"{DRAFT_PREFIX}{procedure_code}"


class Filing:
    """The filing screen's parts and its one idempotency key, kept in a draft on the device
    (ward, answers, key) as they change and given back when the screen opens again."""

    def __init__(self, ctx: AppContext, page: Procedure, wards: list[Ward]) -> None:
        """Draw the ward choice, the form, the documents and the send button."""
        _ = ctx._
        self.ctx, self.page = ctx, page
        stored = ctx.store.drafts.get(ctx.device_id, draft_key(page.code))
        draft = stored.value if stored is not None and isinstance(stored.value, dict) else {}
        self.key = str(draft.get("key") or uuid.uuid4())
        self.ward = WardChoice(ctx, wards, on_change=self.keep)
        self.ward.restore(draft.get("ward"))
        self.form = DossierForm(ctx, page.form, on_change=self.keep)
        self.form.restore(draft.get("typed") or {})
        self.documents = DocumentSlots(ctx, page.documents)
        self.message = ft.Text(key="file-message", color=ft.Colors.ERROR, visible=False)
        self.send_button = ft.FilledButton(
            key="file-review",
            content=_("Review and send"),
            icon=ft.Icons.CHECK,
            on_click=self.review,
        )
        self.control = readable(
            [
                ft.Text(page.name, theme_style=ft.TextThemeStyle.HEADLINE_SMALL),
                self.ward.control,
                heading(_("Your answers")),
                self.form.control,
                heading(_("Documents")),
                self.documents.control,
                self.message,
                self.send_button,
            ],
            key="file-screen",
        )

    def keep(self) -> None:
        """Keep the ward, what is typed and the key on the device (documents are picked again)."""
        draft = {"key": self.key, "ward": self.ward.chosen, "typed": self.form.typed()}
        self.ctx.store.drafts.put(self.ctx.device_id, draft_key(self.page.code), draft)

    async def review(self) -> None:
        """Check everything on the device, then ask for confirmation."""
        _ = self.ctx._
        ok = [self.ward.check(), self.form.check(), not self.documents.missing()]
        if not all(ok):
            self.message.value, self.message.visible = _("Some answers need your attention."), True
            self.control.update()
            return
        self.message.visible = False
        self.control.update()
        lines = [
            f"{field.label}: {self.form.answers().get(field.name, '—')}" for field in self.page.form
        ]
        lines += [
            _("Document: {name}").format(name=a.filename) for a in self.documents.attached.values()
        ]
        dialog = ft.AlertDialog(
            key="file-confirm",
            title=ft.Text(_("Send this dossier?")),
            content=ft.Column(
                [ft.Text(line) for line in lines], tight=True, scroll=ft.ScrollMode.AUTO
            ),
            actions=[
                ft.TextButton(
                    content=_("Change something"), on_click=lambda: self.ctx.page.pop_dialog()
                ),
                ft.FilledButton(key="file-send", content=_("Send"), on_click=self.send),
            ],
        )
        self.ctx.page.show_dialog(dialog)

    async def send(self) -> None:
        """Send the dossier (again with the same key after a failure), then show its receipt."""
        self.ctx.page.pop_dialog()
        try:
            dossier = await self.ctx.api.resource(ServicesResource).file(
                procedure_code=self.page.code,
                ward_code=self.ward.chosen or "",
                answers=self.form.answers(),
                attachments=list(self.documents.attached.values()),
                idempotency_key=self.key,
            )
        except HueAPIError as error:
            self.message.value = describe_error(self.ctx, error)
            self.message.visible = True
            self.control.update()
            return
        self.ctx.store.drafts.delete(self.ctx.device_id, draft_key(self.page.code))
        await self.ctx.page.push_route(f"/services/dossiers/{dossier.code}")
