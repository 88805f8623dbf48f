"""Maps of alert areas and gathering points: OpenStreetMap tiles with their attribution."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import flet as ft
import flet_map as fm

from hue_s.app.views.map_hold import held_map
from hue_s.kit.map_layers import HUE_CENTRE, MAP_HEIGHT, base_layers, fit, thinned
from hue_s.kit.osm import OSM_TILES  # noqa: F401  (the tiles every map uses: tests/kit/test_osm.py)
from hue_s.modules.alerts.app.models import Alert
from hue_s.modules.alerts.app.preparedness import GatheringPoint


def alert_polygons(alert: Alert, colour: str) -> list[fm.PolygonMarker]:
    """Return the polygons of every area of an alert, filled in its severity colour."""
    markers = []
    for info in alert.infos[:1]:
        for area in info.areas:
            for ring in area.polygons:
                points = [fm.MapLatitudeLongitude(lat, lon) for lat, lon, *_ in thinned(ring)]
                if len(points) >= 3:
                    markers.append(
                        fm.PolygonMarker(
                            coordinates=points,
                            color=ft.Colors.with_opacity(0.3, colour),
                            border_color=colour,
                            border_stroke_width=2,
                        )
                    )
    return markers


def alert_map(
    alert: Alert, colour: str, *, label: str, translate: Callable[[str], str]
) -> ft.Control:
    """Return a map of the alert's area (or a note-free empty box when it has no shape)."""
    polygons = alert_polygons(alert, colour)
    camera = fit(point for polygon in polygons for point in polygon.coordinates)
    the_map = fm.Map(
        key=f"alert-map-{alert.id}",
        initial_center=fm.MapLatitudeLongitude(*HUE_CENTRE),
        initial_zoom=11,
        initial_camera_fit=camera,
        layers=[*base_layers()[:1], fm.PolygonLayer(polygons=polygons), base_layers()[1]],
    )
    box = ft.Semantics(
        label=label,
        content=ft.Container(
            height=MAP_HEIGHT,
            border_radius=12,
            clip_behavior=ft.ClipBehavior.HARD_EDGE,
            content=the_map,
        ),
    )
    return held_map(the_map, box, translate)


def points_map(
    points: Iterable[GatheringPoint],
    *,
    label: str,
    translate: Callable[[str], str],
    here: tuple[float, float] | None = None,
) -> ft.Control:
    """Return a map with a marker per gathering point (and the person's place, if known)."""
    markers = [
        fm.Marker(
            coordinates=fm.MapLatitudeLongitude(point.lat, point.lon),
            content=ft.Icon(ft.Icons.PLACE, color="#1565C0", tooltip=point.name),
        )
        for point in points
    ]
    if here is not None:
        markers.append(
            fm.Marker(
                coordinates=fm.MapLatitudeLongitude(*here),
                content=ft.Icon(ft.Icons.MY_LOCATION, color="#C62828"),
            )
        )
    camera = fit(marker.coordinates for marker in markers)
    the_map = fm.Map(
        key="gathering-points-map",
        initial_center=fm.MapLatitudeLongitude(*HUE_CENTRE),
        initial_zoom=12,
        initial_camera_fit=camera,
        layers=[*base_layers()[:1], fm.MarkerLayer(markers=markers), base_layers()[1]],
    )
    box = ft.Semantics(
        label=label,
        content=ft.Container(
            height=MAP_HEIGHT,
            border_radius=12,
            clip_behavior=ft.ClipBehavior.HARD_EDGE,
            content=the_map,
        ),
    )
    return held_map(the_map, box, translate)
