"""What an officer does to a case: accept, start, transfer, note, reject, resolve."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.api.models.wards import Ward
from hue_s.app.context import AppContext
from hue_s.app.modules.incidents.choice import Choice, ChoiceButton
from hue_s.app.modules.incidents.models import CaseDetail, ReasonBody
from hue_s.app.modules.incidents.photos import PhotoError, prepare_photo
from hue_s.app.modules.officer.api import CasesResource
from hue_s.app.modules.officer.dialogs import ask, text_field, too_short
from hue_s.app.modules.officer.models import NoteBody, TransferBody
from hue_s.app.views.errors import show_error

CASE_WORKERS = frozenset({"officer", "operator", "admin"})
"""Roles that may change cases (leaders only look)."""
ACCEPTABLE = frozenset({"received", "transferred"})
WORKING = frozenset({"received", "transferred", "assigned", "in_progress"})
RESOLVABLE = frozenset({"assigned", "in_progress"})


class CaseActions:
    """The action buttons of one case, and the dialogs behind them."""

    def __init__(self, ctx: AppContext, case: CaseDetail, wards: list[Ward]) -> None:
        """Prepare the actions the case's status allows."""
        self.ctx = ctx
        self.case = case
        self.wards = [ward for ward in wards if ward.code != case.ward_code]
        self.cases = ctx.api.resource(CasesResource)

    async def run(self, action: Callable[[str], Awaitable[CaseDetail]], done: str) -> None:
        """Send an action with a fresh idempotency key; then redraw the case and say so."""
        try:
            await action(str(uuid.uuid4()))
        except HueAPIError as error:
            show_error(self.ctx, error)
            return
        self.ctx.page.show_dialog(ft.SnackBar(ft.Text(done)))
        if self.ctx.refresh is not None:
            await self.ctx.refresh()

    def buttons(self) -> list[ft.Control]:
        """Return the buttons of the actions allowed now."""
        _ = self.ctx._
        status = self.case.status
        if self.ctx.session.role not in CASE_WORKERS or status not in WORKING:
            return []
        found: list[ft.Control] = []

        def add(
            key: str,
            label: str,
            icon: ft.IconData,
            handler: Callable[..., object],
            filled: bool = False,
        ) -> None:
            """Add one action button."""
            kind = ft.FilledButton if filled else ft.OutlinedButton
            found.append(kind(key=key, content=label, icon=icon, on_click=handler))

        if status in ACCEPTABLE:
            add("case-accept", _("Accept"), ft.Icons.ASSIGNMENT_IND, self._accept, filled=True)
        if status == "assigned":
            add("case-start", _("Start work"), ft.Icons.CONSTRUCTION, self._start)
        if status in RESOLVABLE:
            add("case-resolve", _("Resolve"), ft.Icons.TASK_ALT, self._resolve, filled=True)
        add("case-note", _("Add a note"), ft.Icons.NOTE_ADD, self._note)
        add("case-transfer", _("Transfer"), ft.Icons.MOVE_UP, self._transfer)
        add("case-reject", _("Reject"), ft.Icons.BLOCK, self._reject)
        return found

    async def _accept(self, event: ft.Event[ft.Button]) -> None:
        """Take the case on."""
        await self.run(
            lambda key: self.cases.accept(case_id=self.case.id, note=None, idempotency_key=key),
            self.ctx._("Accepted: the case is yours."),
        )

    async def _start(self, event: ft.Event[ft.Button]) -> None:
        """Mark the case as being worked on."""
        await self.run(
            lambda key: self.cases.start(case_id=self.case.id, note=None, idempotency_key=key),
            self.ctx._("Marked as being worked on."),
        )

    def _note(self, event: ft.Event[ft.Button]) -> None:
        """Ask for a note and add it."""
        _ = self.ctx._
        note = text_field(self.ctx, "note-text", _("Note"))
        public = ft.Checkbox(
            key="note-public", label=_("The reporter and the public may read it"), value=True
        )
        ask(
            self.ctx,
            key="note-dialog",
            title=_("Add a note"),
            fields=[note, public],
            confirm=_("Add the note"),
            check=lambda: too_short(self.ctx, note),
            on_confirm=lambda: self.run(
                lambda key: self.cases.note(
                    case_id=self.case.id,
                    note=NoteBody(note=(note.value or "").strip(), public=bool(public.value)),
                    idempotency_key=key,
                ),
                _("Note added."),
            ),
        )

    def _reject(self, event: ft.Event[ft.Button]) -> None:
        """Ask why, then reject the case."""
        _ = self.ctx._
        reason = text_field(
            self.ctx, "reject-reason", _("Why is it rejected? The reporter reads this.")
        )
        ask(
            self.ctx,
            key="reject-dialog",
            title=_("Reject this case?"),
            fields=[reason],
            confirm=_("Reject"),
            check=lambda: too_short(self.ctx, reason),
            on_confirm=lambda: self.run(
                lambda key: self.cases.reject(
                    case_id=self.case.id,
                    reason=ReasonBody(reason=(reason.value or "").strip()),
                    idempotency_key=key,
                ),
                _("The case is rejected."),
            ),
        )

    def _transfer(self, event: ft.Event[ft.Button]) -> None:
        """Ask which ward and why, then hand the case over."""
        _ = self.ctx._
        ward = ChoiceButton(
            self.ctx,
            key="transfer-ward",
            prompt=_("Ward or commune taking it"),
            choices=[Choice(w.code, w.full_name or w.name) for w in self.wards],
            icon=ft.Icons.LOCATION_CITY,
        )
        reason = text_field(self.ctx, "transfer-reason", _("Why is it theirs?"))

        def check() -> str | None:
            """Return what is missing from the transfer, if anything."""
            if not ward.value:
                return _("Choose the ward or commune.")
            return too_short(self.ctx, reason)

        ask(
            self.ctx,
            key="transfer-dialog",
            title=_("Transfer to another ward"),
            fields=[ward.control, reason],
            confirm=_("Transfer"),
            check=check,
            on_confirm=lambda: self.run(
                lambda key: self.cases.transfer(
                    case_id=self.case.id,
                    transfer=TransferBody(
                        ward_code=ward.value or "", reason=(reason.value or "").strip()
                    ),
                    idempotency_key=key,
                ),
                _("The case was handed over."),
            ),
        )

    def _resolve(self, event: ft.Event[ft.Button]) -> None:
        """Ask for the after photo (and a word), then resolve the case."""
        _ = self.ctx._
        chosen: list[bytes] = []
        preview = ft.Row(wrap=True)
        busy = ft.ProgressRing(width=20, height=20, visible=False)
        problem = ft.Text(color=ft.Colors.ERROR, visible=False)
        note = text_field(self.ctx, "resolve-note", _("What was done (optional)"))

        async def pick(event: ft.Event[ft.OutlinedButton]) -> None:
            """Pick the after photo and prepare it (shrunk, without metadata)."""
            files = await ft.FilePicker().pick_files(
                dialog_title=_("Photo after the fix"),
                file_type=ft.FilePickerFileType.IMAGE,
                with_data=True,
            )
            if not files:
                return
            busy.visible, problem.visible = True, False
            dialog.update()
            try:
                prepared = await asyncio.to_thread(prepare_photo, files[0].bytes or b"")
            except PhotoError as error:
                problem.value, problem.visible = _(error.message), True
            else:
                chosen[:] = [prepared.jpeg]
                preview.controls = [
                    ft.Image(
                        src=prepared.jpeg,
                        width=120,
                        height=120,
                        fit=ft.BoxFit.COVER,
                        semantics_label=_("Photo after the fix"),
                    )
                ]
            busy.visible = False
            dialog.update()

        dialog = ask(
            self.ctx,
            key="resolve-dialog",
            title=_("Resolve this case"),
            fields=[
                ft.Text(_("A photo after the fix is required.")),
                ft.Row(
                    [
                        ft.OutlinedButton(
                            key="resolve-pick-photo",
                            content=_("Choose the photo after the fix"),
                            icon=ft.Icons.ADD_A_PHOTO,
                            on_click=pick,
                        ),
                        busy,
                    ],
                    wrap=True,
                ),
                preview,
                problem,
                note,
            ],
            confirm=_("Resolve"),
            check=lambda: None if chosen else _("Add the photo after the fix first."),
            on_confirm=lambda: self.run(
                lambda key: self.cases.resolve(
                    case_id=self.case.id,
                    after_photo=chosen[0],
                    note=(note.value or "").strip() or None,
                    idempotency_key=key,
                ),
                _("Resolved. The reporter is told."),
            ),
        )
