"""When and how long the client waits before it tries a failed request again."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

RETRYABLE_STATUS_CODES = frozenset({408, 429})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Return the seconds a `Retry-After` header asks for (delta-seconds or HTTP date), or None."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


@dataclass(frozen=True)
class RetryPolicy:
    """How many times to retry, and the bounds of the exponential backoff with full jitter."""

    max_retries: int = 2
    initial: float = 0.5
    max: float = 8.0
    sleep: Callable[[float], Awaitable[None]] = field(
        default=asyncio.sleep, compare=False, repr=False
    )

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Return the seconds to wait before retry number `attempt` (0-based)."""
        if retry_after is not None:
            return max(0.0, retry_after)
        ceiling = min(self.max, self.initial * 2.0**attempt)
        return random.uniform(0.0, ceiling)

    def next_delay(
        self,
        *,
        attempt: int,
        method: str,
        status_code: int | None,
        has_idempotency_key: bool,
        retry_after: float | None = None,
    ) -> float | None:
        """Return how long to wait before retry number `attempt`, or None to give up now."""
        if attempt >= self.max_retries:
            return None
        if not self.may_retry(
            method=method, status_code=status_code, has_idempotency_key=has_idempotency_key
        ):
            return None
        wait = self.delay(attempt, retry_after)
        # A server asking for a longer pause than we are willing to wait gets the error back.
        return wait if wait <= self.max else None

    def may_retry(self, *, method: str, status_code: int | None, has_idempotency_key: bool) -> bool:
        """Tell whether a failure may be retried; `status_code` None means a connection error."""
        if status_code is not None and not (
            status_code in RETRYABLE_STATUS_CODES or status_code >= 500
        ):
            return False
        return method.upper() in SAFE_METHODS or has_idempotency_key
