"""Real CAP feeds read right (#12): only the city's alerts published, all-clears end alerts,
self-references kept, nothing lost (resources, empty values, UTC offsets), nothing invented."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from lxml import etree
from sqlalchemy.orm import Session

from hue_s.modules.alerts.backend.cap.atom import entry_links
from hue_s.modules.alerts.backend.cap.schema import cap12_problems
from hue_s.modules.alerts.backend.feeds.ingest import Ingestor, IngestOutcome

from ..cap_builders import (
    KIM_LONG,
    alaska_alert,
    alert_xml,
    area_xml,
    hue_alert,
    info_xml,
    reference,
)
from ..helpers import cap_sample

CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"
MACAO_CIRCLE = "<area><areaDesc>Macao</areaDesc><circle>22.19,113.54 15</circle></area>"


async def ingest(db: Callable[[], Session], document: bytes) -> IngestOutcome:
    """Ingest a one-alert document; return its outcome."""
    async with httpx.AsyncClient() as client:
        outcomes = await Ingestor(db, client).ingest_document(document, None)
    assert len(outcomes) == 1 and outcomes[0].alert_id is not None, outcomes
    return outcomes[0]


async def listed_ids(api: httpx.AsyncClient, **params: str) -> list[int]:
    """Return the ids GET /api/v1/alerts lists."""
    return [alert["id"] for alert in (await api.get("/api/v1/alerts", params=params)).json()]


async def test_alerts_outside_the_city_stay_out_of_its_lists_and_feed(
    api: httpx.AsyncClient, db: Callable[[], Session]
) -> None:
    alaska = await ingest(db, alaska_alert("AK-1", polygons=3, points=20))
    macao = await ingest(db, alert_xml("MO-1", info_xml(MACAO_CIRCLE)).encode())
    hue = await ingest(db, hue_alert("HUE-1"))
    assert (alaska.in_city, macao.in_city, hue.in_city) == (False, False, True)
    assert await listed_ids(api) == [hue.alert_id]
    assert await listed_ids(api, active="false") == [hue.alert_id]
    assert await listed_ids(api, lat="61.0", lon="-150.0") == []
    feed = etree.fromstring((await api.get("/alerts/cap.atom")).content)
    assert entry_links(feed) == [f"http://hue-s.test/alerts/{hue.alert_id}.cap"]
    kept = await api.get(f"/api/v1/alerts/{alaska.alert_id}")  # still stored, by id
    assert kept.status_code == 200 and kept.json()["ward_codes"] == []


async def test_an_all_clear_without_expires_ends_itself_and_what_it_references(
    api: httpx.AsyncClient, db: Callable[[], Session]
) -> None:
    first = await ingest(db, hue_alert("FLOOD-1"))
    assert await listed_ids(api) == [first.alert_id]
    clear_info = info_xml(
        area_xml([KIM_LONG]), extra="<responseType>AllClear</responseType>", event="Hết lũ"
    )
    clear = alert_xml(  # an Alert (not an Update), as alertswiss sends them
        "FLOOD-2", clear_info, references=reference("FLOOD-1"), sent="2025-11-17T10:00:00+07:00"
    )
    ended = await ingest(db, clear.encode())
    assert await listed_ids(api) == []
    assert "<entry>" not in (await api.get("/alerts/cap.atom")).text
    old = (await api.get(f"/api/v1/alerts/{first.alert_id}")).json()
    assert (old["state"], old["replaced_by"]) == ("updated", ended.alert_id)
    past = info_xml(area_xml([KIM_LONG])).replace("Immediate", "Past")
    again = await ingest(db, hue_alert("RAIN-1", sent="2025-11-17T11:00:00+07:00"))
    rain = reference("RAIN-1", "2025-11-17T11:00:00+07:00")
    update = alert_xml(
        "RAIN-2", past, msg_type="Update", references=rain, sent="2025-11-17T12:00:00+07:00"
    )
    assert (await ingest(db, update.encode())).created
    assert again.alert_id not in await listed_ids(api) and await listed_ids(api) == []


async def test_a_message_referencing_itself_is_stored_after_its_predecessor(
    api: httpx.AsyncClient, db: Callable[[], Session]
) -> None:
    sent = "2025-11-17T09:00:00+07:00"
    first = await ingest(db, hue_alert("POA-7"))
    both = f"{reference('POA-7')} {reference('POA-8', sent)}"  # its predecessor and itself
    update = alert_xml(
        "POA-8", info_xml(area_xml([KIM_LONG])), msg_type="Update", references=both, sent=sent
    )
    second = await ingest(db, update.encode())
    assert second.created and second.alert_id != first.alert_id
    assert await listed_ids(api) == [second.alert_id]
    assert not (await ingest(db, update.encode())).created  # the very same message: once


async def test_resources_empty_values_and_offsets_survive_republishing(
    api: httpx.AsyncClient, db: Callable[[], Session]
) -> None:
    times = (
        "<effective>2025-11-17T08:00:00+07:00</effective>"
        "<onset>2025-11-17T09:30:00+07:00</onset><expires>2099-11-18T08:00:00+07:00</expires>"
    )
    tail = (
        "<parameter><valueName>WMOHEADER</valueName><value></value></parameter>"
        "<resource><resourceDesc>Bản đồ ngập</resourceDesc><mimeType>image/png</mimeType>"
        "<size>51234</size><uri>https://example.vn/ngap.png</uri>"
        "<digest>2fd4e1c67a2d28fced849ee1bb76e7391b93eb12</digest></resource>"
    )
    info = info_xml(area_xml([KIM_LONG]), extra=times, tail=tail)  # the parser takes any order
    stored = await ingest(db, alert_xml("MAP-1", info).encode())
    document = (await api.get(f"/alerts/{stored.alert_id}.cap")).content
    assert cap12_problems(document) == []
    root = etree.fromstring(document)
    written = root.find(f"{CAP}info")
    assert written is not None
    assert [written.findtext(f"{CAP}{name}") for name in ("effective", "onset", "expires")] == [
        "2025-11-17T08:00:00+07:00", "2025-11-17T09:30:00+07:00", "2099-11-18T08:00:00+07:00",
    ]  # fmt: skip
    parameter = written.find(f"{CAP}parameter")
    assert parameter is not None and parameter.findtext(f"{CAP}valueName") == "WMOHEADER"
    assert parameter.find(f"{CAP}value") is not None and parameter.findtext(f"{CAP}value") == ""
    resource = written.find(f"{CAP}resource")
    assert resource is not None
    assert [child.text for child in resource] == [
        "Bản đồ ngập", "image/png", "51234", "https://example.vn/ngap.png",
        "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12",
    ]  # fmt: skip
    shown = (await api.get(f"/api/v1/alerts/{stored.alert_id}")).json()["infos"][0]
    assert shown["resources"][0]["uri"] == "https://example.vn/ngap.png"
    assert {"value_name": "WMOHEADER", "value": ""} in shown["parameters"]
    noaa = await ingest(db, cap_sample("google-cap-library/noaa_errors.cap"))
    republished = (await api.get(f"/alerts/{noaa.alert_id}.cap")).text
    assert "<valueName>TIME...MOT...LOC</valueName>" in republished


async def test_a_missing_category_or_certainty_is_not_invented(
    api: httpx.AsyncClient, db: Callable[[], Session]
) -> None:
    bare = info_xml(area_xml([KIM_LONG])).replace("<category>Met</category>", "")
    bare = bare.replace("<certainty>Observed</certainty>", "")
    stored = await ingest(db, alert_xml("BARE-1", bare).encode())
    shown = (await api.get(f"/api/v1/alerts/{stored.alert_id}")).json()["infos"][0]
    assert (shown["categories"], shown["certainty"]) == ([], None)
    document = (await api.get(f"/alerts/{stored.alert_id}.cap")).content
    assert cap12_problems(document) == []  # valid: the standard's "not known" values only
    info = etree.fromstring(document).find(f"{CAP}info")
    assert info is not None
    assert (info.findtext(f"{CAP}category"), info.findtext(f"{CAP}certainty")) == (
        "Other", "Unknown",
    )  # fmt: skip
