"""What a device saw last of a person's items (by id, in the device store), which of them moved
since, and a loop that looks now and then while someone is signed in; no Flet.

A module polls a list of its own (the backend answers it with an ETag, so an unchanged list
costs a 304): `SeenStatuses` keeps the last status seen of each item, so a restart does not tell
a change twice and an app closed while an item moved tells it once on its next start.
`PollingWatch` looks when someone signs in and then every `poll_seconds`, longer (up to
`max_seconds`) after failures. The clock and the wait are injected: tests turn them by hand.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

POLL_SECONDS = 60.0
"""Seconds between looks while they work."""
MAX_SECONDS = 600.0
"""The longest wait between looks, after failures in a row (doubling each time)."""
TICK_SECONDS = 1.0
"""How often the loop notices a sign-in or a sign-out."""


class Stored(Protocol):
    """A stored value (the device store's `StoredValue`)."""

    @property
    def value(self) -> Any:
        """The JSON value kept."""


class DeviceCache(Protocol):
    """The device store's keyed JSON table (`Store.cache`)."""

    def get(self, device_id: str, key: str) -> Stored | None:
        """Return the value kept under a key, if any."""

    def put(self, device_id: str, key: str, value: Any) -> None:
        """Keep a JSON value under a key."""


@dataclass(frozen=True)
class Move:
    """One item whose status moved on since the device last looked."""

    item_id: str
    old: str
    new: str


class SeenStatuses:
    """The last status this device saw of each item, under one key of the device store."""

    def __init__(self, cache: DeviceCache, device_id: Callable[[], str], key: str) -> None:
        """Keep statuses in `cache` under `key`, for the device `device_id()`."""
        self._cache = cache
        self._device_id = device_id
        self.key = key

    def known(self) -> dict[str, str] | None:
        """Return the statuses seen last by item id (None: this device never looked)."""
        stored = self._cache.get(self._device_id(), self.key)
        if stored is None:
            return None
        value = stored.value
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}

    def remember(self, statuses: Mapping[str, str]) -> None:
        """Record the statuses seen now (the others are kept as they were)."""
        self._cache.put(self._device_id(), self.key, {**(self.known() or {}), **statuses})


def moves(
    known: Mapping[str, str] | None, now: Mapping[str, str], *, quiet: frozenset[str]
) -> list[Move]:
    """Return the items whose status differs from the one seen last, in `now`'s order.

    An item never seen is news only if its status is not `quiet` (a status its owner's own step
    gives, such as filing): it moved before this device looked. Nothing is news on the device's
    very first look (`known` None): everything is new then.
    """
    if known is None:
        return []
    found = []
    for item_id, status in now.items():
        old = known.get(item_id)
        if old is None and status not in quiet:
            found.append(Move(item_id, "", status))
        elif old is not None and old != status:
            found.append(Move(item_id, old, status))
    return found


class PollingWatch:
    """Calls `look()` when someone signs in, then every `poll_seconds` while they stay."""

    def __init__(
        self,
        look: Callable[[], Awaitable[bool]],
        user: Callable[[], str | None],
        *,
        poll_seconds: float = POLL_SECONDS,
        max_seconds: float = MAX_SECONDS,
        tick_seconds: float = TICK_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Watch for `user()` (None: nobody signed in); `look()` says whether it worked."""
        self.look = look
        self.user = user
        self.poll_seconds = max(1.0, min(poll_seconds, max_seconds))
        self.max_seconds = max_seconds
        self.tick_seconds = tick_seconds
        self.clock = clock
        self.failures = 0
        self._user: str | None = None
        self._next = 0.0

    def wait_after(self, failures: int) -> float:
        """Return the seconds to the next look after `failures` failed looks in a row."""
        return min(self.poll_seconds * 2**failures, self.max_seconds)

    async def step(self) -> None:
        """Look if someone just signed in or the time came; plan the next look."""
        now = self.clock()
        user = self.user()
        if user != self._user:  # signed in, out, or as someone else
            self._user, self._next, self.failures = user, now, 0
        if user is None or now < self._next:
            return
        self.failures = 0 if await self.look() else self.failures + 1
        self._next = now + self.wait_after(self.failures)

    async def run(self, stop: asyncio.Event) -> None:
        """Watch until `stop` is set."""
        while not stop.is_set():
            await self.step()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.tick_seconds)
