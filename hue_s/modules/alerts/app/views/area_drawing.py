"""Drawing an alert area on the map: tap to add corners, undo the last, clear; the wards it
covers are named as it grows."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import flet as ft
import flet_map as fm

from hue_s.app.api.errors import APIStatusError, HueAPIError
from hue_s.kit.map_layers import HUE_CENTRE, MAP_HEIGHT, base_layers
from hue_s.modules.alerts.app.models import DrawnPolygon

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

AREA_COLOUR = "#C62828"
MAX_CORNERS = 200
WardsOf = Callable[[DrawnPolygon], Awaitable[list[str]]]


def drawn_polygon(corners: list[tuple[float, float]]) -> DrawnPolygon | None:
    """Return the GeoJSON polygon of (lat, lon) corners, closed; None under 3 corners."""
    if len(corners) < 3:
        return None
    ring = [(lon, lat) for lat, lon in corners]
    return DrawnPolygon(coordinates=[[*ring, ring[0]]])


class AreaDrawing:
    """A map on which an operator draws the area of a warning, corner by corner."""

    def __init__(self, ctx: AppContext, ward_names: dict[str, str], wards_of: WardsOf) -> None:
        """Build the map; `wards_of(polygon)` asks the backend which wards it covers."""
        _ = ctx._
        self.ctx, self.ward_names, self.wards_of = ctx, ward_names, wards_of
        self.corners: list[tuple[float, float]] = []
        self.covered: list[str] = []
        self.shape = fm.PolygonLayer(polygons=[])
        self.outline = fm.PolylineLayer(polylines=[])
        self.dots = fm.CircleLayer(circles=[])
        self.summary = ft.Text(key="area-summary")
        self.undo = ft.OutlinedButton(
            key="area-undo", content=_("Undo last corner"), icon=ft.Icons.UNDO,
            on_click=self._undo, disabled=True,
        )  # fmt: skip
        self.clear = ft.OutlinedButton(
            key="area-clear", content=_("Clear the area"), icon=ft.Icons.DELETE_OUTLINE,
            on_click=self._clear, disabled=True,
        )  # fmt: skip
        self.map = fm.Map(
            key="area-map",
            initial_center=fm.MapLatitudeLongitude(*HUE_CENTRE),
            initial_zoom=12,
            on_tap=self._tapped,
            layers=[base_layers()[0], self.shape, self.outline, self.dots, base_layers()[1]],
        )
        self.control = ft.Column(
            key="area-drawing",
            spacing=8,
            controls=[
                ft.Text(_("Tap the map to add the corners of the area, in order.")),
                ft.Semantics(
                    label=_("Map for drawing the warning area"),
                    button=True,
                    content=ft.Container(
                        self.map,
                        height=MAP_HEIGHT,
                        border_radius=12,
                        clip_behavior=ft.ClipBehavior.HARD_EDGE,
                    ),
                ),  # fmt: skip
                ft.Row([self.undo, self.clear], wrap=True),
                self.summary,
            ],
        )
        self._redraw()

    def polygon(self) -> DrawnPolygon | None:
        """Return the drawn area, None until it has 3 corners."""
        return drawn_polygon(self.corners)

    def set_corners(self, corners: list[tuple[float, float]]) -> None:
        """Show an area drawn before (e.g. of a warning being updated); wards are asked again."""
        self.corners = list(corners)[:MAX_CORNERS]
        self.covered = []
        self._redraw()
        if len(self.corners) >= 3:
            self.ctx.page.run_task(self._ask_wards)

    async def _tapped(self, event: fm.MapTapEvent) -> None:
        """Add a corner where the map was tapped."""
        if len(self.corners) >= MAX_CORNERS:
            return
        point = event.coordinates
        self.corners.append((round(point.latitude, 6), round(point.longitude, 6)))
        await self._changed()

    async def _undo(self, event: ft.Event[ft.OutlinedButton]) -> None:
        """Take back the last corner."""
        if self.corners:
            self.corners.pop()
            await self._changed()

    async def _clear(self, event: ft.Event[ft.OutlinedButton]) -> None:
        """Remove every corner."""
        self.corners = []
        await self._changed()

    async def _changed(self) -> None:
        """Redraw at once, then learn which wards the area covers."""
        self.covered = []
        self._redraw()
        self.control.update()
        await self._ask_wards()

    async def _ask_wards(self) -> None:
        """Ask the backend which wards the area covers, and say so."""
        polygon = self.polygon()
        if polygon is None:
            return
        asked = list(self.corners)
        try:
            covered = await self.wards_of(polygon)
        except HueAPIError as error:
            if asked == self.corners:
                self._say_problem(error)
            return
        if asked == self.corners:  # not redrawn since
            self.covered = covered
            self._redraw()
            self.control.update()

    def _say_problem(self, error: HueAPIError) -> None:
        """Say why the area cannot be used (crossing edges, outside the city, no network)."""
        _ = self.ctx._
        code = error.code if isinstance(error, APIStatusError) else None
        problems = {
            "invalid_polygon": _("The edges of the area cross: undo the last corner."),
            "area_outside_city": _("The area is outside Huế."),
        }
        problem = problems.get(code or "", _("The wards of the area are not known yet."))
        self.summary.value = f"{self._count_text()} {problem}"
        self.summary.color = ft.Colors.ERROR
        self.control.update()

    def _redraw(self) -> None:
        """Show the corners, the outline or the area, and what it covers."""
        _ = self.ctx._
        points = [fm.MapLatitudeLongitude(lat, lon) for lat, lon in self.corners]
        self.dots.circles = [
            fm.CircleMarker(coordinates=p, radius=5, color=AREA_COLOUR) for p in points
        ]
        self.outline.polylines = (
            [fm.PolylineMarker(coordinates=points, color=AREA_COLOUR, stroke_width=3)]
            if len(points) == 2
            else []
        )
        self.shape.polygons = (
            [fm.PolygonMarker(
                coordinates=points, color=ft.Colors.with_opacity(0.3, AREA_COLOUR),
                border_color=AREA_COLOUR, border_stroke_width=3,
            )] if len(points) >= 3 else []
        )  # fmt: skip
        self.undo.disabled = self.clear.disabled = not points
        self.summary.color = None
        if len(points) >= 3 and self.covered:
            names = ", ".join(self.ward_names.get(code, code) for code in self.covered)
            self.summary.value = _("{count} corners. The area covers: {wards}").format(
                count=len(points), wards=names
            )
        else:
            self.summary.value = self._count_text()

    def _count_text(self) -> str:
        """Say how many corners the area has (and that 3 are needed)."""
        _ = self.ctx._
        count = len(self.corners)
        if count < 3:
            return _("{count} corners: at least 3 make an area.").format(count=count)
        return _("{count} corners.").format(count=count)
