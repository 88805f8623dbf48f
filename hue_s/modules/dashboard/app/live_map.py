"""The dashboard's live map: open cases in clusters coloured by overdue, active alerts' areas,
wards shaded by a chosen figure, a legend, and the same counts written out for screen readers."""

from __future__ import annotations

import math
from collections.abc import Callable

import flet as ft
import flet_map as fm

from hue_s.app.api.errors import HueAPIError
from hue_s.app.context import AppContext
from hue_s.app.i18n import N_
from hue_s.app.views.errors import describe_error
from hue_s.app.views.map_hold import held_map
from hue_s.kit.map_layers import HUE_CENTRE, MAP_HEIGHT, base_layers, fit, thinned
from hue_s.modules.dashboard.app.resource import DashboardResource
from hue_s.modules.dashboard.wire import LiveMap, MapCluster, MapFigure, Ring

OVERDUE_COLOUR, ON_TIME_COLOUR, ALERT_COLOUR = "#C62828", "#1565C0", "#6A1B9A"
SHADES = ("#FFE0B2", "#FFB74D", "#F57C00", "#BF360C")
"""Ward fills, lowest to highest quarter of the figure's range (wards at 0 stay unfilled)."""
FIGURES = {MapFigure.OPEN: N_("Open cases"), MapFigure.OVERDUE: N_("Overdue cases")}


def shade_steps(top: int) -> list[tuple[int, int]]:
    """Return the value ranges of the shades (1..top split in at most len(SHADES) parts)."""
    if top <= 0:
        return []
    size = math.ceil(top / len(SHADES))
    return [(low, min(low + size - 1, top)) for low in range(1, top + 1, size)]


def shade_of(value: int, steps: list[tuple[int, int]]) -> str | None:
    """Return the fill of a ward's value (None for 0)."""
    for index, (low, high) in enumerate(steps):
        if low <= value <= high:
            return SHADES[index]
    return None


def polygon(ring: Ring, fill: str | None, border: str, width: float) -> fm.PolygonMarker:
    """Return a map polygon of a (lat, lon) ring."""
    return fm.PolygonMarker(
        coordinates=[fm.MapLatitudeLongitude(lat, lon) for lat, lon in thinned([*map(list, ring)])],
        color=ft.Colors.with_opacity(0.45, fill) if fill else ft.Colors.TRANSPARENT,
        border_color=border,
        border_stroke_width=width,
    )


def cluster_marker(cluster: MapCluster, tooltip: str) -> fm.Marker:
    """Return a round marker with a cell's count, red when some of its cases are overdue."""
    size = min(48, 24 + 4 * len(str(cluster.cases)))
    return fm.Marker(
        coordinates=fm.MapLatitudeLongitude(cluster.lat, cluster.lon),
        width=size,
        height=size,
        content=ft.Container(
            bgcolor=OVERDUE_COLOUR if cluster.overdue else ON_TIME_COLOUR,
            shape=ft.BoxShape.CIRCLE,
            alignment=ft.Alignment.CENTER,
            tooltip=tooltip,
            content=ft.Text(str(cluster.cases), color=ft.Colors.WHITE, size=12),
        ),
    )


def swatch(colour: str, text: str, *, round_mark: bool = False) -> ft.Control:
    """Return one legend entry: a colour and what it means."""
    mark = ft.Container(
        width=14, height=14, bgcolor=colour,
        shape=ft.BoxShape.CIRCLE if round_mark else ft.BoxShape.RECTANGLE,
    )  # fmt: skip
    return ft.Row([mark, ft.Text(text, size=12)], spacing=4, tight=True)


class LiveMapPanel:
    """The map, its figure picker, legend and written-out counts; `refresh` fetches it again."""

    def __init__(self, ctx: AppContext, ward_code: Callable[[], str | None]) -> None:
        """Prepare an empty panel for the ward `ward_code()` gives (None: the city)."""
        _ = ctx._
        self.ctx, self.ward_code = ctx, ward_code
        self.shown: LiveMap | None = None
        self.figure = ft.Dropdown(
            key="dashboard-map-figure",
            label=_("Shade wards by"),
            value=MapFigure.OPEN.value,
            width=240,
            options=[ft.DropdownOption(key=k.value, text=_(v)) for k, v in FIGURES.items()],
            on_select=self._figure_chosen,
        )
        self.summary = ft.Text(key="dashboard-map-summary")
        self.legend = ft.Row(key="dashboard-map-legend", wrap=True, spacing=12)
        self.area = ft.Column(controls=[ft.ProgressRing()])
        self.control = ft.Column(
            key="dashboard-map-panel",
            spacing=8,
            controls=[
                ft.Text(_("Live map"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
                self.figure,
                self.summary,
                self.area,
                self.legend,
            ],
        )

    async def _figure_chosen(self, event: ft.Event[ft.Dropdown]) -> None:
        """Shade the wards by the figure chosen."""
        await self.refresh()
        self.control.update()

    async def refresh(self) -> bool:
        """Fetch the map; redraw and return True if it changed (an error is shown, False)."""
        figure = MapFigure(self.figure.value or MapFigure.OPEN.value)
        try:
            found = await self.ctx.api.resource(DashboardResource).live_map(
                ward_code=self.ward_code(), figure=figure
            )
        except HueAPIError as error:
            self.summary.value = describe_error(self.ctx, error)
            return False
        if found == self.shown:
            return False
        self.shown = found
        self.draw(found)
        return True

    def draw(self, found: LiveMap) -> None:
        """Draw a map answer: summary, map, legend."""
        _ = self.ctx._
        self.summary.value = _(
            "{open} open cases, {overdue} overdue; {alerts} active alert areas"
        ).format(open=found.open, overdue=found.overdue, alerts=len(found.areas))
        steps = shade_steps(max((ward.value for ward in found.wards), default=0))
        wards = [
            polygon(ring, shade_of(ward.value, steps), "#5D4037", 1)
            for ward in found.wards
            for ring in ward.rings
            if len(ring) >= 3
        ]
        areas = [polygon(ring, ALERT_COLOUR, ALERT_COLOUR, 3)
                 for area in found.areas for ring in area.rings if len(ring) >= 3]  # fmt: skip
        markers = [
            cluster_marker(cell, _("{cases} open, {overdue} overdue").format(
                cases=cell.cases, overdue=cell.overdue))
            for cell in found.clusters
        ]  # fmt: skip
        tiles, credit = base_layers()
        the_map = fm.Map(
            key="dashboard-map",
            initial_center=fm.MapLatitudeLongitude(*HUE_CENTRE),
            initial_zoom=11,
            # a ward's map opens on that ward (A Lưới is 60 km from the centre)
            initial_camera_fit=None if found.ward_code is None else fit(
                point for polygon in wards for point in polygon.coordinates),
            layers=[tiles, fm.PolygonLayer(polygons=wards), fm.PolygonLayer(polygons=areas),
                    fm.MarkerLayer(markers=markers), credit],
        )  # fmt: skip
        box = ft.Semantics(
            label=self.spoken(found),
            content=ft.Container(
                height=MAP_HEIGHT + 100,
                border_radius=12,
                clip_behavior=ft.ClipBehavior.HARD_EDGE,
                content=the_map,
            ),
        )
        self.area.controls = [held_map(the_map, box, _)]
        figure = _(FIGURES[found.figure])
        self.legend.controls = [
            swatch(OVERDUE_COLOUR, _("Cases, some overdue"), round_mark=True),
            swatch(ON_TIME_COLOUR, _("Cases, none overdue"), round_mark=True),
            swatch(ALERT_COLOUR, _("Active alert area")),
            *[swatch(SHADES[i], f"{figure}: {low}–{high}" if low < high else f"{figure}: {low}")
              for i, (low, high) in enumerate(steps)],
        ]  # fmt: skip

    def spoken(self, found: LiveMap) -> str:
        """Return the map written out: the counts, the alerts, each ward with a value."""
        _ = self.ctx._
        parts = [str(self.summary.value)]
        parts += [area.headline for area in found.areas]
        figure = _(FIGURES[found.figure])
        parts += [f"{ward.ward_name}: {figure} {ward.value}" for ward in found.wards if ward.value]
        return _("Map of cases and alerts") + ". " + ". ".join(parts)
