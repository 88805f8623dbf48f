"""/api/v1/news: everyone reads; operators publish for the city or a ward; feeds merge in."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from hue_s.modules.news.backend.feeds import parse_feed
from hue_s.modules.news.backend.store import merge_feed

from .conftest import NOW, bearer_for
from .test_feeds import ROAD, WATER, rss

DRAFT = {"title": "Lịch tiêm chủng tháng 12", "body": "Trạm y tế phường...", "category": "health"}


async def test_an_operator_publishes_and_everyone_reads_it(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    operator = bearer_for(app, "operator", "+84905000031")
    made = await client.post("/api/v1/news", json=DRAFT | {"ward_code": "19753"}, headers=operator)
    assert made.status_code == 201, made.text
    item = made.json()
    assert (item["source"], item["ward_code"], item["category"]) == ("staff", "19753", "health")
    assert item["published_at"].startswith("2026-12-04T08:00:00")
    listed = await client.get("/api/v1/news")
    assert [i["id"] for i in listed.json()] == [item["id"]]
    one = await client.get(f"/api/v1/news/{item['id']}")
    assert one.json()["summary"] == "Trạm y tế phường..."


async def test_only_operators_and_admins_publish(app: FastAPI, client: httpx.AsyncClient) -> None:
    assert (await client.post("/api/v1/news", json=DRAFT)).status_code == 401
    citizen = bearer_for(app, "citizen", "+84905000032")
    assert (await client.post("/api/v1/news", json=DRAFT, headers=citizen)).status_code == 403
    admin = bearer_for(app, "admin", "+84905000033")
    assert (await client.post("/api/v1/news", json=DRAFT, headers=admin)).status_code == 201


async def test_an_unknown_ward_is_refused(app: FastAPI, client: httpx.AsyncClient) -> None:
    operator = bearer_for(app, "operator", "+84905000034")
    nowhere = DRAFT | {"ward_code": "99999"}
    answer = await client.post("/api/v1/news", json=nowhere, headers=operator)
    assert answer.status_code == 422


async def test_filters_by_ward_category_and_words(app: FastAPI, client: httpx.AsyncClient) -> None:
    with app.state.session_factory() as session:
        merge_feed(session, "https://huecity.gov.vn/rss", parse_feed(rss(WATER, ROAD), now=NOW))
        merge_feed(session, "https://ward/rss", parse_feed(rss(WATER), now=NOW), "19753")
        session.commit()
    titles = lambda answer: sorted(i["title"] for i in answer.json())  # noqa: E731
    assert len((await client.get("/api/v1/news")).json()) == 3
    in_other_ward = await client.get("/api/v1/news", params={"ward": "19774"})
    assert len(in_other_ward.json()) == 2  # the city's, not ward 19753's
    in_the_ward = await client.get("/api/v1/news", params={"ward": "19753"})
    assert len(in_the_ward.json()) == 3 and {i["ward_code"] for i in in_the_ward.json()} == {
        None,
        "19753",
    }
    traffic = await client.get("/api/v1/news", params={"category": "traffic"})
    assert titles(traffic) == ["Phân luồng giao thông đường Lê Lợi"]
    found = await client.get("/api/v1/news", params={"q": "Lê Lợi"})
    assert titles(found) == ["Phân luồng giao thông đường Lê Lợi"]


async def test_a_missing_item_is_404(client: httpx.AsyncClient) -> None:
    assert (await client.get("/api/v1/news/999")).status_code == 404


async def test_an_id_past_the_database_integer_is_422_not_500(client: httpx.AsyncClient) -> None:
    """The OpenAPI fuzz test found `GET /api/v1/news/68587709032960786432 -> 500`."""
    assert (await client.get("/api/v1/news/68587709032960786432")).status_code == 422


async def test_with_news_alone_air_is_absent_and_news_still_works(
    client: httpx.AsyncClient,
) -> None:
    assert (await client.get("/api/v1/air")).status_code == 404
    assert (await client.get("/api/v1/news")).status_code == 200


async def test_an_officer_publishes_for_their_own_ward_only(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    officer = bearer_for(app, "officer", "+84905000035", ward="19753")
    own = await client.post("/api/v1/news", json=DRAFT, headers=officer)
    assert own.status_code == 201, own.text
    assert own.json()["ward_code"] == "19753"  # no ward given: theirs, never the whole city
    other = DRAFT | {"ward_code": "19999"}
    assert (await client.post("/api/v1/news", json=other, headers=officer)).status_code == 403


async def test_the_ward_filter_takes_a_known_ward_code_only(client: httpx.AsyncClient) -> None:
    for wrong in ("99999", "1975", "abcde", "19753 OR 1"):
        answer = await client.get("/api/v1/news", params={"ward": wrong})
        assert answer.status_code == 422, wrong
    unknown = await client.get("/api/v1/news", params={"ward": "99999"})
    assert unknown.json()["error"]["code"] == "ward_not_found"
