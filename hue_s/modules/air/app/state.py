"""What the air module keeps on a device: the ward chosen and the last report (for offline)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pydantic import ValidationError

from hue_s.app.api.errors import HueAPIError
from hue_s.app.state.store import Store
from hue_s.modules.air.app.places import ME, SAVED, Where
from hue_s.modules.air.app.resource import AirResource
from hue_s.modules.air.wire import STALE_AFTER_HOURS, AirReport

logger = logging.getLogger(__name__)
WARD_KEY = "air.ward"
CACHE_KEY = "air.report"


@dataclass(frozen=True)
class Shown:
    """A report to show: whether it came from the device (offline) and whether it is old."""

    report: AirReport
    offline: bool
    old: bool


class AirDevice:
    """The air rows of one device in the local store."""

    def __init__(self, store: Store, device_id: str) -> None:
        """Bind to one device's rows."""
        self.store, self.device_id = store, device_id

    def choice(self) -> str:
        """Return what the device looks at: '' (central Huế), a ward, ME or SAVED + a name."""
        stored = self.store.device_settings.get(self.device_id, WARD_KEY)
        return stored.value if stored is not None and isinstance(stored.value, str) else ""

    def ward(self) -> str | None:
        """Return the ward the device looks at (None: central Huế, its position or a place)."""
        choice = self.choice()
        return None if choice == ME or choice.startswith(SAVED) else choice or None

    def choose_ward(self, code: str | None) -> None:
        """Remember what to look at (a ward's code, ME, SAVED + a name; None: central Huế)."""
        self.store.device_settings.put(self.device_id, WARD_KEY, code)

    def cached(self) -> AirReport | None:
        """Return the last report fetched on this device, if readable."""
        stored = self.store.device_settings.get(self.device_id, CACHE_KEY)
        if stored is None:
            return None
        try:
            return AirReport.model_validate(stored.value)
        except ValidationError:
            logger.warning("ignoring an unreadable cached air report")
            return None

    def keep(self, report: AirReport) -> None:
        """Keep a report for offline use."""
        self.store.device_settings.put(self.device_id, CACHE_KEY, report.model_dump(mode="json"))


def is_old(report: AirReport, now: datetime) -> bool:
    """Say whether a report must be shown as old: the server said so, or its hour is past."""
    return report.stale or now - report.reading_at > timedelta(hours=STALE_AFTER_HOURS)


def _same_place(report: AirReport, where: Where) -> bool:
    """Say whether a kept report reads the place asked for (a point: its 0.1° grid point)."""
    if report.ward_code != where.ward:
        return False
    if where.lat is None or where.lon is None:
        return True
    return (report.lat, report.lon) == (round(where.lat, 1), round(where.lon, 1))


async def load(
    api: AirResource, device: AirDevice, now: datetime | None = None, where: Where | None = None
) -> Shown:
    """Fetch the report of a place (the device's ward by default; kept for offline), else the
    kept one; raise if none."""
    now = now or datetime.now(UTC)
    where = where or Where(ward=device.ward())
    try:
        report = await api.report(ward=where.ward, lat=where.lat, lon=where.lon)
    except HueAPIError:
        cached = device.cached()
        if cached is None or not _same_place(cached, where):
            raise
        return Shown(cached, offline=True, old=is_old(cached, now))
    device.keep(report)
    return Shown(report, offline=False, old=is_old(report, now))
