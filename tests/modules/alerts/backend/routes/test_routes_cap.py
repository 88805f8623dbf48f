"""Tests of /alerts/cap.atom and /alerts/{id}.cap (routes_cap.py): valid CAP 1.2 out."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from lxml import etree
from sqlalchemy.orm import Session

from hue_s.modules.alerts.backend.cap.atom import entry_links
from hue_s.modules.alerts.backend.cap.schema import cap12_problems
from hue_s.modules.alerts.backend.feeds.ingest import Ingestor

from ..conftest import draft
from ..helpers import cap_sample

CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"


async def ingest(db: Callable[[], Session], name: str) -> int:
    """Ingest a copied sample; return the stored alert's id."""
    async with httpx.AsyncClient() as client:
        outcomes = await Ingestor(db, client).ingest_document(cap_sample(name), None)
    assert outcomes[0].alert_id is not None
    return outcomes[0].alert_id


async def test_the_index_lists_active_alerts_with_valid_cap_documents(
    api: httpx.AsyncClient, operator: dict[str, str], db: Callable[[], Session]
) -> None:
    issued = (await api.post("/api/v1/alerts", json=draft(), headers=operator)).json()
    expired = await ingest(db, "kde-fpas/test_cap_data_expired_alert.xml")
    response = await api.get("/alerts/cap.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = etree.fromstring(response.content)
    links = entry_links(feed)
    assert links == [f"http://hue-s.test/alerts/{issued['id']}.cap"]
    assert f"/alerts/{expired}.cap" not in response.text
    document = await api.get(links[0])
    assert document.headers["content-type"].startswith("application/cap+xml")
    assert cap12_problems(document.content) == []
    alert = etree.fromstring(document.content)
    assert alert.findtext(f"{CAP}identifier") == issued["identifier"]
    assert alert.findtext(f"{CAP}info/{CAP}headline") == issued["headline"]
    geocode = alert.find(f"{CAP}info/{CAP}area/{CAP}geocode")
    assert geocode is not None and geocode.findtext(f"{CAP}value") == "19753"


async def test_ingested_cap11_is_served_as_valid_cap12(
    api: httpx.AsyncClient, db: Callable[[], Session]
) -> None:
    alert_id = await ingest(db, "google-cap-library/earthquake_signed.cap")
    document = await api.get(f"/alerts/{alert_id}.cap")
    assert document.status_code == 200
    assert cap12_problems(document.content) == []
    root = etree.fromstring(document.content)
    assert root.findtext(f"{CAP}sent") == "2011-09-06T17:15:38-00:00"
    assert root.findtext(f"{CAP}info/{CAP}event") == "Earthquake"
    missing = await api.get("/alerts/987654.cap")
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "alert_not_found")


async def test_updates_and_cancels_are_valid_cap12_with_references(
    api: httpx.AsyncClient, operator: dict[str, str]
) -> None:
    first = (await api.post("/api/v1/alerts", json=draft(), headers=operator)).json()
    cancel = (
        await api.post(f"/api/v1/alerts/{first['id']}/cancel", json={}, headers=operator)
    ).json()
    document = (await api.get(f"/alerts/{cancel['id']}.cap")).content
    assert cap12_problems(document) == []
    root = etree.fromstring(document)
    assert root.findtext(f"{CAP}msgType") == "Cancel"
    references = root.findtext(f"{CAP}references") or ""
    assert references.split(",")[:2] == [first["sender"], first["identifier"]]
    assert (
        etree.fromstring((await api.get("/alerts/cap.atom")).content).find(
            "{http://www.w3.org/2005/Atom}entry"
        )
        is None
    )
