"""The backend's time: the real clock, or the one a test sets on `app.state.clock`."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import Request


def utc_now() -> datetime:
    """Return the current time, timezone-aware in UTC."""
    return datetime.now(UTC)


def now_of(request: Request) -> datetime:
    """Return the time by the app's clock (`app.state.clock` in tests), else UTC now."""
    clock = getattr(request.app.state, "clock", None)
    return clock() if clock is not None else utc_now()
