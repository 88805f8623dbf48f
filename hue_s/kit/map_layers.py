"""What the app's maps share: Huế's centre, a map's height, OpenStreetMap's tile and credit
layers, a camera fitting points, polygon rings thinned for the client."""

from __future__ import annotations

from collections.abc import Iterable

import flet as ft
import flet_map as fm

from hue_s.kit.osm import CONTRIBUTORS, OSM_TILES, USER_AGENT_PACKAGE

HUE_CENTRE = (16.4637, 107.5909)
MAX_RING_POINTS = 400
MAP_HEIGHT = 300


def thinned(ring: list[list[float]], limit: int = MAX_RING_POINTS) -> list[list[float]]:
    """Return at most `limit` points of a ring, evenly picked, keeping it closed."""
    if len(ring) <= limit:
        return ring
    step = len(ring) / (limit - 1)
    picked = [ring[int(index * step)] for index in range(limit - 1)]
    return [*picked, ring[0]]


def base_layers() -> list[fm.MapLayer]:
    """Return the OpenStreetMap tile layer and its required attribution."""
    return [
        fm.TileLayer(url_template=OSM_TILES, user_agent_package_name=USER_AGENT_PACKAGE),
        # flutter_map writes "flutter_map | ©" before the text: "© OpenStreetMap contributors".
        fm.SimpleAttribution(text=CONTRIBUTORS, alignment=ft.Alignment.BOTTOM_RIGHT),
    ]


def fit(points: Iterable[fm.MapLatitudeLongitude]) -> fm.CameraFit | None:
    """Return a camera that shows every point, None without points."""
    listed = list(points)
    if not listed:
        return None
    return fm.CameraFit(coordinates=listed, padding=ft.Padding.all(24), max_zoom=15)
