"""Maps of the incident screens: OpenStreetMap tiles, their attribution, and pins."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import flet as ft
import flet_map as fm

from hue_s.kit.osm import CONTRIBUTORS, OSM_COPYRIGHT, OSM_TILES, USER_AGENT_PACKAGE
from hue_s.modules.incidents.app.draft import HUE_CENTRE, GeoPoint

CITY_ZOOM = 13.0
STREET_ZOOM = 17.0


@dataclass(frozen=True)
class Pin:
    """A point to mark on a map, with what a screen reader says about it."""

    point: GeoPoint
    label: str
    colour: str = ft.Colors.RED_700
    on_click: Callable[[], None] | None = None


def marker(pin: Pin) -> fm.Marker:
    """Return the map marker of a pin."""
    icon: ft.Control = ft.Icon(ft.Icons.PLACE, color=pin.colour, size=36, tooltip=pin.label)
    if pin.on_click is not None:
        click = pin.on_click
        icon = ft.IconButton(
            icon=ft.Icons.PLACE,
            icon_color=pin.colour,
            icon_size=32,
            tooltip=pin.label,
            on_click=lambda _event: click(),
        )
    return fm.Marker(
        content=icon,
        coordinates=fm.MapLatitudeLongitude(pin.point.lat, pin.point.lon),
        width=44,
        height=44,
        alignment=ft.Alignment.TOP_CENTER,
    )


def osm_map(
    *,
    key: str,
    label: str,
    pins: Sequence[Pin] = (),
    centre: GeoPoint | None = None,
    zoom: float | None = None,
    height: float = 280,
    on_tap: Callable[[GeoPoint], None] | None = None,
    attribution: str = CONTRIBUTORS,
) -> tuple[fm.Map, fm.MarkerLayer]:
    """Return an OpenStreetMap map (tiles fetched by the device) and its layer of pins."""
    middle = centre or (pins[0].point if pins else GeoPoint(lat=HUE_CENTRE[0], lon=HUE_CENTRE[1]))
    layer = fm.MarkerLayer(markers=[marker(pin) for pin in pins])

    def tapped(event: fm.MapTapEvent) -> None:
        """Hand the tapped point to `on_tap`."""
        if on_tap is not None:
            coordinates = event.coordinates
            on_tap(GeoPoint(lat=float(coordinates.latitude), lon=float(coordinates.longitude)))

    attribution_layer = fm.SimpleAttribution(
        text=attribution,
        text_style=ft.TextStyle(size=11),
        on_click=lambda event: event.page.run_task(ft.UrlLauncher().launch_url, OSM_COPYRIGHT),
    )
    map_control = fm.Map(
        key=key,
        height=height,
        expand=False,
        initial_center=fm.MapLatitudeLongitude(middle.lat, middle.lon),
        initial_zoom=zoom or (STREET_ZOOM if centre or pins else CITY_ZOOM),
        on_tap=tapped if on_tap is not None else None,
        tooltip=label,
        layers=[
            fm.TileLayer(url_template=OSM_TILES, user_agent_package_name=USER_AGENT_PACKAGE),
            layer,
            attribution_layer,
        ],
    )
    return map_control, layer
