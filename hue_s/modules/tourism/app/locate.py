"""Where the device is: its GPS, or the browser's location (which asks the person first)."""

from __future__ import annotations

import asyncio
import logging

import flet_geolocator as fgl

logger = logging.getLogger(__name__)
LOCATION_TIMEOUT = 20.0


async def device_point(timeout: float = LOCATION_TIMEOUT) -> tuple[float, float] | None:
    """Return the device's (lat, lon), or None when refused, unavailable or too slow."""
    locator = fgl.Geolocator()
    try:
        position = await asyncio.wait_for(locator.get_current_position(), timeout)
    except Exception as error:  # refused, no GPS, unsupported, timed out
        logger.info("no position: %s", type(error).__name__)
        return None
    if position is None or position.latitude is None or position.longitude is None:
        return None
    return float(position.latitude), float(position.longitude)
