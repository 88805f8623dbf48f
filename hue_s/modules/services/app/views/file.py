"""Filing a dossier online: ward office, the procedure's form, its documents, a confirmation,
then the receipt. Signed-in people only.

The draft (ward, answers, the documents' bytes, the idempotency key) is kept on the device as it
changes and, 2 s after the last change, on the server too; on opening, the newer one wins.
Send queues the dossier in the outbox under that key: it goes when there is a connection, once,
and the screen says so until it is filed (then shows its receipt) or refused (answers intact).
"""

from __future__ import annotations

import asyncio
import contextlib

import flet as ft

from hue_s.app.api.errors import HueAPIError, NotFoundError
from hue_s.app.api.models.wards import Ward
from hue_s.app.api.resources.wards import WardsResource
from hue_s.app.context import AppContext
from hue_s.app.state.outbox_handler import NETWORK, REFUSED, SIGN_IN
from hue_s.app.views.errors import describe_error
from hue_s.kit.screens import readable
from hue_s.modules.services.app.api import Attachment, ServicesResource
from hue_s.modules.services.app.filing.documents import DocumentSlots
from hue_s.modules.services.app.filing.drafts import (
    DossierDraft,
    draft_key,
    keep_document,
    keep_locally,
    kept_documents,
    local_draft,
    newer,
)
from hue_s.modules.services.app.filing.form import DossierForm
from hue_s.modules.services.app.filing.outbox import KINDS, dossier_payload, queue_dossier
from hue_s.modules.services.app.filing.refusals import REFUSALS
from hue_s.modules.services.app.filing.ward_choice import WardChoice
from hue_s.modules.services.app.widgets import heading, sign_in_first
from hue_s.modules.services.form_export import answer_texts
from hue_s.modules.services.wire import Procedure
from hue_s.modules.services.wire_drafts import ServiceDraft

__all__ = ["Filing", "build_file", "draft_key"]

SAVE_DELAY = 2.0
"""Seconds after the last change before the draft goes to the server."""
WATCH_EVERY = 0.5
"""Seconds between looks at the queued dossier while the screen shows it."""
RETRY_EVERY = 5.0
"""Seconds between attempts while the screen shows a dossier waiting for a connection."""


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
    filing = Filing(ctx, page, wards, server=await server_draft(ctx, code), synced=True)
    filing.follow_if_queued()
    return filing.control


async def server_draft(ctx: AppContext, code: str) -> ServiceDraft | None:
    """Return the signed-in person's draft of a procedure on the server (None: none, or no
    connection: the device's draft is used)."""
    try:
        return await ctx.api.resource(ServicesResource).draft(procedure_code=code)
    except NotFoundError:
        return None
    except HueAPIError:
        return None


class Filing:
    """The filing screen's parts and its draft (kept on the device and, when `synced`, on the
    server), with the one idempotency key that files it."""

    def __init__(
        self,
        ctx: AppContext,
        page: Procedure,
        wards: list[Ward],
        *,
        server: ServiceDraft | None = None,
        synced: bool = False,
    ) -> None:
        """Draw the ward choice, the form, the documents and the send button, as last left."""
        _ = ctx._
        self.ctx, self.page, self.synced = ctx, page, synced
        local = local_draft(ctx.store, ctx.device_id, page.code)
        self.draft = newer(local, server) or DossierDraft(procedure_code=page.code)
        self.draft.name = page.name
        self.key = self.draft.key
        self.sending = False
        self._changes = 0
        self.ward = WardChoice(ctx, wards, on_change=self.keep)
        self.ward.restore(self.draft.ward)
        self.form = DossierForm(ctx, page.form, on_change=self.keep)
        self.form.restore(self.draft.typed or {})
        self.documents = DocumentSlots(ctx, page.documents, on_attach=self.keep_file)
        self.documents.restore(kept_documents(ctx.store, ctx.device_id, self.draft))
        self.message = ft.Text(key="file-message", color=ft.Colors.ERROR, visible=False)
        self.status = ft.Text(key="file-status")
        self.status_row = ft.Row(
            [
                ft.ProgressRing(width=18, height=18, stroke_width=2),
                ft.Container(self.status, expand=True),
            ],
            visible=False,
        )
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
                self.status_row,
                self.send_button,
            ],
            key="file-screen",
        )

    def keep(self) -> None:
        """Keep the ward and what is typed on the device now, and on the server soon."""
        if self.sending:
            return
        self.draft.ward, self.draft.typed = self.ward.chosen, self.form.typed()
        self.draft.documents = {
            code: {"filename": a.filename, "content_type": a.content_type, "size": len(a.content)}
            for code, a in self.documents.attached.items()
        }
        keep_locally(self.ctx.store, self.ctx.device_id, self.draft)
        if self.synced:
            self._changes += 1
            self.ctx.page.run_task(self._save_later, self._changes)

    def keep_file(self, attachment: Attachment) -> None:
        """Keep a picked document's bytes on the device (closing the app does not lose it)."""
        keep_document(self.ctx.store, self.ctx.device_id, self.key, attachment)
        self.keep()

    async def _save_later(self, change: int) -> None:
        """Send the draft to the server once the person has paused (failures wait for the
        next change: the device's copy is kept anyway)."""
        await asyncio.sleep(SAVE_DELAY)
        if change != self._changes or self.sending:
            return
        with contextlib.suppress(HueAPIError):
            await self.ctx.api.resource(ServicesResource).keep_draft(
                procedure_code=self.page.code, draft=self.draft.shared()
            )

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
        pairs = answer_texts(self.page.form, self.form.answers())
        lines = [f"{label}: {text}" for label, text in pairs]
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
        """Queue the dossier under its key (sent now, or when there is a connection), then
        follow it until it is filed or refused."""
        self.ctx.page.pop_dialog()
        self.keep()
        payload = dossier_payload(
            procedure_code=self.page.code,
            ward_code=self.ward.chosen or "",
            answers=self.form.answers(),
            documents=list(self.documents.attached),
            name=self.page.name,
        )
        queue_dossier(self.ctx.store.outbox, self.ctx.device_id, self.key, payload)
        self.follow_if_queued()
        self.ctx.outbox_sender.wake(KINDS)

    def follow_if_queued(self) -> None:
        """Show a dossier of this draft that waits in the outbox, and follow it."""
        item = self.ctx.store.outbox.get(self.ctx.device_id, self.key)
        if item is None or item.state == "sent":
            return
        self.sending = True
        self.send_button.disabled = True
        self.status.value, self.status_row.visible = self.ctx._("Sending…"), True
        self.ctx.page.run_task(self._follow, self.ctx.page.route)

    async def _follow(self, route: str) -> None:
        """Say how the queued dossier fares while this screen is shown; open its receipt once
        filed; give the form back when it is refused."""
        _ = self.ctx._
        outbox, device = self.ctx.store.outbox, self.ctx.device_id
        waited = 0.0
        while self.ctx.page.route == route:
            item = outbox.get(device, self.key)
            if item is None:
                return
            if item.state == "sent":
                await self.ctx.page.push_route(f"/services/dossiers/{item.server_ref}")
                return
            reason = item.last_error or ""
            if item.state == "failed" and reason.startswith(REFUSED):
                self._refused(reason)
                outbox.delete(device, self.key)
                return
            if item.state == "failed" and reason == SIGN_IN:
                text = _("Waiting for you to sign in again: the dossier is sent then.")
            elif item.state == "failed":
                text = _(
                    "Waiting for a connection: the dossier will be sent by itself when there"
                    " is one. You may close the app."
                )
            else:
                text = _("Sending…")
            if text != self.status.value:
                self.status.value = text
                self._redraw()
            waited += WATCH_EVERY
            if reason == NETWORK and waited >= RETRY_EVERY:
                waited = 0.0
                await self.ctx.outbox_sender.flush(kinds=KINDS, everything=True)
            await asyncio.sleep(WATCH_EVERY)

    def _refused(self, reason: str) -> None:
        """Give the form back with why the ward office refused the dossier."""
        _ = self.ctx._
        code = reason.split(":")[1] if reason.count(":") else ""
        why = _(REFUSALS[code]) if code in REFUSALS else _("It was not accepted ({code}).")
        self.sending = False
        self.send_button.disabled = False
        self.status_row.visible = False
        self.message.value = _("{why} Your answers are kept: change them and send again.").format(
            why=why.format(code=code)
        )
        self.message.visible = True
        self._redraw()

    def _redraw(self) -> None:
        """Redraw the screen from background work (not yet, or no longer, on the page: skip)."""
        with contextlib.suppress(RuntimeError, AssertionError):
            self.control.update()
