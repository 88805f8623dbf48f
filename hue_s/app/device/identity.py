"""The identity of this device: a random id kept in the client's own preferences."""

from __future__ import annotations

import asyncio
import logging
import uuid

import flet as ft

logger = logging.getLogger(__name__)
DEVICE_ID_KEY = "hue_s.device_id"
PREFERENCES_TIMEOUT = 5.0
KIOSK_DEVICE_PREFIX = "kiosk-"


async def device_id(*, remember: bool) -> str:
    """Return this device's id, creating one; a kiosk (`remember=False`) gets a fresh one."""
    if not remember:
        return f"{KIOSK_DEVICE_PREFIX}{uuid.uuid4()}"
    preferences = ft.SharedPreferences()
    try:
        stored = await asyncio.wait_for(preferences.get(DEVICE_ID_KEY), PREFERENCES_TIMEOUT)
        if isinstance(stored, str) and stored:
            return stored
        new_id = str(uuid.uuid4())
        await asyncio.wait_for(preferences.set(DEVICE_ID_KEY, new_id), PREFERENCES_TIMEOUT)
        return new_id
    except (TimeoutError, RuntimeError):
        logger.warning("client preferences unavailable; this session gets a temporary device id")
        return f"temporary-{uuid.uuid4()}"
