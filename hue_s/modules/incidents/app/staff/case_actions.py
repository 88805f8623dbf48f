"""What an officer does to a case: accept, start, transfer, note, reject, resolve."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

import flet as ft

from hue_s.app.api.errors import APIStatusError, HueAPIError
from hue_s.app.api.models.wards import Ward
from hue_s.app.context import AppContext
from hue_s.app.i18n import N_
from hue_s.app.views.errors import describe_error
from hue_s.modules.incidents.app.api import error_code
from hue_s.modules.incidents.app.models import CaseDetail, ReasonBody
from hue_s.modules.incidents.app.staff.api import CasesResource
from hue_s.modules.incidents.app.staff.dialogs import ask, text_field, too_short
from hue_s.modules.incidents.app.staff.models import NoteBody, TransferBody
from hue_s.modules.incidents.app.staff.resolve_dialog import ask_to_resolve
from hue_s.modules.incidents.app.views.choice import Choice, ChoiceButton

INBOX_ROUTE = "/officer"
CASE_WORKERS = frozenset({"officer", "operator", "admin"})
"""Roles that may change cases (leaders only look)."""
ACCEPTABLE = frozenset({"received", "transferred"})
WORKING = frozenset({"received", "transferred", "assigned", "in_progress"})
RESOLVABLE = frozenset({"assigned", "in_progress"})
BAD_PHOTO_FACTS = N_("The place or time of this photo cannot be used. Choose another photo.")
REFUSALS = {
    "after_photo_too_far": N_(
        "The photo after the fix was taken too far from the reported place. Take it where the "
        "problem was, then choose it here."
    ),
    "after_photo_too_early": N_(
        "The photo after the fix was taken before the report's photo. Take a new photo of the "
        "fix, then choose it here."
    ),
    "after_photo_required": N_("Add the photo after the fix first."),
    "invalid_photo_place": BAD_PHOTO_FACTS,
    "invalid_photo_time": BAD_PHOTO_FACTS,
}
"""What the server's refusals of a case action mean, by error code."""


class CaseActions:
    """The action buttons of one case, and the dialogs behind them."""

    def __init__(self, ctx: AppContext, case: CaseDetail, wards: list[Ward]) -> None:
        """Prepare the actions the case's status allows."""
        self.ctx = ctx
        self.case = case
        self.wards = [ward for ward in wards if ward.code != case.ward_code]
        self.cases = ctx.api.resource(CasesResource)

    def problem(self, error: HueAPIError) -> str:
        """Return what a failed action means, translated, with what to do next."""
        code = error_code(error) if isinstance(error, APIStatusError) else None
        known = REFUSALS.get(code or "")
        return self.ctx._(known) if known else describe_error(self.ctx, error)

    async def send(self, action: Callable[[str], Awaitable[CaseDetail]]) -> str | None:
        """Send an action with a fresh idempotency key; return its problem, None when done."""
        try:
            await action(str(uuid.uuid4()))
        except HueAPIError as error:
            return self.problem(error)
        return None

    async def finished(self, done: str) -> None:
        """Say the action was done and redraw the case."""
        self.ctx.page.show_dialog(ft.SnackBar(ft.Text(done)))
        if self.ctx.refresh is not None:
            await self.ctx.refresh()

    async def run(self, action: Callable[[str], Awaitable[CaseDetail]], done: str) -> None:
        """Send an action (a button without a dialog); then redraw, or say what went wrong."""
        problem = await self.send(action)
        if problem is not None:
            self.ctx.page.show_dialog(ft.SnackBar(ft.Text(problem)))
            return
        await self.finished(done)

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
            # An action, not the status "received" ("Đã tiếp nhận") it would be mistaken for.
            add("case-accept", _("Take the case"), ft.Icons.ASSIGNMENT_IND, self._accept, True)
        if status == "assigned":
            add("case-start", _("Start work"), ft.Icons.CONSTRUCTION, self._start)
        if status in RESOLVABLE:
            add("case-resolve", _("Resolve"), ft.Icons.TASK_ALT, self._resolve, filled=True)
        add("case-note", _("Add a note"), ft.Icons.NOTE_ADD, self._note)
        placing = self.case.ward_code is None  # the city tier places; a ward hands over
        add(
            "case-transfer",
            _("Place in a ward") if placing else _("Transfer"),
            ft.Icons.MOVE_UP,
            self._transfer,
        )
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
            send=lambda: self.send(
                lambda key: self.cases.note(
                    case_id=self.case.id,
                    note=NoteBody(note=(note.value or "").strip(), public=bool(public.value)),
                    idempotency_key=key,
                )
            ),
            on_confirm=lambda: self.finished(_("Note added.")),
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
            send=lambda: self.send(
                lambda key: self.cases.reject(
                    case_id=self.case.id,
                    reason=ReasonBody(reason=(reason.value or "").strip()),
                    idempotency_key=key,
                )
            ),
            on_confirm=lambda: self.finished(_("The case is rejected.")),
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

        placing = self.case.ward_code is None
        ask(
            self.ctx,
            key="transfer-dialog",
            title=_("Place in a ward") if placing else _("Transfer to another ward"),
            fields=[ward.control, reason],
            confirm=_("Place") if placing else _("Transfer"),
            check=check,
            send=lambda: self.send(
                lambda key: self.cases.transfer(
                    case_id=self.case.id,
                    transfer=TransferBody(
                        ward_code=ward.value or "", reason=(reason.value or "").strip()
                    ),
                    idempotency_key=key,
                )
            ),
            on_confirm=lambda: self.handed_over(ward.chosen.label if ward.chosen else ""),
        )

    async def handed_over(self, ward_name: str) -> None:
        """Say where the case went and go back to the inbox: it is no longer this ward's."""
        done = self.ctx._("Case {number} was handed over to {ward}; it left your ward's list.")
        if self.case.ward_code is None:
            done = self.ctx._("Case {number} was placed in {ward}; it left the city-level list.")
        message = done.format(number=self.case.id, ward=ward_name)
        self.ctx.page.show_dialog(ft.SnackBar(ft.Text(message), key="case-handed-over"))
        await self.ctx.page.push_route(INBOX_ROUTE)

    def _resolve(self, event: ft.Event[ft.Button]) -> None:
        """Ask for the after photo (and a word), then resolve the case."""
        ask_to_resolve(self)
