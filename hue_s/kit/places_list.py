"""The app's list screen of OpenStreetMap places: search by name, the module's filters, near
me, a map and a card per place. Flet only: the backend never imports this file."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.views.errors import describe_error
from hue_s.kit.places_view import Pins, Place, attribution, device_point, places_map

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


class PlaceFinder(Generic[Place]):
    """One module's list screen: search by name, near me, a map and a card per place; the
    module adds its filters (`chips`) and extras, and `find` asks its API with them."""

    def __init__(
        self,
        ctx: AppContext,
        module: str,
        noun: str,
        find: Callable[[str | None, tuple[float, float] | None], Awaitable[list[Place]]],
        line: Callable[[Place], str],
        empty: str,
        pins: Pins[Place],
    ) -> None:
        """Make the screen's parts; keys are `<module>-list`, `<module>-<noun>-<id>`..."""
        _ = ctx._
        self.ctx, self.module, self.noun = ctx, module, noun
        self.find, self.line, self.empty, self.pins = find, line, empty, pins
        self.near: tuple[float, float] | None = None
        self.listing = ft.Column(spacing=8, key=f"{module}-list")
        self.where = ft.Text(_("Around the city centre"), key=f"{module}-where")
        self.map_slot = ft.Column()
        self.search = ft.TextField(
            key=f"{module}-search", label=_("Search by name"), prefix_icon=ft.Icons.SEARCH,
            dense=True, expand=True, on_submit=self.searched,
        )  # fmt: skip

    def opened(self, place_id: str) -> None:
        """Open a place's page (`/<module>/<id>`)."""
        self.ctx.page.run_task(self.ctx.page.push_route, f"/{self.module}/{place_id}")

    async def fill(self) -> None:
        """Ask for the places the choices give and show them on the map and as cards."""
        query = (self.search.value or "").strip() or None
        try:
            places = await self.find(query, self.near)
        except HueAPIError as error:
            text = describe_error(self.ctx, error)
            self.listing.controls = [ft.Text(text, key=f"{self.module}-error")]
            self.map_slot.controls = []
            return
        self.listing.controls = [
            ft.Card(
                key=f"{self.module}-{self.noun}-{place.id}",
                content=ft.ListTile(
                    title=ft.Text(place.name),
                    subtitle=ft.Text(self.line(place)),
                    on_click=lambda _event, place_id=place.id: self.opened(place_id),
                ),
            )
            for place in places
        ] or [ft.Text(self.empty, key=f"{self.module}-empty")]
        self.map_slot.controls = [
            places_map(self.ctx, places, self.opened, f"{self.module}-map", self.pins, self.near)
        ]

    async def refill(self) -> None:
        """Fill again after a choice changed, and show it."""
        await self.fill()
        self.ctx.page.update()

    async def searched(self, event: ft.Event[ft.TextField]) -> None:
        """Refill for the words typed."""
        await self.refill()

    async def near_me(self, event: ft.Event[ft.Button]) -> None:
        """Put the places nearest the device first (the city centre if it cannot tell)."""
        point = await device_point()
        if point is None:
            self.where.value = self.ctx._(
                "Your location is not available; showing the city centre."
            )
        else:
            self.near = point
            self.where.value = self.ctx._("Nearest to you first")
        await self.refill()

    def chips(
        self, key: str, options: Sequence[tuple[Any, str]], pick: Callable[[Any], None]
    ) -> ft.Row:
        """Return a row of chips of which one is chosen (the first at start, valued None); a
        tap tells `pick` its value and refills."""
        row = ft.Row(wrap=True, spacing=6, run_spacing=6, key=key)

        def chip(value: Any, label: str) -> ft.Chip:
            async def picked(event: ft.Event[ft.Chip]) -> None:
                pick(value)
                for other in row.controls:
                    assert isinstance(other, ft.Chip)
                    other.selected = other.data == value
                await self.refill()

            return ft.Chip(label=label, data=value, selected=value is None, on_select=picked)

        row.controls = [chip(value, label) for value, label in options]
        return row

    def screen(
        self,
        title: str,
        filters: Sequence[ft.Control],
        *,
        top: Sequence[ft.Control] = (),
        beside_near: Sequence[ft.Control] = (),
        bottom: Sequence[ft.Control] = (),
    ) -> ft.Column:
        """Return the screen: title, `top`, search, `filters`, near me, map, cards, `bottom`."""
        near_me = ft.FilledTonalButton(
            self.ctx._("Near me"), icon=ft.Icons.MY_LOCATION, on_click=self.near_me,
            key=f"{self.module}-near-me",
        )  # fmt: skip
        return ft.Column(
            key=f"{self.module}-screen",
            spacing=12,
            controls=[
                ft.Text(title, theme_style=ft.TextThemeStyle.HEADLINE_SMALL),
                *top,
                ft.Row([self.search]),
                *filters,
                ft.Row(
                    wrap=True, spacing=8, run_spacing=8,
                    vertical_alignment=ft.CrossAxisAlignment.CENTER,
                    controls=[*beside_near, near_me, self.where],
                ),
                self.map_slot,
                self.listing,
                *bottom,
                attribution(self.ctx),
            ],
        )  # fmt: skip
