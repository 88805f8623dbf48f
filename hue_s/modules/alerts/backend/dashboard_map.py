"""The alerts panel of the dashboard's live map: the active alerts' areas, simplified."""

from __future__ import annotations

from sqlalchemy.orm import Session

from hue_s.modules.alerts.backend.storage.queries import list_alerts
from hue_s.modules.dashboard.wire import MapArea, PanelQuery


class AlertAreasProvider:
    """The live map's alerts: each shaped area of the city's (or a ward's) active alerts."""

    id = "alert_areas"

    def read(self, session: Session, query: PanelQuery) -> list[MapArea]:
        """Return the areas of the alerts active at the query's `now`, most severe first
        (their outlines: the polygons as lists show them, simplified when large)."""
        found = []
        alerts = list_alerts(session, now=query.now, active=True, ward=query.ward_code)
        for alert in alerts:
            for info in alert.infos[:1]:
                for area in info.areas:
                    rings = [
                        [(lat, lon) for lat, lon, *_ in ring]
                        for ring in (area.outline or [])
                        if len(ring) >= 3
                    ]
                    if rings:
                        found.append(
                            MapArea(alert_id=alert.id, headline=info.headline or info.event,
                                    severity=info.severity, rings=rings)
                        )  # fmt: skip
        return found
