"""Find alerts for the app: active or all, in a ward or over a point, most severe first.

Public lists hold only alerts that cover part of the city (at least one ward); those that do
not (another country's warnings read from a shared feed) stay stored, for operators to see in
their feed status and by id. Lists load the areas' outlines, never their full polygons.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, lazyload, load_only, selectinload

from hue_s.backend.kernel.geo import ward_for_point
from hue_s.modules.alerts.backend.geometry import area_holds_point
from hue_s.modules.alerts.backend.models import Alert, AlertArea, AlertInfo, AlertWard
from hue_s.modules.alerts.backend.rules import active_condition, listing_order

MAX_LISTED = 500


def _box_holds(area: AlertArea, lat: float, lon: float) -> bool:
    """Tell whether an area's bounding box holds a point (no box: it has no shape)."""
    box = (area.min_lat, area.min_lon, area.max_lat, area.max_lon)
    if any(edge is None for edge in box):
        return False
    return area.min_lat <= lat <= area.max_lat and area.min_lon <= lon <= area.max_lon  # type: ignore[operator]


def _covers_point(alert: Alert, lat: float, lon: float, ward_code: str | None) -> bool:
    """Tell whether an alert's areas hold a point (areas without shape count by ward)."""
    for info in alert.infos:
        for area in info.areas:
            if area.min_lat is not None:
                if _box_holds(area, lat, lon) and area_holds_point(
                    area.polygons, area.circles, lat, lon
                ):
                    return True
            elif ward_code is not None and any(link.ward_code == ward_code for link in alert.wards):
                return True
    return False


def listing_query() -> Select[Alert]:
    """Return the query of alerts for lists: their infos and areas without full polygons,
    and only the ids of the alerts they replaced."""
    return select(Alert).options(
        selectinload(Alert.infos).selectinload(AlertInfo.areas).defer(AlertArea.polygons),
        selectinload(Alert.replaced).options(
            load_only(Alert.id, Alert.replaced_by_id), lazyload("*")
        ),
    )


def list_alerts(
    session: Session,
    *,
    now: datetime,
    active: bool,
    ward: str | None = None,
    lat: float | None = None,
    lon: float | None = None,
) -> list[Alert]:
    """Return the city's alerts, most severe then most urgent then newest (at most MAX_LISTED)."""
    query = listing_query().where(Alert.wards.any())
    if active:
        query = query.where(active_condition(now))
    if ward is not None:
        query = query.join(AlertWard).where(AlertWard.ward_code == ward)
    query = query.order_by(Alert.severity_rank, Alert.urgency_rank, Alert.sent.desc())
    alerts = list(session.scalars(query.limit(MAX_LISTED)))
    if lat is not None and lon is not None:
        holder = ward_for_point(session, lat, lon)
        code = holder.code if holder else None
        alerts = [alert for alert in alerts if _covers_point(alert, lat, lon, code)]
    return sorted(alerts, key=listing_order)
