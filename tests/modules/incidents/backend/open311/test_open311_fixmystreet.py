"""A FixMyStreet-style client against the Hue-S server: what a spec-following client sends.

It posts forms with its api_key and jurisdiction_id in the body and answers as attribute[...],
and reads requests.xml by jurisdiction_id, start_date and end_date, or with no parameter at all.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree

import httpx
from fastapi import FastAPI

from ..conftest import People, point_in

NOW = datetime(2031, 5, 1, 3, 0, tzinfo=UTC)
JURISDICTION = "hue.gov.vn"


def form_of(people: People, number: int, **fields: str) -> dict[str, str]:
    """Return the form a FixMyStreet-style client posts for its report `number`."""
    return {
        "api_key": people.api_key,
        "jurisdiction_id": JURISDICTION,
        "service_code": "road_pothole",
        "description": f"Ổ gà số {number}",
        "first_name": "Lan",
        "last_name": "Nguyễn",
        "email": f"lan{number}@example.org",
        "attribute[urgency]": "high" if number % 2 else "normal",
        **fields,
    }


def request_ids(answer: httpx.Response) -> list[str]:
    """Return the service_request_ids of a requests.xml answer."""
    assert answer.status_code == 200, answer.text
    root = ElementTree.fromstring(answer.content)
    return [str(found.findtext("service_request_id")) for found in root.iter("request")]


async def test_a_fixmystreet_style_client_sees_all_its_reports_and_files_an_address_alone(
    app: FastAPI, client: httpx.AsyncClient, people: People
) -> None:
    app.state.clock = lambda: NOW
    lat, lon = point_in(people.ward)
    posted = []
    for number in range(63):
        where = {"lat": str(lat), "long": str(lon), "address_string": f"{number} Lê Lợi"}
        answer = await client.post(
            "/open311/v2/requests.xml", data=form_of(people, number, **where)
        )
        posted += request_ids(answer)
    assert len(set(posted)) == 63

    window = {
        "jurisdiction_id": JURISDICTION,
        "start_date": (NOW - timedelta(days=1)).isoformat().replace("+00:00", "Z"),
        "end_date": (NOW + timedelta(minutes=1)).isoformat().replace("+00:00", "Z"),
    }
    by_dates = request_ids(await client.get("/open311/v2/requests.xml", params=window))
    plain = request_ids(await client.get("/open311/v2/requests.xml"))
    assert sorted(by_dates) == sorted(plain) == sorted(posted)

    address_only = form_of(people, 64, address_string="Chợ Đông Ba, TP Huế")
    filed = await client.post("/open311/v2/requests.xml", data=address_only)
    [case_id] = request_ids(filed)
    root = ElementTree.fromstring(filed.content)
    assert root.findtext("request/service_notice", "").startswith("Đã tiếp nhận")
    record = (
        await client.get(f"/open311/v2/requests/{case_id}.json", params={"extensions": "true"})
    ).json()[0]
    assert (record["address"], record["lat"], record["extended_attributes"]["ward"]) == (
        "Chợ Đông Ba, TP Huế",
        None,
        None,
    )
    operator = await client.get("/api/v1/cases", headers=People.auth(people.operator))
    officer = await client.get("/api/v1/cases", headers=People.auth(people.officer))
    assert int(case_id) in [case["id"] for case in operator.json()]
    assert int(case_id) not in [case["id"] for case in officer.json()]
