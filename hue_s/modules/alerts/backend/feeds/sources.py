"""Poll the configured CAP sources with conditional requests (ETag / If-Modified-Since).

Each source's health is kept in alert_sources: when it was last asked, how it answered, what
became of its entries, and how many polls failed in a row. A source that keeps failing is
asked less and less often (doubling, capped at MAX_BACKOFF_SECONDS); one success resets it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import anyio
from sqlalchemy.orm import Session

from hue_s.modules.alerts.backend.cap.safe_xml import CapError
from hue_s.modules.alerts.backend.columns import utc_now
from hue_s.modules.alerts.backend.feeds.fetch import Fetched, fetch_document
from hue_s.modules.alerts.backend.feeds.ingest import Ingestor, IngestOutcome
from hue_s.modules.alerts.backend.models import AlertSource

logger = logging.getLogger(__name__)
MAX_BACKOFF_SECONDS = 3600.0
MAX_REPORTED_ERRORS = 10


def backoff_seconds(every_seconds: float, failures: int) -> float:
    """Return the wait before the next poll after `failures` failed polls in a row."""
    if failures <= 0:
        return every_seconds
    return min(every_seconds * 2**failures, max(every_seconds, MAX_BACKOFF_SECONDS))


def entries_report(outcomes: list[IngestOutcome]) -> dict[str, Any]:
    """Return what became of a feed's entries: counts, and the first errors."""
    errors = [f"{outcome.label}: {outcome.error.message}" for outcome in outcomes if outcome.error]
    stored = [outcome for outcome in outcomes if outcome.cap is not None]
    return {
        "entries": len(outcomes),
        "stored": sum(1 for outcome in stored if outcome.created),
        "unchanged": sum(1 for outcome in stored if not outcome.created),
        "refused": len(errors),
        "outside_city": sum(1 for outcome in stored if not outcome.in_city),
        "errors": errors[:MAX_REPORTED_ERRORS],
    }


def _load_state(session_factory: Callable[[], Session], url: str) -> tuple[str | None, str | None]:
    """Return the ETag and Last-Modified remembered for a source."""
    with session_factory() as session:
        source = session.get(AlertSource, url)
        return (source.etag, source.last_modified) if source else (None, None)


def _save_state(
    session_factory: Callable[[], Session],
    url: str,
    fetched: Fetched | None,
    error: str | None,
    report: dict[str, Any] | None,
    now: datetime,
    every_seconds: float,
) -> None:
    """Remember how a poll went (validators and the entries' report only change on a 200)."""
    with session_factory() as session:
        source = session.get(AlertSource, url) or AlertSource(url=url, failures=0)
        source.last_polled_at = now
        source.last_error = error
        source.last_status = fetched.status if fetched is not None else None
        if error is None:
            source.failures, source.last_success_at = 0, now
        else:
            source.failures = (source.failures or 0) + 1
        wait = backoff_seconds(every_seconds, source.failures)
        source.next_poll_at = now + timedelta(seconds=wait)
        if fetched is not None and fetched.status == 200:
            source.etag, source.last_modified = fetched.etag, fetched.last_modified
        if report is not None:
            source.last_report = report
        session.add(source)
        session.commit()


async def poll_source(
    ingestor: Ingestor,
    url: str,
    *,
    every_seconds: float = 120.0,
    now: Callable[[], datetime] = utc_now,
) -> list[IngestOutcome]:
    """Poll one source once; return the outcomes (none when it was not modified or failed)."""
    factory = ingestor.session_factory
    etag, last_modified = await anyio.to_thread.run_sync(_load_state, factory, url)
    fetched: Fetched | None = None
    outcomes: list[IngestOutcome] = []
    error: str | None = None
    try:
        fetched = await fetch_document(ingestor.client, url, etag=etag, last_modified=last_modified)
        if fetched.status == 200:
            outcomes = await ingestor.ingest_document(fetched.body or b"", fetched.url)
    except CapError as refused:
        error = refused.message
        logger.warning("CAP source %s: %s", url, error)
    read = error is None and fetched is not None and fetched.status == 200
    report = entries_report(outcomes) if read else None
    await anyio.to_thread.run_sync(
        _save_state, factory, url, fetched, error, report, now(), every_seconds
    )
    return outcomes


def _due(session_factory: Callable[[], Session], urls: list[str], at: datetime) -> list[str]:
    """Return the sources whose next poll is due (never polled ones included)."""
    with session_factory() as session:
        due = []
        for url in urls:
            source = session.get(AlertSource, url)
            if source is None or source.next_poll_at is None or source.next_poll_at <= at:
                due.append(url)
        return due


async def poll_due(
    ingestor: Ingestor,
    urls: list[str],
    every_seconds: float,
    now: Callable[[], datetime] = utc_now,
) -> dict[str, list[IngestOutcome]]:
    """Poll each source that is due (a failing one waits out its back-off); one breaking
    never stops the others."""
    due = await anyio.to_thread.run_sync(_due, ingestor.session_factory, urls, now())
    results: dict[str, list[IngestOutcome]] = {}
    for url in due:
        try:
            results[url] = await poll_source(ingestor, url, every_seconds=every_seconds, now=now)
        except Exception:
            logger.exception("Polling CAP source %s failed", url)
            continue
        stored = sum(1 for outcome in results[url] if outcome.created)
        if stored:
            logger.info("CAP source %s: %d new alerts", url, stored)
    return results


async def poll_forever(ingestor: Ingestor, urls: list[str], every_seconds: float) -> None:
    """Poll the due sources, then wait, until cancelled."""
    while True:
        await poll_due(ingestor, urls, every_seconds)
        await asyncio.sleep(every_seconds)
