"""The dashboard's live map: the incidents' open cases (their `case_map` panel), the active
alerts' areas (the alerts' `alert_areas` panel) and every ward's outline shaded by a figure."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

import shapely
from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.backend.kernel.geo import WardShape, ward_shapes
from hue_s.backend.kernel.models import Ward
from hue_s.modules.dashboard.backend.service import Panel
from hue_s.modules.dashboard.wire import (
    CaseMapPanel,
    LiveMap,
    MapFigure,
    MapWard,
    PanelQuery,
)

OUTLINE_TOLERANCE = 0.001
"""How far (degrees, about 110 m) a ward's drawn outline may stray from its boundary."""


@lru_cache(maxsize=512)
def outline(shape: WardShape) -> tuple[tuple[tuple[float, float], ...], ...]:
    """Return a ward's outer rings, simplified, as (lat, lon) points rounded to ~1 m."""
    simple = shapely.simplify(shape.boundary, OUTLINE_TOLERANCE, preserve_topology=True)
    parts = getattr(simple, "geoms", [simple])
    return tuple(
        tuple((round(lat, 5), round(lon, 5)) for lon, lat, *_ in part.exterior.coords)
        for part in parts
        if not part.is_empty
    )


def ward_outlines(session: Session, ward_code: str | None) -> list[MapWard]:
    """Return the city's wards (or one) with their outlines and a zero value."""
    names = {code: name for code, name in session.execute(select(Ward.code, Ward.name))}
    return [
        MapWard(
            ward_code=shape.code,
            ward_name=names.get(shape.code, shape.code),
            value=0,
            rings=[list(ring) for ring in outline(shape)],
        )
        for shape in sorted(ward_shapes(session), key=lambda shape: shape.code)
        if ward_code in (None, shape.code)
    ]


def build_live_map(
    session: Session,
    panels: dict[str, Panel],
    *,
    ward_code: str | None,
    now: datetime,
    figure: MapFigure,
) -> LiveMap:
    """Return the live map of a ward (or the city) as of `now`, wards shaded by `figure`."""
    found = LiveMap(ward_code=ward_code, figure=figure)
    query = PanelQuery(ward_code=ward_code, start=now, end=now, now=now)
    alerts = panels.get("alert_areas")
    if alerts is not None:
        found.areas = alerts.read(session, query)
    found.wards = ward_outlines(session, ward_code)
    cases = panels.get("case_map")
    if cases is None:
        return found
    panel: CaseMapPanel = cases.read(session, query)
    found.clusters = panel.clusters
    found.open = sum(panel.open_by_ward.values())
    found.overdue = sum(panel.overdue_by_ward.values())
    values = panel.open_by_ward if figure is MapFigure.OPEN else panel.overdue_by_ward
    for ward in found.wards:
        ward.value = values.get(ward.ward_code, 0)
    return found
