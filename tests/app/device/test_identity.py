"""The device id: kept in the client's preferences, a new one not waited for (issue #19)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from hue_s.app.device import identity
from hue_s.app.device.identity import DEVICE_ID_KEY, KIOSK_DEVICE_PREFIX, device_id


class SlowPreferences:
    """The client's preferences, whose writes wait until the test lets them through."""

    def __init__(self) -> None:
        self.kept: dict[str, Any] = {}
        self.writes_may_finish = asyncio.Event()

    async def get(self, key: str) -> Any:
        """Answer at once, as a client does for a read."""
        return self.kept.get(key)

    async def set(self, key: str, value: Any) -> bool:
        """Write once the test allows it."""
        await self.writes_may_finish.wait()
        self.kept[key] = value
        return True


@pytest.fixture
def preferences(monkeypatch: pytest.MonkeyPatch) -> SlowPreferences:
    """One device's preferences, used by every `ft.SharedPreferences()` the module makes."""
    shared = SlowPreferences()
    monkeypatch.setattr(identity.ft, "SharedPreferences", lambda: shared)
    return shared


async def test_a_new_device_gets_its_id_before_the_client_has_kept_it(
    preferences: SlowPreferences,
) -> None:
    first = await device_id(remember=True)  # the write has not finished: not waited for
    assert DEVICE_ID_KEY not in preferences.kept
    preferences.writes_may_finish.set()
    async with asyncio.timeout(5):
        while DEVICE_ID_KEY not in preferences.kept:
            await asyncio.sleep(0)
    assert await device_id(remember=True) == first  # the next session of the device


async def test_a_kiosk_visitor_gets_a_fresh_id_without_asking_the_client(
    preferences: SlowPreferences,
) -> None:
    visitor = await device_id(remember=False)
    assert visitor.startswith(KIOSK_DEVICE_PREFIX) and not preferences.kept
