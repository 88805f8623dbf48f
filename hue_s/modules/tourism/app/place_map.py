"""The places on an OpenStreetMap map; a pin opens its place."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import flet as ft
import flet_map as fm

from hue_s.app.views.map_hold import held_map
from hue_s.kit.osm import CONTRIBUTORS, OSM_COPYRIGHT, OSM_TILES, USER_AGENT_PACKAGE
from hue_s.modules.tourism.app.words import N_, translator
from hue_s.modules.tourism.wire import Place

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

CITADEL = (16.4690, 107.5790)
"""The Imperial City, where a visitor's map starts."""


def pin(place: Place, label: str, on_open: Callable[[str], None]) -> fm.Marker:
    """Return a place's pin (key sights in the module's purple, the rest in red)."""
    colour = ft.Colors.DEEP_PURPLE_700 if place.featured else ft.Colors.RED_700
    button = ft.IconButton(
        icon=ft.Icons.PLACE, icon_color=colour, icon_size=30, tooltip=label,
        on_click=lambda _event: on_open(place.id),
    )  # fmt: skip
    return fm.Marker(
        content=button,
        coordinates=fm.MapLatitudeLongitude(place.lat, place.lon),
        width=40,
        height=40,
        alignment=ft.Alignment.TOP_CENTER,
    )


def places_map(
    ctx: AppContext,
    places: Sequence[Place],
    on_open: Callable[[str], None],
    centre: tuple[float, float] = CITADEL,
    zoom: float = 14.0,
    key: str = "tourism-map",
) -> tuple[ft.Control, fm.Map, fm.MarkerLayer]:
    """Return the map (held still inside the scrolling screen), the map itself and its pins."""
    _ = translator(ctx)
    language = ctx.i18n.language
    layer = fm.MarkerLayer(markers=[pin(p, p.name_in(language), on_open) for p in places])
    attribution = fm.SimpleAttribution(
        text=CONTRIBUTORS,  # the attribution adds its ©
        text_style=ft.TextStyle(size=11),
        on_click=lambda event: event.page.run_task(ft.UrlLauncher().launch_url, OSM_COPYRIGHT),
    )
    map_control = fm.Map(
        key=key,
        height=300,
        expand=False,
        initial_center=fm.MapLatitudeLongitude(*centre),
        initial_zoom=zoom,
        tooltip=_("Map of the places"),
        layers=[
            fm.TileLayer(url_template=OSM_TILES, user_agent_package_name=USER_AGENT_PACKAGE),
            layer,
            attribution,
        ],
    )
    framed = ft.Container(
        content=map_control, border_radius=8, clip_behavior=ft.ClipBehavior.HARD_EDGE
    )
    return held_map(map_control, framed, _), map_control, layer


async def centre_on(map_control: fm.Map, point: tuple[float, float], zoom: float = 15.0) -> None:
    """Move a map to a point (best effort: the map may have left the screen)."""
    try:
        await map_control.center_on(fm.MapLatitudeLongitude(*point), zoom)
    except Exception:  # the map is gone or not drawn yet
        return


BORROWED = (N_("Move or zoom the map"), N_("Stop moving the map"))
"""The shared map button's words, in this module's catalogs for the visitors' languages."""
