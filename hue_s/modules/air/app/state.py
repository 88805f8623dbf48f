"""What the air module keeps on a device: the ward chosen and the last report (for offline)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pydantic import ValidationError

from hue_s.app.api.errors import HueAPIError
from hue_s.app.state.store import Store
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

    def ward(self) -> str | None:
        """Return the ward the device looks at (None: central Huế)."""
        stored = self.store.device_settings.get(self.device_id, WARD_KEY)
        return stored.value if stored is not None and isinstance(stored.value, str) else None

    def choose_ward(self, code: str | None) -> None:
        """Remember the ward to look at."""
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


async def load(api: AirResource, device: AirDevice, now: datetime | None = None) -> Shown:
    """Fetch the device's ward's report (kept for offline), else the kept one; raise if none."""
    now = now or datetime.now(UTC)
    ward = device.ward()
    try:
        report = await api.report(ward=ward)
    except HueAPIError:
        cached = device.cached()
        if cached is None or cached.ward_code != ward:
            raise
        return Shown(cached, offline=True, old=is_old(cached, now))
    device.keep(report)
    return Shown(report, offline=False, old=is_old(report, now))
