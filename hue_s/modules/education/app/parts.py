"""Pieces of the education screens: the licence line, the map of schools, where the device is."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import flet as ft
import flet_geolocator as fg
import flet_map as fm

from hue_s.app.views.map_hold import held_map
from hue_s.modules.education.wire import ATTRIBUTION, School

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

logger = logging.getLogger(__name__)
HUE_CENTRE = (16.4637, 107.5909)
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_COPYRIGHT = "https://www.openstreetmap.org/copyright"
LOCATION_TIMEOUT = 20.0


def attribution(ctx: AppContext) -> ft.Control:
    """Return the data's licence line (ODbL asks for it wherever the data is shown)."""
    return ft.Text(
        ctx._("Data: {attribution} (ODbL)").format(attribution=ATTRIBUTION),
        theme_style=ft.TextThemeStyle.BODY_SMALL,
    )


def places_map(
    ctx: AppContext,
    places: list[School],
    opened: Callable[[str], None],
    key: str,
    near: tuple[float, float] | None = None,
) -> ft.Control:
    """Return a map with a pin per school (a tap opens it), held still until asked to move."""
    centre = near or ((places[0].lat, places[0].lon) if len(places) == 1 else HUE_CENTRE)
    pins = [
        fm.Marker(
            content=ft.IconButton(
                icon=ft.Icons.SCHOOL,
                icon_color=ft.Colors.INDIGO_700, icon_size=28, tooltip=place.name,
                on_click=lambda _event, place_id=place.id: opened(place_id),
            ),
            coordinates=fm.MapLatitudeLongitude(place.lat, place.lon),
            width=40, height=40, alignment=ft.Alignment.TOP_CENTER,
        )
        for place in places
    ]  # fmt: skip
    if near is not None:
        pins.append(
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
        tooltip=ctx._("Map of schools"),
        layers=[
            fm.TileLayer(url_template=OSM_TILES, user_agent_package_name="vn.gov.hue.hue_s"),
            fm.MarkerLayer(markers=pins),
            fm.SimpleAttribution(  # it writes the © itself
                text="OpenStreetMap contributors",
                text_style=ft.TextStyle(size=11),
                on_click=lambda event: event.page.run_task(
                    ft.UrlLauncher().launch_url, OSM_COPYRIGHT
                ),
            ),
        ],
    )
    framed = ft.Container(content=the_map, border_radius=8, clip_behavior=ft.ClipBehavior.HARD_EDGE)
    return held_map(the_map, framed, ctx._)


async def where_am_i() -> tuple[float, float] | None:
    """Return where the device is (the browser asks the person), None if not available."""
    try:
        position = await asyncio.wait_for(fg.Geolocator().get_current_position(), LOCATION_TIMEOUT)
    except Exception as error:  # refused, no GPS, unsupported, timed out
        logger.info("no position: %s", type(error).__name__)
        return None
    if position is None or position.latitude is None or position.longitude is None:
        return None
    return float(position.latitude), float(position.longitude)
