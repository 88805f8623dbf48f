"""Where the device is: the platform's location (the browser asks the person, in web mode)."""

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
