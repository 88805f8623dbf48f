"""The photo part of the report form: pick up to five, shrink them on the device, remove."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import flet as ft

from hue_s.app.context import AppContext
from hue_s.modules.incidents.app.draft import MAX_PHOTOS, DraftPhoto
from hue_s.modules.incidents.app.photos import PhotoError, prepare_photo

THUMBNAIL = 96


def megabytes(size: int) -> str:
    """Return a byte count as megabytes with one decimal."""
    return f"{size / 1_000_000:.1f}"


class PhotoPicker:
    """Photos of a report: added through the file picker (the camera on phones), shown, removed."""

    def __init__(
        self,
        ctx: AppContext,
        photos: list[DraftPhoto],
        on_change: Callable[[list[DraftPhoto]], None],
    ) -> None:
        """Show `photos`; call `on_change` with the new list whenever it changes."""
        self.ctx = ctx
        self.photos = list(photos)
        self._on_change = on_change
        _ = ctx._
        self.add_button = ft.OutlinedButton(
            key="incident-add-photos",
            content=_("Add photos"),
            icon=ft.Icons.ADD_A_PHOTO,
            tooltip=_("Add up to 5 photos of the problem"),
            on_click=self._pick,
        )
        self.progress = ft.ProgressBar(key="incident-photos-progress", visible=False, width=280)
        self.progress_text = ft.Text(visible=False, theme_style=ft.TextThemeStyle.BODY_SMALL)
        self.error_text = ft.Text(key="incident-photos-error", color=ft.Colors.ERROR, visible=False)
        self.summary = ft.Text(
            theme_style=ft.TextThemeStyle.BODY_SMALL, key="incident-photos-summary"
        )
        self.thumbnails = ft.Row(wrap=True, spacing=8, run_spacing=8)
        self.control = ft.Column(
            spacing=8,
            controls=[
                ft.Text(_("Photos"), theme_style=ft.TextThemeStyle.TITLE_SMALL),
                ft.Text(
                    _(
                        "Photos are made smaller and their hidden data (phone model and the "
                        "like) is removed on this device. Only where and when each was taken is "
                        "sent with it, to check the ward's photo of the fix."
                    ),
                    theme_style=ft.TextThemeStyle.BODY_SMALL,
                ),
                self.add_button,
                self.progress,
                self.progress_text,
                self.error_text,
                self.thumbnails,
                self.summary,
            ],
        )
        self._render()

    def _render(self) -> None:
        """Redraw the thumbnails and the size summary."""
        _ = self.ctx._
        self.thumbnails.controls = [self._thumbnail(index) for index in range(len(self.photos))]
        self.add_button.disabled = len(self.photos) >= MAX_PHOTOS
        if self.photos:
            sent = sum(len(photo.data) for photo in self.photos)
            picked = sum(photo.original_bytes for photo in self.photos)
            self.summary.value = _(
                "{count} of 5 photos: {sent} MB to send (picked: {picked} MB)"
            ).format(count=len(self.photos), sent=megabytes(sent), picked=megabytes(picked))
        else:
            self.summary.value = _("No photo yet.")

    def _thumbnail(self, index: int) -> ft.Control:
        """Return one photo's thumbnail with its remove button."""
        _ = self.ctx._
        number = index + 1
        return ft.Stack(
            width=THUMBNAIL,
            height=THUMBNAIL,
            controls=[
                ft.Image(
                    src=self.photos[index].data,
                    width=THUMBNAIL,
                    height=THUMBNAIL,
                    fit=ft.BoxFit.COVER,
                    border_radius=8,
                    semantics_label=_("Photo {number}").format(number=number),
                ),
                ft.Container(
                    alignment=ft.Alignment.TOP_RIGHT,
                    content=ft.IconButton(
                        key=f"incident-photo-remove-{number}",
                        icon=ft.Icons.CLOSE,
                        icon_size=16,
                        bgcolor=ft.Colors.SURFACE,
                        tooltip=_("Remove photo {number}").format(number=number),
                        on_click=lambda _event, at=index: self._remove(at),
                    ),
                ),
            ],
        )

    def _remove(self, index: int) -> None:
        """Drop one photo."""
        del self.photos[index]
        self._render()
        self._on_change(list(self.photos))
        self.control.update()

    def _show(self, message: str | None) -> None:
        """Show (or hide) the error line."""
        self.error_text.value = message or ""
        self.error_text.visible = bool(message)

    async def _pick(self, event: ft.Event[ft.OutlinedButton]) -> None:
        """Let the user pick photos, then prepare them one by one with a progress bar."""
        _ = self.ctx._
        files = await ft.FilePicker().pick_files(
            dialog_title=_("Choose photos of the problem"),
            file_type=ft.FilePickerFileType.IMAGE,
            allow_multiple=True,
            with_data=True,
        )
        if not files:
            return
        room = MAX_PHOTOS - len(self.photos)
        problems: list[str] = []
        if len(files) > room:
            too_many = _("At most 5 photos per report; the first {count} were added.")
            problems.append(too_many.format(count=room))
        chosen = files[:room]
        self.progress.value, self.progress.visible = 0.0, True
        self.progress_text.visible = True
        for done, picked in enumerate(chosen):
            self.progress_text.value = _("Preparing photo {number} of {total}…").format(
                number=done + 1, total=len(chosen)
            )
            self.control.update()
            try:
                data = picked.bytes
                if data is None and picked.path:
                    data = await asyncio.to_thread(Path(picked.path).read_bytes)
                prepared = await asyncio.to_thread(prepare_photo, data or b"")
            except PhotoError as error:
                problems.append(f"{picked.name}: {_(error.message)}")
            except OSError:
                problems.append(_("{name}: the file could not be read.").format(name=picked.name))
            else:
                self.photos.append(prepared.to_draft())
            self.progress.value = (done + 1) / len(chosen)
        self.progress.visible = self.progress_text.visible = False
        self._show(" ".join(problems) or None)
        self._render()
        self._on_change(list(self.photos))
        self.control.update()
