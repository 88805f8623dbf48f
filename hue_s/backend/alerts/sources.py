"""Poll the configured CAP sources with conditional requests (ETag / If-Modified-Since)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import anyio
from sqlalchemy.orm import Session

from hue_s.backend.alerts.cap.safe_xml import CapError
from hue_s.backend.alerts.columns import utc_now
from hue_s.backend.alerts.fetch import Fetched, fetch_document
from hue_s.backend.alerts.ingest import Ingestor, IngestOutcome
from hue_s.backend.alerts.models import AlertSource

logger = logging.getLogger(__name__)


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
) -> None:
    """Remember how a poll went (validators only change on a 200)."""
    with session_factory() as session:
        source = session.get(AlertSource, url) or AlertSource(url=url)
        source.last_polled_at = utc_now()
        source.last_error = error
        if fetched is not None:
            source.last_status = fetched.status
            if fetched.status == 200:
                source.etag, source.last_modified = fetched.etag, fetched.last_modified
        session.add(source)
        session.commit()


async def poll_source(ingestor: Ingestor, url: str) -> list[IngestOutcome]:
    """Poll one source once; return the outcomes (none when it was not modified)."""
    factory = ingestor.session_factory
    etag, last_modified = await anyio.to_thread.run_sync(_load_state, factory, url)
    fetched: Fetched | None = None
    try:
        fetched = await fetch_document(ingestor.client, url, etag=etag, last_modified=last_modified)
        outcomes = []
        if fetched.status == 200:
            outcomes = await ingestor.ingest_document(fetched.body or b"", fetched.url)
    except CapError as error:
        await anyio.to_thread.run_sync(_save_state, factory, url, fetched, error.message)
        logger.warning("CAP source %s: %s", url, error.message)
        return []
    await anyio.to_thread.run_sync(_save_state, factory, url, fetched, None)
    return outcomes


async def poll_forever(ingestor: Ingestor, urls: list[str], every_seconds: float) -> None:
    """Poll every source, then wait, until cancelled."""
    while True:
        for url in urls:
            try:
                outcomes = await poll_source(ingestor, url)
            except Exception:  # one broken source must not stop the others
                logger.exception("Polling CAP source %s failed", url)
                continue
            stored = sum(1 for outcome in outcomes if outcome.created)
            if stored:
                logger.info("CAP source %s: %d new alerts", url, stored)
        await asyncio.sleep(every_seconds)
