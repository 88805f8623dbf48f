"""Find alerts for the app: active or all, in a ward or over a point, most severe first."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.backend.alerts.geometry import area_holds_point
from hue_s.backend.alerts.models import Alert, AlertWard
from hue_s.backend.alerts.rules import active_condition, listing_order
from hue_s.backend.geo import ward_for_point

MAX_LISTED = 500


def _covers_point(alert: Alert, lat: float, lon: float, ward_code: str | None) -> bool:
    """Tell whether an alert's areas hold a point (areas without shape count by ward)."""
    for info in alert.infos:
        for area in info.areas:
            if area.polygons or area.circles:
                if area_holds_point(area.polygons, area.circles, lat, lon):
                    return True
            elif ward_code is not None and any(link.ward_code == ward_code for link in alert.wards):
                return True
    return False


def list_alerts(
    session: Session,
    *,
    now: datetime,
    active: bool,
    ward: str | None = None,
    lat: float | None = None,
    lon: float | None = None,
) -> list[Alert]:
    """Return alerts, most severe then most urgent then newest first (at most MAX_LISTED)."""
    query = select(Alert)
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
