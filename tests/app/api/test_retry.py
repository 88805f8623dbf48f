"""Tests of the retry policy: which failures are retried, and how long to wait."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hue_s.app.api.retry import RetryPolicy, parse_retry_after

NOW = datetime(2026, 11, 17, 8, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("3", 3.0),
        (" 1.5 ", 1.5),
        ("0", 0.0),
        ("-4", 0.0),
        ("Tue, 17 Nov 2026 08:00:30 GMT", 30.0),
        ("Tue, 17 Nov 2026 07:59:00 GMT", 0.0),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_retry_after(header: str | None, seconds: float | None) -> None:
    assert parse_retry_after(header, now=NOW) == seconds


@pytest.mark.parametrize("attempt", [0, 1, 2, 3, 4, 10])
def test_delay_is_full_jitter_under_the_capped_exponential(attempt: int) -> None:
    policy = RetryPolicy(initial=0.5, max=8.0)
    ceiling = min(8.0, 0.5 * 2**attempt)
    delays = [policy.delay(attempt) for _ in range(500)]
    assert all(0.0 <= delay <= ceiling for delay in delays)
    assert max(delays) > ceiling / 2  # spread over the range, not a constant
    assert min(delays) < ceiling / 2


def test_delay_honours_retry_after() -> None:
    assert RetryPolicy().delay(0, retry_after=3.0) == 3.0
    assert RetryPolicy().delay(5, retry_after=0.0) == 0.0


@pytest.mark.parametrize(
    ("method", "status", "has_key", "expected"),
    [
        ("GET", None, False, True),
        ("GET", 408, False, True),
        ("GET", 429, False, True),
        ("GET", 500, False, True),
        ("GET", 503, False, True),
        ("get", 502, False, True),
        ("HEAD", 504, False, True),
        ("GET", 400, False, False),
        ("GET", 401, False, False),
        ("GET", 404, False, False),
        ("GET", 409, False, False),
        ("GET", 422, False, False),
        ("POST", 503, False, False),
        ("POST", None, False, False),
        ("POST", 503, True, True),
        ("POST", None, True, True),
        ("POST", 422, True, False),
        ("PUT", 500, False, False),
        ("PATCH", 429, True, True),
        ("DELETE", 502, True, True),
    ],
)
def test_may_retry(method: str, status: int | None, has_key: bool, expected: bool) -> None:
    policy = RetryPolicy()
    assert (
        policy.may_retry(method=method, status_code=status, has_idempotency_key=has_key) is expected
    )


def test_next_delay_stops_after_max_retries() -> None:
    policy = RetryPolicy(max_retries=2)

    def next_delay(attempt: int) -> float | None:
        return policy.next_delay(
            attempt=attempt, method="GET", status_code=503, has_idempotency_key=False
        )

    assert next_delay(0) is not None
    assert next_delay(1) is not None
    assert next_delay(2) is None


def test_next_delay_gives_up_when_retry_after_exceeds_max() -> None:
    policy = RetryPolicy(max=8.0)

    def next_delay(retry_after: float) -> float | None:
        return policy.next_delay(
            attempt=0,
            method="GET",
            status_code=429,
            has_idempotency_key=False,
            retry_after=retry_after,
        )

    assert next_delay(8.0) == 8.0
    assert next_delay(60.0) is None


def test_zero_retries_never_retries() -> None:
    policy = RetryPolicy(max_retries=0)
    assert (
        policy.next_delay(attempt=0, method="GET", status_code=None, has_idempotency_key=False)
        is None
    )


def test_policy_is_frozen_and_compares_by_numbers() -> None:
    policy = RetryPolicy()
    with pytest.raises(AttributeError):
        policy.max_retries = 5  # type: ignore[misc]

    async def no_sleep(_: float) -> None:
        return None

    assert RetryPolicy() == RetryPolicy(sleep=no_sleep)
