"""Operators and admins bring in events: they paste an iCalendar (.ics) text."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import flet as ft
from pydantic import ValidationError

from hue_s.app.api.errors import HueAPIError, UnprocessableError
from hue_s.app.views.errors import describe_error
from hue_s.modules.tourism.app.resource import TourismResource
from hue_s.modules.tourism.app.words import IMPORTER_ROLES, translator

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


def import_form(ctx: AppContext, on_imported: Callable[[], Awaitable[None]]) -> ft.Control:
    """Return the import card for staff who may import (else an empty column); after an
    import, `on_imported` shows the events again."""
    if ctx.session.role not in IMPORTER_ROLES:
        return ft.Column([])
    _ = translator(ctx)
    calendar = ft.TextField(
        key="tourism-import-text", label=_("Paste the iCalendar (.ics) text"), multiline=True,
        min_lines=3, max_lines=8,
    )  # fmt: skip
    outcome = ft.Text("", key="tourism-import-outcome")

    async def send() -> None:
        try:
            result = await ctx.api.resource(TourismResource).import_calendar(
                calendar=calendar.value or ""
            )
        except (ValidationError, UnprocessableError):
            outcome.value = _("This is not an iCalendar file.")
        except HueAPIError as error:
            outcome.value = describe_error(ctx, error)
        else:
            outcome.value = _("{added} added, {updated} updated, {skipped} skipped.").format(
                added=result.added, updated=result.updated, skipped=result.skipped
            )
            await on_imported()
        outcome.update()

    return ft.Card(
        key="tourism-import",
        content=ft.Container(
            padding=12,
            content=ft.Column(
                [
                    ft.Text(_("Import events"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
                    calendar,
                    ft.FilledButton(
                        _("Import"),
                        icon=ft.Icons.UPLOAD_FILE,
                        on_click=send,
                        key="tourism-import-send",
                    ),  # fmt: skip
                    outcome,
                ],
                spacing=8,
            ),
        ),
    )
