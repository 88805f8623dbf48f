"""Ingest a CAP document or feed: find its alerts, follow entry links, store each alert once."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import anyio
import httpx
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hue_s.modules.alerts.backend.cap.documents import DocumentItem, read_cap_document
from hue_s.modules.alerts.backend.cap.parse import parse_alert
from hue_s.modules.alerts.backend.cap.record import CapAlert
from hue_s.modules.alerts.backend.cap.safe_xml import CapError
from hue_s.modules.alerts.backend.columns import utc_now
from hue_s.modules.alerts.backend.feeds.fetch import fetch_document
from hue_s.modules.alerts.backend.storage.store import store_alert

FEED_KINDS = ("atom", "rss")
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestOutcome:
    """What became of one alert of a document: stored (or found stored) or refused."""

    label: str
    cap: CapAlert | None = None
    alert_id: int | None = None
    created: bool = False
    error: CapError | None = None
    in_city: bool = False
    """Whether the stored alert covers a ward of the city (else it stays out of public lists)."""

    def summary(self) -> str:
        """Return the one-line summary printed by `hue-s backend ingest-cap`."""
        if self.cap is None:
            message = self.error.message if self.error else "nothing to ingest"
            return f"refused   {self.label}: {message}"
        verb = "stored   " if self.created else "unchanged"
        note = "" if self.created else " (already stored)"
        return (
            f"{verb} {self.cap.identifier} msgType={self.cap.msg_type} "
            f"infos={len(self.cap.infos)} areas={self.cap.area_count}{note}"
        )


class Ingestor:
    """Stores the alerts of documents into one database, fetching linked CAP with a client."""

    def __init__(
        self,
        session_factory: Callable[[], Session],
        client: httpx.AsyncClient,
        on_commit: Callable[[], None] | None = None,
    ) -> None:
        """Use this database and HTTP client; call on_commit after each stored alert."""
        self.session_factory = session_factory
        self.client = client
        self.on_commit = on_commit

    def _store(self, cap: CapAlert, label: str, source_url: str | None) -> IngestOutcome:
        """Store one alert in its own transaction, once even when raced by another process."""
        for attempt in range(2):
            with self.session_factory() as session:
                try:
                    stored = store_alert(session, cap, now=utc_now(), source_url=source_url)
                    session.commit()
                except IntegrityError:
                    session.rollback()
                    if attempt:
                        raise
                    continue
                if stored.created and self.on_commit is not None:
                    self.on_commit()
                in_city = bool(stored.alert.wards)
                return IngestOutcome(label, cap, stored.alert.id, stored.created, in_city=in_city)
        raise AssertionError("unreachable")

    async def _store_async(
        self, cap: CapAlert, label: str, source_url: str | None
    ) -> IngestOutcome:
        """Store one alert from async code, in a worker thread."""
        return await anyio.to_thread.run_sync(self._store, cap, label, source_url)

    async def _follow(self, item: DocumentItem, link: str) -> list[IngestOutcome]:
        """Fetch a linked CAP document and ingest the alerts in it (links are not followed on)."""
        try:
            fetched = await fetch_document(self.client, link)
            document = read_cap_document(fetched.body or b"", base_url=fetched.url)
            if document.kind in FEED_KINDS:
                raise CapError("link_to_feed", f"Refused {link}: it leads to a feed, not CAP")
        except CapError as error:
            return [IngestOutcome(item.label, error=error)]
        outcomes = []
        for inner in document.items:
            if inner.alert is None:
                continue
            try:
                cap = parse_alert(inner.alert)
            except CapError as error:
                outcomes.append(IngestOutcome(f"{item.label} ({link})", error=error))
                continue
            outcomes.append(await self._store_async(cap, item.label, link))
        return outcomes

    async def _ingest_item(self, item: DocumentItem, source_url: str | None) -> list[IngestOutcome]:
        """Ingest one slot of a document: its embedded alert, else what its link leads to."""
        problem = item.problem
        if item.alert is not None:
            try:
                cap = parse_alert(item.alert)
            except CapError as error:
                problem = error
            else:
                return [await self._store_async(cap, item.label, source_url)]
        if item.link:
            return await self._follow(item, item.link)
        return [IngestOutcome(item.label, error=problem)]

    async def _ingest_item_safely(
        self, item: DocumentItem, source_url: str | None
    ) -> list[IngestOutcome]:
        """Ingest one slot; whatever goes wrong with it is its outcome, never the document's."""
        try:
            return await self._ingest_item(item, source_url)
        except Exception as error:  # one bad entry must not stop the others
            logger.exception("CAP %s of %s failed", item.label, source_url)
            failure = CapError("entry_failed", f"{item.label}: {type(error).__name__}: {error}")
            return [IngestOutcome(item.label, error=failure)]

    async def ingest_document(self, data: bytes, source_url: str | None) -> list[IngestOutcome]:
        """Ingest every alert of a document; raise CapError if the document itself is refused."""
        document = read_cap_document(data, base_url=source_url)
        outcomes: list[IngestOutcome] = []
        for item in document.items:
            outcomes.extend(await self._ingest_item_safely(item, source_url))
        return outcomes

    async def ingest_url(self, url: str) -> list[IngestOutcome]:
        """Fetch a CAP document or feed and ingest it; raise CapError if it cannot be had."""
        fetched = await fetch_document(self.client, url)
        return await self.ingest_document(fetched.body or b"", fetched.url)
