"""The health screen: 115 first, then places by kind, open now, near me, on a map and a list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.views.errors import describe_error
from hue_s.modules.health.app.parts import attribution, emergency_banner, places_map, where_am_i
from hue_s.modules.health.app.resource import HealthResource
from hue_s.modules.health.app.words import KIND_NAMES, KIND_PLURALS, open_words
from hue_s.modules.health.wire import KINDS, HealthPlace

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


def distance_words(ctx: AppContext, metres: float) -> str:
    """Return a distance as people say it."""
    if metres < 1000:
        return ctx._("{distance} m").format(distance=round(metres))
    return ctx._("{distance} km").format(distance=ctx.i18n.number(round(metres / 1000, 1)))


def place_line(ctx: AppContext, place: HealthPlace) -> str:
    """Return the line under a place's name: kind, open or not, distance, ward."""
    parts = [ctx._(KIND_NAMES[place.kind]), ctx._(open_words(place.open_now))]
    if place.distance_m is not None:
        parts.append(distance_words(ctx, place.distance_m))
    if place.ward_name:
        parts.append(place.ward_name)
    return " · ".join(parts)


async def build_health(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Build the health screen."""
    _ = ctx._
    api = ctx.api.resource(HealthResource)
    chosen: dict[str, Any] = {"kind": None, "open": False, "near": None}
    listing = ft.Column(spacing=8, key="health-list")
    where = ft.Text(_("Around the city centre"), key="health-where")
    map_slot = ft.Column()
    search = ft.TextField(
        key="health-search", label=_("Search by name"), prefix_icon=ft.Icons.SEARCH, dense=True,
        expand=True,
    )  # fmt: skip
    kinds = ft.Row(wrap=True, spacing=6, run_spacing=6, key="health-kinds")

    def opened(place_id: str) -> None:
        ctx.page.run_task(ctx.page.push_route, f"/health/{place_id}")

    async def fill() -> None:
        try:
            places = await api.list(
                kind=chosen["kind"], query=(search.value or "").strip() or None,
                open_now=chosen["open"], near=chosen["near"],
            )  # fmt: skip
        except HueAPIError as error:
            listing.controls = [ft.Text(describe_error(ctx, error), key="health-error")]
            map_slot.controls = []
            return
        listing.controls = [
            ft.Card(
                key=f"health-place-{place.id}",
                content=ft.ListTile(
                    title=ft.Text(place.name),
                    subtitle=ft.Text(place_line(ctx, place)),
                    on_click=lambda _event, place_id=place.id: opened(place_id),
                ),
            )
            for place in places
        ] or [ft.Text(_("No place matches these choices."), key="health-empty")]
        map_slot.controls = [places_map(ctx, places, opened, "health-map", chosen["near"])]

    async def refill() -> None:
        await fill()
        ctx.page.update()

    def kind_chip(kind: str | None) -> ft.Chip:
        async def picked(event: ft.Event[ft.Chip]) -> None:
            chosen["kind"] = kind
            for other in kinds.controls:
                assert isinstance(other, ft.Chip)
                other.selected = other.data == kind
            await refill()

        label = _("All") if kind is None else _(KIND_PLURALS[kind])
        return ft.Chip(label=label, data=kind, selected=kind is None, on_select=picked)

    async def open_toggled(event: ft.Event[ft.Chip]) -> None:
        chosen["open"] = not chosen["open"]
        open_chip.selected = chosen["open"]
        await refill()

    async def near_me(event: ft.Event[ft.Button]) -> None:
        point = await where_am_i()
        if point is None:
            where.value = _("Your location is not available; showing the city centre.")
        else:
            chosen["near"] = point
            where.value = _("Nearest to you first")
        await refill()

    async def searched(event: ft.Event[ft.TextField]) -> None:
        await refill()

    kinds.controls = [kind_chip(None), *(kind_chip(kind) for kind in KINDS)]
    open_chip = ft.Chip(
        label=_("Open now"), key="health-open-now", selected=False, on_select=open_toggled
    )
    search.on_submit = searched
    await fill()
    return ft.Column(
        key="health-screen",
        spacing=12,
        controls=[
            ft.Text(_("Health"), theme_style=ft.TextThemeStyle.HEADLINE_SMALL),
            emergency_banner(ctx),
            ft.Row([search]),
            kinds,
            ft.Row(
                wrap=True, spacing=8, run_spacing=8,
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
                controls=[
                    open_chip,
                    ft.FilledTonalButton(
                        _("Near me"), icon=ft.Icons.MY_LOCATION, on_click=near_me,
                        key="health-near-me",
                    ),
                    where,
                ],
            ),
            map_slot,
            listing,
            attribution(ctx),
        ],
    )  # fmt: skip
