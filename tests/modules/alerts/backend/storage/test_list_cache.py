"""Kept alert lists (list_cache.py): never served once an alert changed or a listed one expired."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy.orm import Session

from hue_s.modules.alerts.backend.feeds.ingest import Ingestor
from hue_s.modules.alerts.backend.storage.list_cache import KeptList, ListCache

from ..cap_builders import alert_xml, hue_alert, reference

NOW = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)


def test_a_kept_list_is_served_only_for_its_event_and_before_its_first_expiry() -> None:
    cache = ListCache()
    cache.put((True, None), KeptList(7, NOW + timedelta(minutes=5), b"[1]"))
    assert cache.get((True, None), 7, NOW) == b"[1]"
    assert cache.get((True, None), 8, NOW) is None  # an alert changed since
    assert cache.get((True, None), 7, NOW + timedelta(minutes=5)) is None  # one expired
    assert cache.get((False, None), 7, NOW) is None


async def test_the_list_follows_new_and_cancelled_alerts(
    api: httpx.AsyncClient, db: Callable[[], Session]
) -> None:
    assert (await api.get("/api/v1/alerts")).json() == []
    async with httpx.AsyncClient() as client:
        ingestor = Ingestor(db, client)
        await ingestor.ingest_document(hue_alert("C-1"), None)
        listed = (await api.get("/api/v1/alerts")).json()
        assert [alert["identifier"] for alert in listed] == ["C-1"]
        assert (await api.get("/api/v1/alerts")).json() == listed  # served as kept
        cancel = alert_xml("C-2", "", msg_type="Cancel", references=reference("C-1"))
        assert (await ingestor.ingest_document(cancel.encode(), None))[0].created
    assert (await api.get("/api/v1/alerts")).json() == []
