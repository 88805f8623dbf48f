"""The air screen's place: the picker's choices, the device's position, saving and removing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import flet as ft

from hue_s.kit import places_view
from hue_s.modules.air.app.places import (
    MAX_PLACES,
    ME,
    NAME_LENGTH,
    SAVED,
    PlaceRefused,
    SavedPlaces,
    Where,
)

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


def choices(ctx: AppContext, places: SavedPlaces, wards: dict[str, str]) -> list[ft.DropdownOption]:
    """Return the picker's choices: central Huế, my location, the saved places, the wards."""
    _ = ctx._
    return [
        ft.DropdownOption(key="", text=_("Central Huế")),
        ft.DropdownOption(key=ME, text=_("My location")),
        *(ft.DropdownOption(key=SAVED + p.name, text=p.name) for p in places.all()),
        *(ft.DropdownOption(key=code, text=name) for code, name in wards.items()),
    ]


async def resolve(
    ctx: AppContext, choice: str, places: SavedPlaces, wards: dict[str, str]
) -> tuple[Where | None, str]:
    """Return what to read for a choice and its name; no Where when there is no position."""
    _ = ctx._
    if choice == ME:
        point = await places_view.device_point()
        return (None if point is None else Where(lat=point[0], lon=point[1])), _("My location")
    saved = places.get(choice[len(SAVED) :]) if choice.startswith(SAVED) else None
    if saved is not None:
        return saved.where(), saved.name
    if choice in wards:
        return Where(ward=choice), wards[choice]
    return Where(), _("Central Huế")


def no_position(ctx: AppContext) -> ft.Control:
    """Say that the device's position could not be had, and what to do."""
    message = ctx._(
        "Your location is not available: location access was refused or the device cannot "
        "tell where it is. Allow location access, or pick a ward."
    )
    return ft.Text(message, key="air-no-location", color=ft.Colors.ERROR)


class PlaceActions:
    """Save the place shown under a short name, or remove the saved place shown."""

    def __init__(
        self, ctx: AppContext, places: SavedPlaces, chosen: Callable[[str], Awaitable[None]]
    ) -> None:
        """Build the controls; `chosen` shows another choice (after a save or a removal)."""
        _ = ctx._
        self.ctx, self.places, self.chosen = ctx, places, chosen
        self.where: Where | None = None
        self.name = ft.TextField(
            key="air-save-name", label=_("Name for this place"), max_length=NAME_LENGTH,
            hint_text=_("e.g. Home, Grandma's house"), expand=True,
        )  # fmt: skip
        self.save = ft.FilledTonalButton(
            key="air-save", content=_("Save this place"), icon=ft.Icons.BOOKMARK_ADD,
            on_click=self._save,
        )  # fmt: skip
        self.remove = ft.TextButton(
            key="air-remove", content=_("Remove this place"), icon=ft.Icons.DELETE_OUTLINE,
            on_click=self._remove,
        )  # fmt: skip
        self.error = ft.Text(key="air-save-error", color=ft.Colors.ERROR, visible=False)
        self.saving = ft.Row([self.name, self.save], wrap=True)
        self.control = ft.Column([self.saving, self.remove, self.error], spacing=8)

    def show(self, choice: str, where: Where | None) -> None:
        """Offer saving a place that is not saved yet, removing one that is."""
        self.where = where
        self.saving.visible = where is not None and not choice.startswith(SAVED)
        self.remove.visible = choice.startswith(SAVED)
        self.remove.data = choice[len(SAVED) :]
        self.error.visible = False

    async def _save(self, event: ft.Event[ft.Button]) -> None:
        """Save the place shown under the name typed, and show it."""
        _ = self.ctx._
        if self.where is None:
            return
        try:
            place = self.places.add(self.name.value or "", self.where)
        except PlaceRefused as refused:
            self.error.value = {
                "name": _("Give the place a short name (up to {count} letters).").format(
                    count=NAME_LENGTH
                ),
                "taken": _("A saved place already has this name."),
                "full": _("You can save up to {count} places; remove one first.").format(
                    count=MAX_PLACES
                ),
            }[refused.reason]
            self.error.visible = True
            self.control.update()
            return
        self.name.value = ""
        await self.chosen(SAVED + place.name)

    async def _remove(self, event: ft.Event[ft.TextButton]) -> None:
        """Forget the saved place shown and go back to central Huế."""
        self.places.remove(str(self.remove.data or ""))
        await self.chosen("")
