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
    except (TimeoutError, RuntimeError):
        logger.warning("client preferences unavailable; this session gets a temporary device id")
        return f"temporary-{uuid.uuid4()}"
    new_id = str(uuid.uuid4())
    # Kept while the first screen is drawn: a first visit waited for this answer too (#19).
    saving = asyncio.get_running_loop().create_task(keep_device_id(preferences, new_id))
    _SAVING.add(saving)
    saving.add_done_callback(_SAVING.discard)
    return new_id


_SAVING: set[asyncio.Task[None]] = set()
"""The device ids being written to their clients (a task nobody holds may be collected)."""


async def keep_device_id(preferences: ft.SharedPreferences, new_id: str) -> None:
    """Write a new device id to the client's preferences (a failure leaves it for the session)."""
    try:
        await asyncio.wait_for(preferences.set(DEVICE_ID_KEY, new_id), PREFERENCES_TIMEOUT)
    except Exception:  # a background write: whatever fails (a closed page too), say it here
        logger.warning("client preferences unavailable; the device id lasts this session only")
