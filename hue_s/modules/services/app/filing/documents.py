"""Documents attached to a dossier: picked as photos or PDFs, checked on the device by the
limits the server applies (type by the file's first bytes, size) before they are kept."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import flet as ft

from hue_s.app.context import AppContext
from hue_s.modules.services.app.api import Attachment
from hue_s.modules.services.wire import DOCUMENT_TYPES, MAX_DOCUMENT_BYTES, Evidence

EXTENSIONS = ["pdf", "jpg", "jpeg", "png"]


def content_type_of(data: bytes) -> str | None:
    """Return the type a file's first bytes show, among those a dossier takes."""
    return next((kind for kind, magic in DOCUMENT_TYPES.items() if data.startswith(magic)), None)


class DocumentSlots:
    """One "Attach" line per document a procedure takes online."""

    def __init__(
        self,
        ctx: AppContext,
        documents: list[Evidence],
        on_attach: Callable[[Attachment], None] | None = None,
    ) -> None:
        """Draw a line per document; `on_attach` hears each file taken (to keep it)."""
        self.ctx = ctx
        self.on_attach = on_attach
        self.documents = [doc for doc in documents if doc.online]
        self.attached: dict[str, Attachment] = {}
        self.states: dict[str, ft.Text] = {}
        self.control = ft.Column(
            spacing=8, controls=[self._line(n, doc) for n, doc in enumerate(self.documents, 1)]
        )

    def _line(self, number: int, doc: Evidence) -> ft.Control:
        """Return the line of one document: its name, what is attached, the button."""
        _ = self.ctx._
        optional = _("optional")
        state = self.states[doc.code] = ft.Text(
            _("Nothing attached yet") + ("" if doc.required else f" ({optional})"),
            key=f"document-state-{doc.code}",
        )

        async def pick() -> None:
            await self._pick(doc)

        return ft.Column(
            spacing=4,
            controls=[
                ft.Text(f"{number}. {doc.name}", weight=ft.FontWeight.W_500),
                state,
                ft.OutlinedButton(
                    key=f"document-attach-{doc.code}",
                    content=_("Attach document {number} (photo or PDF)").format(number=number),
                    icon=ft.Icons.ATTACH_FILE,
                    on_click=pick,
                ),
            ],
        )

    async def _pick(self, doc: Evidence) -> None:
        """Let the person choose a file, check it, and keep it for this document."""
        _ = self.ctx._
        files = await ft.FilePicker().pick_files(
            dialog_title=doc.name,
            file_type=ft.FilePickerFileType.CUSTOM,
            allowed_extensions=EXTENSIONS,
            with_data=True,
        )
        if not files:
            return
        picked = files[0]
        data = picked.bytes
        if data is None and picked.path:
            data = await asyncio.to_thread(Path(picked.path).read_bytes)
        self.take(doc, picked.name, data or b"")
        self.control.update()

    def take(self, doc: Evidence, name: str, data: bytes) -> None:
        """Keep a file for a document if it is a PDF, JPEG or PNG within the size limit."""
        _ = self.ctx._
        state = self.states[doc.code]
        kind = content_type_of(data)
        if kind is None:
            state.value, state.color = (
                _("{name}: only PDF, JPEG or PNG files.").format(name=name),
                ft.Colors.ERROR,
            )
        elif len(data) > MAX_DOCUMENT_BYTES:
            state.value, state.color = (
                _("{name}: larger than 5 MB.").format(name=name),
                ft.Colors.ERROR,
            )
        else:
            self.attached[doc.code] = Attachment(doc.code, name, kind, data)
            self._show_attached(self.attached[doc.code])
            if self.on_attach is not None:
                self.on_attach(self.attached[doc.code])

    def _show_attached(self, attachment: Attachment) -> None:
        """Say on a document's line which file is attached."""
        size = self.ctx.i18n.number(max(1, round(len(attachment.content) / 1024)))
        self.states[attachment.evidence_code].value = self.ctx._(
            "Attached: {name} ({size} kB)"
        ).format(name=attachment.filename, size=size)
        self.states[attachment.evidence_code].color = None

    def restore(self, attachments: dict[str, Attachment]) -> None:
        """Attach again the files a draft kept (those the procedure still asks for)."""
        for code, attachment in attachments.items():
            if code in self.states:
                self.attached[code] = attachment
                self._show_attached(attachment)

    def missing(self) -> list[Evidence]:
        """Return the required documents not attached yet (and say so on each)."""
        _ = self.ctx._
        lacking = [doc for doc in self.documents if doc.required and doc.code not in self.attached]
        for doc in lacking:
            self.states[doc.code].value = _("Please attach this document.")
            self.states[doc.code].color = ft.Colors.ERROR
        return lacking
