"""One place: its names, kind, opening hours, contacts, a map and directions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.views.errors import describe_error
from hue_s.modules.tourism.app.place_map import places_map
from hue_s.modules.tourism.app.resource import TourismResource
from hue_s.modules.tourism.app.words import (
    ATTRIBUTION_TEXT,
    CATEGORY_ICONS,
    CATEGORY_NAMES,
    translator,
)

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


def fact(icon: ft.IconData, label: str, value: str, key: str) -> ft.Control:
    """Return one labelled line (hours, phone...), wrapping at any width."""
    return ft.Row(
        [
            ft.Icon(icon, size=20),
            ft.Column(
                [ft.Text(label, theme_style=ft.TextThemeStyle.LABEL_MEDIUM), ft.Text(value)],
                spacing=2,
                expand=True,
            ),
        ],
        vertical_alignment=ft.CrossAxisAlignment.START,
        key=key,
    )


def link_button(label: str, icon: ft.IconData, url: str, key: str) -> ft.Control:
    """Return a button that opens a page outside the app."""

    async def opened(event: ft.Event[ft.OutlinedButton]) -> None:
        await ft.UrlLauncher().launch_url(url)

    return ft.OutlinedButton(label, icon=icon, on_click=opened, key=key, data=url)


async def build_place(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Build one place's screen."""
    _ = translator(ctx)
    place_id = f"{params['kind']}/{params['number']}"
    try:
        place = await ctx.api.resource(TourismResource).place(place_id=place_id)
    except HueAPIError as error:
        return ft.Text(describe_error(ctx, error), key="tourism-error")
    shown = place.name_in(ctx.i18n.language)
    parts: list[ft.Control] = [
        ft.Text(shown, theme_style=ft.TextThemeStyle.HEADLINE_SMALL, key="tourism-place-name"),
        ft.Row(
            [
                ft.Icon(CATEGORY_ICONS[place.category], size=18),
                ft.Text(_(CATEGORY_NAMES[place.category])),
            ],
            wrap=True,
        ),  # fmt: skip
    ]
    if shown != place.name:
        parts.append(fact(ft.Icons.TRANSLATE, _("Local name"), place.name, "tourism-local-name"))
    hours = place.opening_hours or _("Not known. Ask on the spot or call ahead.")
    parts.append(fact(ft.Icons.SCHEDULE, _("Opening hours"), hours, "tourism-hours"))
    where = ", ".join(part for part in (place.address, place.ward_name) if part)
    if where:
        parts.append(fact(ft.Icons.PLACE, _("Address"), where, "tourism-address"))
    if place.phone:
        parts.append(fact(ft.Icons.PHONE, _("Phone"), place.phone, "tourism-phone"))
    buttons: list[ft.Control] = [
        link_button(_("Directions (OpenStreetMap)"), ft.Icons.DIRECTIONS, place.directions_osm,
                    "tourism-directions-osm"),
        link_button(_("Directions (Google Maps)"), ft.Icons.MAP, place.directions_google,
                    "tourism-directions-google"),
    ]  # fmt: skip
    if place.website:
        buttons.append(
            link_button(_("Website"), ft.Icons.OPEN_IN_NEW, place.website, "tourism-website")
        )
    map_view, _map, _pins = places_map(
        ctx, [place], lambda _id: None, centre=(place.lat, place.lon), zoom=16.0,
        key="tourism-place-map",
    )  # fmt: skip
    parts += [
        ft.Row(buttons, wrap=True, spacing=8, run_spacing=8),
        map_view,
        ft.Text(_(ATTRIBUTION_TEXT), size=12, key="tourism-attribution"),
    ]
    return ft.Column(parts, spacing=12, key="tourism-place")
