"""What other modules may use of air quality: the last report cached for a point."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from hue_s.modules.air.backend.reading import report_from
from hue_s.modules.air.backend.upstream import read_cache
from hue_s.modules.air.wire import AirReport


def cached_report(
    factory: sessionmaker[Session], lat: float, lon: float, now: datetime
) -> AirReport | None:
    """Return the report of the answer cached for a 0.1° point, without asking upstream."""
    lat, lon = round(lat, 1), round(lon, 1)
    cached = read_cache(factory, f"{lat},{lon}")
    if cached is None:
        return None
    try:
        return report_from(
            cached.body, lat=lat, lon=lon, ward_code=None,
            fetched_at=cached.fetched_at, failed=False, now=now,
        )  # fmt: skip
    except ValueError:
        return None
