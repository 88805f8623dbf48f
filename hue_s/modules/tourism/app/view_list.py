"""Places for visitors: categories, words, "near me", a map and the list; events one tap away."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.views.errors import describe_error
from hue_s.kit.places_view import device_point
from hue_s.modules.tourism.app.language import language_chosen, language_picker
from hue_s.modules.tourism.app.place_map import centre_on, pin, places_map
from hue_s.modules.tourism.app.resource import TourismResource
from hue_s.modules.tourism.app.words import (
    ATTRIBUTION_TEXT,
    CATEGORY_ICONS,
    CATEGORY_NAMES,
    LANGUAGES,
    distance_text,
    translator,
)
from hue_s.modules.tourism.wire import CATEGORIES, Place

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

TOURISM_PATH = "/tourism"
EVENTS_PATH = "/tourism/events"


def place_path(place_id: str) -> str:
    """Return the route of one place ('node/123' -> /tourism/node/123)."""
    return f"{TOURISM_PATH}/{place_id}"


def place_row(ctx: AppContext, place: Place) -> ft.Control:
    """Return one place of the list: its name here, its kind, its local name, its distance."""
    _ = translator(ctx)
    shown = place.name_in(ctx.i18n.language)
    parts = [_(CATEGORY_NAMES[place.category])]
    if shown != place.name:
        parts.append(place.name)
    if place.distance_m is not None:
        parts.append(distance_text(ctx, place.distance_m))

    async def opened(event: ft.Event[ft.ListTile]) -> None:
        await ctx.page.push_route(place_path(place.id))

    return ft.ListTile(
        key=f"tourism-place-{place.id}",
        leading=ft.Icon(CATEGORY_ICONS[place.category]),
        title=ft.Text(shown),
        subtitle=ft.Text(" · ".join(parts)),
        trailing=ft.Icon(ft.Icons.STAR, color=ft.Colors.AMBER_700) if place.featured else None,
        on_click=opened,
    )


async def build_places(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Build the places screen."""
    _ = translator(ctx)
    api = ctx.api.resource(TourismResource)
    chosen: dict[str, str | None] = {"category": None}
    near: dict[str, tuple[float, float] | None] = {"point": None}
    listing = ft.Column(spacing=0, key="tourism-list")
    status = ft.Text("", key="tourism-status")
    search = ft.TextField(
        key="tourism-search", label=_("Find a place"), prefix_icon=ft.Icons.SEARCH, dense=True,
        expand=True,
    )  # fmt: skip
    chips = ft.Row(wrap=True, spacing=6, run_spacing=6, key="tourism-categories")

    def open_place(place_id: str) -> None:
        ctx.page.run_task(ctx.page.push_route, place_path(place_id))

    map_view, map_control, pins = places_map(ctx, [], open_place)

    async def fill() -> None:
        try:
            places = await api.places(
                category=chosen["category"], query=search.value or None, near=near["point"]
            )
        except HueAPIError as error:
            status.value = describe_error(ctx, error)
            listing.controls = []
            return
        language = ctx.i18n.language
        pins.markers = [pin(p, p.name_in(language), open_place) for p in places]
        listing.controls = [place_row(ctx, place) for place in places] or [
            ft.Text(_("No place found. Try other words."), key="tourism-empty")
        ]
        status.value = (
            _("Nearest to you first.") if near["point"] else _("{count} places").format(
                count=ctx.i18n.number(len(places))
            )
        )  # fmt: skip

    async def refill() -> None:
        await fill()
        ctx.page.update()

    async def searched(event: ft.Event[ft.TextField]) -> None:
        await refill()

    def chip(category: str | None) -> ft.Chip:
        label = _("All") if category is None else _(CATEGORY_NAMES[category])

        async def picked(event: ft.Event[ft.Chip]) -> None:
            chosen["category"] = category
            for other in chips.controls:
                assert isinstance(other, ft.Chip)
                other.selected = other.data == category
            await refill()

        return ft.Chip(
            label=label, data=category, selected=category is None, on_select=picked,
            key=f"tourism-category-{category or 'all'}",
        )  # fmt: skip

    async def near_me(event: ft.Event[ft.Button]) -> None:
        status.value = _("Finding where you are…")
        status.update()
        point = await device_point()
        if point is None:
            status.value = _("Your location is not available. Allow it, or search by name.")
            status.update()
            return
        near["point"] = point
        await refill()
        await centre_on(map_control, point)

    async def events(event: ft.Event[ft.Button]) -> None:
        await ctx.page.push_route(EVENTS_PATH)

    chips.controls = [chip(None), *(chip(category) for category in CATEGORIES)]
    search.on_submit = searched
    await fill()
    head: list[ft.Control] = [
        ft.Text(_("Visit Huế"), theme_style=ft.TextThemeStyle.HEADLINE_SMALL, key="tourism-title")
    ]
    picker = language_picker(ctx)
    picker.visible = not language_chosen(ctx)
    head.append(picker)

    def languages() -> None:
        picker.visible = not picker.visible
        picker.update()

    actions = ft.Row(
        [
            ft.FilledTonalButton(
                _("Near me"), icon=ft.Icons.MY_LOCATION, on_click=near_me, key="tourism-near-me"
            ),
            ft.FilledTonalButton(
                _("Events"), icon=ft.Icons.EVENT, on_click=events, key="tourism-events"
            ),
            ft.TextButton(
                LANGUAGES[ctx.i18n.language],
                icon=ft.Icons.TRANSLATE,
                on_click=languages,
                key="tourism-language",
                tooltip=_("Language"),
            ),  # fmt: skip
        ],
        wrap=True,
        spacing=8,
        run_spacing=8,
    )
    attribution = ft.Text(_(ATTRIBUTION_TEXT), size=12, key="tourism-attribution")
    return ft.Column(
        [*head, ft.Row([search]), actions, chips, map_view, status, listing, attribution],
        spacing=12,
        key="tourism-screen",
    )
