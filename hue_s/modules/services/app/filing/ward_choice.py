"""Choosing the ward office that receives a dossier: type part of its name (accents optional),
tap it in the short list."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from hue_s.app.api.models.wards import Ward
from hue_s.app.context import AppContext
from hue_s.modules.services.wire import fold

SHOWN = 6
UNIT_WORDS = {"phuong", "xa"}


def name_words(ward: Ward) -> list[str]:
    """Return the folded words of a ward's name, without "Phường" or "Xã"."""
    words = fold(ward.full_name or ward.name).split()
    return [word for word in words if word not in UNIT_WORDS] or words


class WardChoice:
    """A filter box and the wards it matches; `chosen` is the picked ward's code."""

    def __init__(
        self, ctx: AppContext, wards: list[Ward], on_change: Callable[[], None] | None = None
    ) -> None:
        """Draw the box, the matches and what is chosen; `on_change` hears a new choice."""
        _ = ctx._
        self.ctx = ctx
        self.on_change = on_change
        self.wards = wards
        self.chosen: str | None = None
        self.box = ft.TextField(
            key="ward-filter",
            label=_("Ward office that receives the dossier"),
            hint_text=_("Type part of the ward's name"),
            prefix_icon=ft.Icons.LOCATION_CITY,
            on_change=self._filter,
        )
        self.matches = ft.Column(spacing=0)
        self.state = ft.Text(_("No ward chosen yet"), key="ward-chosen")
        self.control = ft.Column([self.box, self.matches, self.state], spacing=4)

    def _filter(self) -> None:
        """List the wards whose name has the typed words."""
        typed = fold(self.box.value or "").split()
        found = [
            ward
            for ward in self.wards
            if typed and all(any(w.startswith(t) for w in name_words(ward)) for t in typed)
        ]
        self.matches.controls = [
            ft.ListTile(
                key=f"ward-{ward.code}",
                title=ft.Text(ward.full_name or ward.name),
                leading=ft.Icon(ft.Icons.PLACE),
                on_click=self._chooser(ward),
            )
            for ward in found[:SHOWN]
        ]
        self.matches.update()

    def _chooser(self, ward: Ward) -> Callable[[], None]:
        """Return a click handler that takes a ward."""
        return lambda: self.choose(ward)

    def choose(self, ward: Ward, *, drawn: bool = True) -> None:
        """Take a ward and say so (`drawn`: on the page already, so redraw)."""
        self.chosen = ward.code
        self.state.value = self.ctx._("Chosen: {ward}").format(ward=ward.full_name or ward.name)
        self.state.color = None
        self.matches.controls = []
        if drawn:
            self.control.update()
            if self.on_change is not None:
                self.on_change()

    def restore(self, code: str | None) -> None:
        """Take back the ward a draft kept, if it still exists."""
        ward = next((ward for ward in self.wards if ward.code == code), None)
        if ward is not None:
            self.choose(ward, drawn=False)

    def check(self) -> bool:
        """Say whether a ward is chosen (asking for one if not)."""
        if self.chosen is None:
            self.state.value = self.ctx._("Choose the ward office.")
            self.state.color = ft.Colors.ERROR
        return self.chosen is not None
