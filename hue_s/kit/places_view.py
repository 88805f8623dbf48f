"""The app's pieces of OpenStreetMap places: the map, where the device is, the line under a
name, one place's page (call, directions, links, map) and the data's licence line. Flet only:
the backend never imports this file; each module brings its own words, filters and extras."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

import flet as ft
import flet_map as fm

from hue_s.app.device.dial import dial
from hue_s.app.views.map_hold import held_map
from hue_s.kit.location import device_point as device_point
from hue_s.kit.osm import (
    ATTRIBUTION,
    CONTRIBUTORS,
    OSM_COPYRIGHT,
    OSM_TILES,
    USER_AGENT_PACKAGE,
    directions_url,
)
from hue_s.kit.places import OsmPlace

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

HUE_CENTRE = (16.4637, 107.5909)
Place = TypeVar("Place", bound=OsmPlace)


@dataclass(frozen=True)
class Pins(Generic[Place]):
    """How a module's places stand on its maps: the map's name (a msgid), a colour, an icon."""

    tooltip: str
    colour: str
    icon: Callable[[Place], ft.IconData]


def attribution(ctx: AppContext) -> ft.Control:
    """Return the data's licence line (ODbL asks for it wherever the data is shown)."""
    return ft.Text(
        ctx._("Data: {attribution} (ODbL)").format(attribution=ATTRIBUTION),
        theme_style=ft.TextThemeStyle.BODY_SMALL,
    )


def places_map(
    ctx: AppContext,
    places: Sequence[Place],
    opened: Callable[[str], None],
    key: str,
    pins: Pins[Place],
    near: tuple[float, float] | None = None,
) -> ft.Control:
    """Return a map with a pin per place (a tap opens it), held still until asked to move."""
    centre = near or ((places[0].lat, places[0].lon) if len(places) == 1 else HUE_CENTRE)
    markers = [
        fm.Marker(
            content=ft.IconButton(
                icon=pins.icon(place), icon_color=pins.colour, icon_size=28, tooltip=place.name,
                on_click=lambda _event, place_id=place.id: opened(place_id),
            ),
            coordinates=fm.MapLatitudeLongitude(place.lat, place.lon),
            width=40, height=40, alignment=ft.Alignment.TOP_CENTER,
        )
        for place in places
    ]  # fmt: skip
    if near is not None:
        markers.append(
            fm.Marker(
                content=ft.Icon(ft.Icons.MY_LOCATION, color=ft.Colors.BLUE_700,
                                tooltip=ctx._("You are here")),
                coordinates=fm.MapLatitudeLongitude(*near),
                width=28, height=28,
            )
        )  # fmt: skip
    the_map = fm.Map(
        key=key,
        height=260,
        initial_center=fm.MapLatitudeLongitude(*centre),
        initial_zoom=16.0 if len(places) == 1 else 15.0 if near else 13.0,
        tooltip=ctx._(pins.tooltip),
        layers=[
            fm.TileLayer(url_template=OSM_TILES, user_agent_package_name=USER_AGENT_PACKAGE),
            fm.MarkerLayer(markers=markers),
            fm.SimpleAttribution(  # it writes the © itself
                text=CONTRIBUTORS,
                text_style=ft.TextStyle(size=11),
                on_click=lambda event: event.page.run_task(
                    ft.UrlLauncher().launch_url, OSM_COPYRIGHT
                ),
            ),
        ],
    )
    framed = ft.Container(content=the_map, border_radius=8, clip_behavior=ft.ClipBehavior.HARD_EDGE)
    return held_map(the_map, framed, ctx._)


def place_line(ctx: AppContext, place: OsmPlace, first: Sequence[str]) -> str:
    """Return the line under a place's name: the module's words first, then distance, ward."""
    parts = list(first)
    if place.distance_m is not None:
        metres = place.distance_m
        parts.append(
            ctx._("{distance} m").format(distance=round(metres))
            if metres < 1000
            else ctx._("{distance} km").format(distance=ctx.i18n.number(round(metres / 1000, 1)))
        )
    if place.ward_name:
        parts.append(place.ward_name)
    return " · ".join(parts)


def link_button(label: str, icon: ft.IconData, url: str, key: str) -> ft.OutlinedButton:
    """Return a button that opens a link (a web page, a tel: number)."""

    async def launch(event: ft.Event[ft.OutlinedButton]) -> None:
        await ft.UrlLauncher().launch_url(url)

    return ft.OutlinedButton(label, icon=icon, on_click=launch, key=key)


def place_buttons(ctx: AppContext, place: OsmPlace, module: str) -> list[ft.Control]:
    """Return a place's buttons: call (if it has a phone), directions, website, OSM page."""
    _ = ctx._
    buttons: list[ft.Control] = []
    if place.phone:
        phone = place.phone

        async def call(event: ft.Event[ft.Button]) -> None:
            await dial(phone)

        buttons.append(
            ft.FilledButton(_("Call {phone}").format(phone=phone), icon=ft.Icons.PHONE,
                            on_click=call, key=f"{module}-call")
        )  # fmt: skip
    buttons.append(
        link_button(_("Directions"), ft.Icons.DIRECTIONS,
                    directions_url(place.lat, place.lon), f"{module}-directions")
    )  # fmt: skip
    if place.website:
        buttons.append(link_button(_("Website"), ft.Icons.LANGUAGE, place.website, f"{module}-web"))
    buttons.append(link_button(_("On OpenStreetMap"), ft.Icons.MAP, place.osm_url, f"{module}-osm"))
    return buttons


def place_page(
    ctx: AppContext,
    place: Place,
    module: str,
    noun: str,
    pins: Pins[Place],
    facts: Sequence[ft.Control],
    after_buttons: Sequence[ft.Control] = (),
) -> ft.Column:
    """Return one place's page: its name, the module's facts, who runs it, its buttons, the
    module's extras, a map and the licence line (keys `<module>-name`, `<module>-detail`...)."""
    parts: list[ft.Control] = [
        ft.Text(place.name, theme_style=ft.TextThemeStyle.HEADLINE_SMALL, key=f"{module}-name"),
        *facts,
    ]
    if place.operator:
        parts.append(ft.Text(ctx._("Run by: {operator}").format(operator=place.operator)))
    parts += [
        ft.Row(place_buttons(ctx, place, module), wrap=True, spacing=8, run_spacing=8),
        *after_buttons,
        places_map(ctx, [place], lambda _place_id: None, f"{module}-{noun}-map", pins),
        attribution(ctx),
    ]
    return ft.Column(parts, spacing=12, key=f"{module}-detail")
