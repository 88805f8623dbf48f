"""GeoReport v2 defaults of GET requests: up to 1000, the last 90 days, service_notice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
from fastapi import FastAPI
from sqlalchemy import insert
from sqlalchemy.orm import Session

from hue_s.modules.incidents.backend.models import Incident

from ..conftest import People, point_in, report

NOW = datetime(2031, 5, 1, 3, 0, tzinfo=UTC)
"""The app's clock in these tests: nothing depends on today's date."""


def store(db: Callable[[], Session], ward_code: str, times: list[datetime]) -> None:
    """Store public road_pothole reports requested at the given times."""
    rows = [
        {
            "token": f"{index:032x}",
            "service_code": "road_pothole",
            "status": "received",
            "urgency": "normal",
            "ward_code": ward_code,
            "attributes": {},
            "public": True,
            "source": "open311",
            "hide_name": False,
            "requested_at": moment,
            "updated_at": moment,
            "deadline_at": moment + timedelta(days=3),
        }
        for index, moment in enumerate(times)
    ]
    with db() as session:
        session.execute(insert(Incident), rows)
        session.commit()


def ids(response: httpx.Response) -> list[str]:
    """Return the service_request_ids of a list answer."""
    assert response.status_code == 200, response.text
    return [record["service_request_id"] for record in response.json()]


async def test_a_plain_list_returns_up_to_1000_and_pages_only_when_asked(
    app: FastAPI, client: httpx.AsyncClient, db: Callable[[], Session], people: People
) -> None:
    app.state.clock = lambda: NOW
    store(db, people.ward.code, [NOW - timedelta(minutes=index) for index in range(1005)])
    plain = ids(await client.get("/open311/v2/requests.json"))
    assert len(plain) == 1000
    assert ids(await client.get("/open311/v2/requests.json", params={"page": 2})) == plain[50:100]
    sized = await client.get("/open311/v2/requests.json", params={"page_size": 7})
    assert ids(sized) == plain[:7]
    last = await client.get("/open311/v2/requests.json", params={"page": 2, "page_size": 1000})
    assert len(ids(last)) == 5


async def test_without_dates_the_last_90_days_by_the_app_clock(
    app: FastAPI, client: httpx.AsyncClient, db: Callable[[], Session], people: People
) -> None:
    app.state.clock = lambda: NOW
    ages = [timedelta(hours=1), timedelta(days=89), timedelta(days=91), timedelta(hours=-1)]
    store(db, people.ward.code, [NOW - age for age in ages])
    listed = await client.get("/open311/v2/requests.json")
    assert [record["requested_datetime"] for record in listed.json()] == [
        "2031-05-01T09:00:00+07:00",
        "2031-02-01T10:00:00+07:00",
    ]
    app.state.clock = lambda: NOW - timedelta(days=2)
    earlier = await client.get("/open311/v2/requests.json")
    assert [record["requested_datetime"] for record in earlier.json()] == [
        "2031-02-01T10:00:00+07:00",
        "2031-01-30T10:00:00+07:00",
    ]


async def test_get_gives_the_service_notice_post_gave(
    client: httpx.AsyncClient, people: People
) -> None:
    for language in ("vi", "en"):
        headers = People.auth(people.citizen) | {"Accept-Language": language}
        created = await report(client, headers, point=point_in(people.ward))
        posted = created.json()[0]
        path = f"/open311/v2/requests/{posted['service_request_id']}.json"
        read = (await client.get(path, headers={"Accept-Language": language})).json()[0]
        assert read["service_notice"] == posted["service_notice"]
        assert read["service_notice"].startswith(("Đã tiếp nhận", "Received"))
