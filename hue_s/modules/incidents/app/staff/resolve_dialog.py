"""The resolve dialog: the photo after the fix (its place and time kept for the check), a word."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.i18n import N_
from hue_s.modules.incidents.app.draft import DraftPhoto
from hue_s.modules.incidents.app.photos import PhotoError, prepare_photo
from hue_s.modules.incidents.app.staff.dialogs import ask, text_field

if TYPE_CHECKING:
    from hue_s.modules.incidents.app.staff.case_actions import CaseActions

THUMBNAIL = 120


CHECKABLE = N_(
    "This photo says where and when it was taken: it will be checked against the report."
)
UNCHECKABLE = N_(
    "This photo does not say where and when it was taken, so it cannot be checked against the "
    "report; it is accepted as it is."
)


def proof_text(photo: DraftPhoto) -> str:
    """Say whether the photo can be checked against the report's (a gettext marker)."""
    return CHECKABLE if photo.place is not None and photo.taken_at is not None else UNCHECKABLE


def ask_to_resolve(actions: CaseActions) -> None:
    """Show the resolve dialog of a case; a refusal (photo too far, too early) shows in it."""
    ctx = actions.ctx
    _ = ctx._
    chosen: list[DraftPhoto] = []
    preview = ft.Row(wrap=True)
    facts = ft.Text(
        key="resolve-photo-facts", theme_style=ft.TextThemeStyle.BODY_SMALL, visible=False
    )
    busy = ft.ProgressRing(width=20, height=20, visible=False)
    problem = ft.Text(color=ft.Colors.ERROR, visible=False)
    note = text_field(ctx, "resolve-note", _("What was done (optional)"))

    async def pick(event: ft.Event[ft.OutlinedButton]) -> None:
        """Pick the after photo and prepare it (shrunk; place and time read, then stripped)."""
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
            chosen[:] = [prepared.to_draft()]
            preview.controls = [
                ft.Image(
                    src=prepared.jpeg,
                    width=THUMBNAIL,
                    height=THUMBNAIL,
                    fit=ft.BoxFit.COVER,
                    semantics_label=_("Photo after the fix"),
                )
            ]
            facts.value, facts.visible = _(proof_text(chosen[0])), True
        busy.visible = False
        dialog.update()

    dialog = ask(
        ctx,
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
            facts,
            problem,
            note,
        ],
        confirm=_("Resolve"),
        check=lambda: None if chosen else _("Add the photo after the fix first."),
        send=lambda: actions.send(
            lambda key: actions.cases.resolve(
                case_id=actions.case.id,
                after_photo=chosen[0],
                note=(note.value or "").strip() or None,
                idempotency_key=key,
            )
        ),
        on_confirm=lambda: actions.finished(_("Resolved. The reporter is told.")),
    )
