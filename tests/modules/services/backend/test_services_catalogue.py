"""The catalogue: public lists, search without diacritics, topics, a procedure's page."""

from __future__ import annotations

import httpx

from ..conftest import BIRTH

PROCEDURES = "/api/v1/services/procedures"


async def codes(client: httpx.AsyncClient, **params: str) -> list[str]:
    """Return the codes a search answers (as a guest)."""
    answer = await client.get(PROCEDURES, params=params)
    assert answer.status_code == 200, answer.text
    return [item["code"] for item in answer.json()]


async def test_search_ignores_diacritics_and_finds_other_names(client: httpx.AsyncClient) -> None:
    assert (await codes(client, q="khai sinh"))[0] == BIRTH
    assert (await codes(client, q="Khai Sinh"))[0] == BIRTH
    assert (await codes(client, q="giấy khai sinh"))[0] == BIRTH
    assert (await codes(client, q="birth"))[0] == BIRTH
    assert (await codes(client, q="dang ky ket hon"))[0].startswith("1.000894")
    assert await codes(client, q="xyzzy") == []


async def test_lists_filter_by_field_life_event_and_audience(client: httpx.AsyncClient) -> None:
    assert set(await codes(client, field="chung-thuc")) == {
        "2.000815.000.00.00.H57",
        "2.000884.000.00.00.H57",
    }
    assert BIRTH in await codes(client, life_event="having-a-baby")
    assert await codes(client, audience="business") == ["1.001612.000.00.00.H57"]


async def test_a_page_in_each_language(client: httpx.AsyncClient) -> None:
    vi = (await client.get(f"{PROCEDURES}/{BIRTH}")).json()
    en = (await client.get(f"{PROCEDURES}/{BIRTH}", params={"locale": "en"})).json()
    assert vi["name"] == "Đăng ký khai sinh" and en["name"] == "Birth registration"
    assert vi["online"] is True and vi["processing_time"] == "P1D"
    assert {channel["kind"] for channel in vi["channels"]} == {"in_person", "online", "postal"}
    assert [doc["code"] for doc in vi["documents"] if doc["online"] and doc["required"]] == [
        "giay-chung-sinh"
    ]
    assert vi["form"][0]["name"] == "child_full_name"
    assert "Luật Hộ tịch số 60/2014/QH13" in vi["legal_basis"]
    missing = await client.get(f"{PROCEDURES}/9.999999.000.00.00.H57")
    assert missing.status_code == 404


async def test_topics_count_the_procedures(client: httpx.AsyncClient) -> None:
    topics = (await client.get("/api/v1/services/topics", params={"locale": "en"})).json()
    fields = {topic["code"]: topic["count"] for topic in topics["fields"]}
    assert fields["cu-tru"] == 4
    events = {topic["code"]: topic for topic in topics["life_events"]}
    assert events["opening-a-shop"]["audience"] == "business"
