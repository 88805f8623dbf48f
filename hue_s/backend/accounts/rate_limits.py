"""Rate limits kept in the database, so they hold across workers and machines."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session

from hue_s.backend.accounts.credentials import keyed_hash
from hue_s.backend.accounts.models import RateLimitHit
from hue_s.backend.accounts.settings import AccountsSettings, RateLimit
from hue_s.backend.kernel.api_errors import APIError


class RateLimited(APIError):
    """429 rate_limited, with Retry-After in whole seconds."""

    def __init__(self, retry_after: int) -> None:
        """Build the error for a wait of retry_after seconds."""
        message = f"Too many requests; try again in {retry_after} seconds."
        super().__init__(429, "rate_limited", message, {"Retry-After": str(retry_after)})
        self.retry_after = retry_after


def seconds_until_free(hits: list[datetime], limit: RateLimit, now: datetime) -> int | None:
    """Return how long until one more hit fits in the window, or None if it fits now."""
    if len(hits) < limit.count:
        return None
    freeing_hit = sorted(hits)[len(hits) - limit.count]
    wait = (freeing_hit + timedelta(seconds=limit.seconds) - now).total_seconds()
    return max(1, math.ceil(wait))


def count_hit(session: Session, settings: AccountsSettings, name: str, limit: RateLimit) -> None:
    """Count one request against a named bucket (e.g. 'otp/phone/+84...') and commit it.

    Raises RateLimited, counting nothing, when the bucket is full. The bucket is stored as a
    keyed hash, so the table holds no phone numbers or addresses.
    """
    now = settings.clock()
    bucket = keyed_hash(settings.secret_key, "rate-limit", name)
    window_start = now - timedelta(seconds=limit.seconds)
    stale = now - timedelta(seconds=settings.longest_rate_limit_seconds)
    session.execute(
        delete(RateLimitHit).where(
            or_(
                RateLimitHit.hit_at <= stale,
                and_(RateLimitHit.bucket == bucket, RateLimitHit.hit_at <= window_start),
            )
        )
    )
    hits = list(
        session.scalars(
            select(RateLimitHit.hit_at).where(
                RateLimitHit.bucket == bucket, RateLimitHit.hit_at > window_start
            )
        )
    )
    wait = seconds_until_free(hits, limit, now)
    if wait is not None:
        session.commit()
        raise RateLimited(wait)
    session.add(RateLimitHit(bucket=bucket, hit_at=now))
    session.commit()
