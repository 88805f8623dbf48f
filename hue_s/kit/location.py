"""Where the device is, or why not: refused by the person, or unavailable (no fix, unsupported,
too slow). The browser asks the person in web mode. The one reader of the device's position:
alerts' places and help, and the kit's places lists ("near me")."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from enum import StrEnum

import flet_geolocator as fg

logger = logging.getLogger(__name__)

LOCATION_TIMEOUT = 20.0
REFUSED = (fg.GeolocatorPermissionStatus.DENIED, fg.GeolocatorPermissionStatus.DENIED_FOREVER)


class LocationProblem(StrEnum):
    """Why no position could be had."""

    REFUSED = "refused"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class Fix:
    """A position of the device, or why there is none."""

    lat: float | None = None
    lon: float | None = None
    problem: LocationProblem | None = None

    @property
    def point(self) -> tuple[float, float] | None:
        """Return (lat, lon), or None without a position."""
        return None if self.lat is None or self.lon is None else (self.lat, self.lon)


async def current_fix(timeout: float = LOCATION_TIMEOUT) -> Fix:
    """Ask the platform where the device is (asking the person's permission if needed)."""
    locator = fg.Geolocator(
        configuration=fg.GeolocatorConfiguration(accuracy=fg.GeolocatorPositionAccuracy.HIGH)
    )
    try:
        status = await asyncio.wait_for(locator.request_permission(), timeout)
        if status in REFUSED:
            return Fix(problem=LocationProblem.REFUSED)
        position = await asyncio.wait_for(locator.get_current_position(), timeout)
    except (TimeoutError, RuntimeError, ValueError) as error:
        logger.info("no position: %s", type(error).__name__)
        return Fix(problem=LocationProblem.UNAVAILABLE)
    except Exception as error:  # the client reports refusals and failures as errors
        logger.info("no position: %s", error)
        refused = "denied" in str(error).lower() or "permission" in str(error).lower()
        return Fix(problem=LocationProblem.REFUSED if refused else LocationProblem.UNAVAILABLE)
    if position is None or position.latitude is None or position.longitude is None:
        return Fix(problem=LocationProblem.UNAVAILABLE)
    return Fix(lat=float(position.latitude), lon=float(position.longitude))


async def device_point(timeout: float = LOCATION_TIMEOUT) -> tuple[float, float] | None:
    """Return the device's (lat, lon), or None when refused, unavailable or too slow."""
    return (await current_fix(timeout)).point
