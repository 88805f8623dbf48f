"""Choosing wards: a search box over the city's wards, each a chip that is on or off."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.views.home import fold

if TYPE_CHECKING:
    from hue_s.app.api.models.wards import Ward
    from hue_s.app.context import AppContext


class WardPicker:
    """Chips of the wards matching a search; `selected` holds the chosen codes."""

    def __init__(
        self,
        ctx: AppContext,
        wards: list[Ward],
        selected: set[str],
        on_change: Callable[[str, bool], None],
        *,
        key: str,
    ) -> None:
        """Show `wards`; call `on_change(code, chosen)` when a chip is toggled."""
        self.ctx = ctx
        self.wards = sorted(wards, key=lambda ward: fold(ward.name))
        self.selected = set(selected)
        self.on_change = on_change
        self.key = key
        self.chips = ft.Row(wrap=True, spacing=6, run_spacing=6, key=f"{key}-chips")
        self.search = ft.TextField(
            key=f"{key}-search",
            label=ctx._("Find a ward or commune"),
            prefix_icon=ft.Icons.SEARCH,
            dense=True,
            on_change=self._searched,
        )
        self.control = ft.Column([self.search, self.chips], spacing=8, key=key)
        self._fill("")

    def _fill(self, query: str) -> None:
        """Show the chips of the wards whose name holds every word of the query."""
        words = fold(query).split()
        shown = [
            w for w in self.wards if all(word in fold(w.full_name or w.name) for word in words)
        ]
        self.chips.controls = [self._chip(ward) for ward in shown]

    def _chip(self, ward: Ward) -> ft.Chip:
        """Return the chip of one ward."""
        name = ward.full_name or ward.name

        def toggled(event: ft.Event[ft.Chip]) -> None:
            chosen = ward.code not in self.selected
            if chosen:
                self.selected.add(ward.code)
            else:
                self.selected.discard(ward.code)
            event.control.selected = chosen
            self.on_change(ward.code, chosen)

        return ft.Chip(
            key=f"{self.key}-{ward.code}",
            label=name,
            selected=ward.code in self.selected,
            tooltip=name,
            on_select=toggled,
        )

    def _searched(self, event: ft.Event[ft.TextField]) -> None:
        """Filter the chips as the person types."""
        self._fill(event.control.value or "")
        self.chips.update()

    def set_selected(self, codes: set[str]) -> None:
        """Choose exactly these wards (e.g. when an alert is loaded to be updated)."""
        self.selected = set(codes)
        self._fill(self.search.value or "")
