"""The public alert lists as JSON, kept until an alert changes or one that is listed expires.

Every change to the alerts writes an alert event (events.py), so the newest event id says
whether a kept list is still right; time alone changes a list only when a listed alert expires.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import datetime

from fastapi import Request

from hue_s.modules.alerts.backend.models import Alert

MAX_KEPT = 64
"""Lists kept per process: the city's, and one per ward, with or without inactive ones."""


@dataclass(frozen=True)
class KeptList:
    """One list's JSON, for the alert events up to event_id, right until `until`."""

    event_id: int
    until: datetime | None
    body: bytes


def right_until(alerts: list[Alert], now: datetime) -> datetime | None:
    """Return when the first listed alert expires (None: none does)."""
    ends = [alert.expires_at for alert in alerts if alert.expires_at and alert.expires_at > now]
    return min(ends, default=None)


class ListCache:
    """Lists by query, for one process (threads of the server share it)."""

    def __init__(self) -> None:
        """Keep nothing yet."""
        self._lists: dict[Hashable, KeptList] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, event_id: int, now: datetime) -> bytes | None:
        """Return a kept list still right for this event id and time, else None."""
        with self._lock:
            kept = self._lists.get(key)
        if kept is None or kept.event_id != event_id or (kept.until and kept.until <= now):
            return None
        return kept.body

    def put(self, key: Hashable, kept: KeptList) -> None:
        """Keep a list (forgetting the oldest one past MAX_KEPT)."""
        with self._lock:
            self._lists.pop(key, None)
            if len(self._lists) >= MAX_KEPT:
                self._lists.pop(next(iter(self._lists)))
            self._lists[key] = kept


def list_cache_of(request: Request) -> ListCache:
    """Return the app's list cache, made on first use."""
    cache: ListCache | None = getattr(request.app.state, "alerts_list_cache", None)
    if cache is None:
        cache = ListCache()
        request.app.state.alerts_list_cache = cache
    return cache
