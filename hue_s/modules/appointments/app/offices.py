"""Choosing the ward office: type part of its name (accents optional), tap it in the short list."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import flet as ft

from hue_s.app.context import AppContext
from hue_s.modules.appointments.wire import Office
from hue_s.modules.services.wire import fold

SHOWN = 6
UNIT_WORDS = {"phuong", "xa", "ward", "commune"}


def name_words(office: Office) -> list[str]:
    """Return the folded words of an office's name, without "Phường" or "Xã"."""
    words = fold(office.name).split()
    return [word for word in words if word not in UNIT_WORDS] or words


class OfficeChoice:
    """A filter box and the offices it matches; `on_choose` hears the office taken."""

    def __init__(
        self,
        ctx: AppContext,
        offices: list[Office],
        on_choose: Callable[[Office], Awaitable[None]],
    ) -> None:
        """Draw the box, the matches and what is chosen."""
        _ = ctx._
        self.ctx = ctx
        self.offices = offices
        self.on_choose = on_choose
        self.box = ft.TextField(
            key="office-filter",
            label=_("Ward office"),
            hint_text=_("Type part of the ward's name"),
            prefix_icon=ft.Icons.LOCATION_CITY,
            on_change=self.filter,
        )
        self.matches = ft.Column(spacing=0)
        self.state = ft.Text(_("No office chosen yet"), key="office-chosen")
        self.control = ft.Column([self.box, self.matches, self.state], spacing=4)

    def filter(self) -> None:
        """List the offices whose name has the typed words."""
        typed = fold(self.box.value or "").split()
        found = [
            office
            for office in self.offices
            if typed and all(any(w.startswith(t) for w in name_words(office)) for t in typed)
        ]
        self.matches.controls = [
            ft.ListTile(
                key=f"office-{office.ward_code}",
                title=ft.Text(office.name),
                leading=ft.Icon(ft.Icons.PLACE),
                on_click=self.chooser(office),
            )
            for office in found[:SHOWN]
        ]
        self.matches.update()

    def chooser(self, office: Office) -> Callable[[], Awaitable[None]]:
        """Return a click handler that takes an office."""

        async def choose() -> None:
            self.state.value = self.ctx._("Chosen: {office}").format(office=office.name)
            self.matches.controls = []
            self.control.update()
            await self.on_choose(office)

        return choose
