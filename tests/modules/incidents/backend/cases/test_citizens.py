"""Citizens: privacy of reports, my reports, rating, reopening, "me too", duplicates nearby."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import httpx
from sqlalchemy import update
from sqlalchemy.orm import Session

from hue_s.modules.incidents.backend.models import Incident, utc_now

from ..conftest import People, photo_bytes, point_in, report

PRIVATE_FIELDS = {
    "first_name": "Nguyễn",
    "last_name": "Văn Bí Mật",
    "email": "bimat@example.vn",
    "phone": "0905999888",
    "attribute[hide_name]": "yes",
}


async def resolved_case(client: httpx.AsyncClient, people: People) -> int:
    """Report as the citizen and have the officer resolve it; return the id."""
    created = await report(client, People.auth(people.citizen), point=point_in(people.ward))
    case_id = int(created.json()[0]["service_request_id"])
    officer = People.auth(people.officer)
    await client.post(f"/api/v1/cases/{case_id}/accept", json={}, headers=officer)
    resolved = await client.post(
        f"/api/v1/cases/{case_id}/resolve",
        files={"photo": ("a.jpg", photo_bytes())},
        headers=officer,
    )
    assert resolved.status_code == 200
    return case_id


async def test_private_details_never_leak(client: httpx.AsyncClient, people: People) -> None:
    created = await report(
        client, People.auth(people.citizen), point=point_in(people.ward), fields=PRIVATE_FIELDS
    )
    case_id = created.json()[0]["service_request_id"]
    for response_format in ("json", "xml"):
        for path in (f"/open311/v2/requests/{case_id}", "/open311/v2/requests"):
            body = (
                await client.get(f"{path}.{response_format}", params={"extensions": "true"})
            ).text
            for secret in ("Nguyễn", "Bí Mật", "bimat@", "0905999888", "hide_name"):
                assert secret not in body
    officer_view = (
        await client.get(f"/api/v1/cases/{case_id}", headers=People.auth(people.officer))
    ).json()
    assert officer_view["reporter"] == {
        "name": None,
        "phone": "0905999888",
        "email": "bimat@example.vn",
    }
    own_view = (
        await client.get(f"/api/v1/incidents/{case_id}", headers=People.auth(people.citizen))
    ).json()
    assert own_view["reporter"]["name"] == "Nguyễn Văn Bí Mật"


async def test_another_citizen_gets_404_for_private_data(
    client: httpx.AsyncClient, people: People
) -> None:
    created = await report(
        client,
        People.auth(people.citizen),
        point=point_in(people.ward),
        fields={"attribute[private]": "yes"},
    )
    case_id = created.json()[0]["service_request_id"]
    other = People.auth(people.other_citizen)
    assert (await client.get(f"/api/v1/incidents/{case_id}", headers=other)).status_code == 404
    assert (
        await client.get(f"/open311/v2/requests/{case_id}.json", headers=other)
    ).status_code == 404
    assert (await client.get(f"/open311/v2/requests/{case_id}.json")).status_code == 404
    assert (await client.get("/open311/v2/requests.json")).json() == []
    assert (
        await client.post(f"/api/v1/incidents/{case_id}/me-too", headers=other)
    ).status_code == 404
    mine = await client.get(
        f"/open311/v2/requests/{case_id}.json", headers=People.auth(people.citizen)
    )
    assert mine.status_code == 200
    listed = await client.get("/open311/v2/requests.json", params={"api_key": people.api_key})
    assert listed.json() == []
    assert (
        await client.get(f"/api/v1/cases/{case_id}", headers=People.auth(people.officer))
    ).status_code == 200


async def test_my_reports_list_only_mine(client: httpx.AsyncClient, people: People) -> None:
    for user in (people.citizen, people.citizen, people.other_citizen):
        await report(client, People.auth(user), point=point_in(people.ward))
    mine = (await client.get("/api/v1/incidents/mine", headers=People.auth(people.citizen))).json()
    assert len(mine) == 2
    assert (await client.get("/api/v1/incidents/mine")).status_code == 401


async def test_a_resolved_report_is_rated_once_by_its_reporter(
    client: httpx.AsyncClient, people: People
) -> None:
    created = await report(client, People.auth(people.citizen), point=point_in(people.ward))
    open_id = created.json()[0]["service_request_id"]
    early = await client.post(
        f"/api/v1/incidents/{open_id}/rating",
        json={"stars": 5},
        headers=People.auth(people.citizen),
    )
    assert (early.status_code, early.json()["error"]["code"]) == (409, "not_resolved")
    case_id = await resolved_case(client, people)
    path = f"/api/v1/incidents/{case_id}/rating"
    stranger = await client.post(path, json={"stars": 1}, headers=People.auth(people.other_citizen))
    assert stranger.status_code == 404
    assert (
        await client.post(path, json={"stars": 6}, headers=People.auth(people.citizen))
    ).status_code == 422
    rated = await client.post(
        path, json={"stars": 4, "comment": "Nhanh"}, headers=People.auth(people.citizen)
    )
    assert (rated.json()["rating"], rated.json()["rating_comment"]) == (4, "Nhanh")
    twice = await client.post(path, json={"stars": 5}, headers=People.auth(people.citizen))
    assert (twice.status_code, twice.json()["error"]["code"]) == (409, "already_rated")


async def test_a_resolved_report_reopens_within_seven_days_only(
    client: httpx.AsyncClient, people: People, db: Callable[[], Session]
) -> None:
    case_id = await resolved_case(client, people)
    path = f"/api/v1/incidents/{case_id}/reopen"
    body = {"reason": "Ổ gà lại xuất hiện"}
    reopened = await client.post(path, json=body, headers=People.auth(people.citizen))
    assert reopened.status_code == 200, reopened.text
    assert reopened.json()["status"] == "received"
    assert reopened.json()["timeline"][-1]["action"] == "reopened"
    late_id = await resolved_case(client, people)
    with db() as session:
        session.execute(
            update(Incident)
            .where(Incident.id == late_id)
            .values(closed_at=utc_now() - timedelta(days=8))
        )
        session.commit()
    late = await client.post(
        f"/api/v1/incidents/{late_id}/reopen", json=body, headers=People.auth(people.citizen)
    )
    assert (late.status_code, late.json()["error"]["code"]) == (409, "reopen_window_passed")


async def test_me_too_follows_and_nearby_offers_duplicates(
    client: httpx.AsyncClient, people: People
) -> None:
    point = point_in(people.ward)
    created = await report(client, People.auth(people.citizen), point=point)
    case_id = int(created.json()[0]["service_request_id"])
    far = await report(client, People.auth(people.citizen), point=(point[0] + 0.002, point[1]))
    assert far.status_code == 200
    params = {"lat": point[0] + 0.0002, "lon": point[1], "service_code": "road_pothole"}
    nearby = (await client.get("/api/v1/incidents/nearby", params=params)).json()
    assert [item["id"] for item in nearby] == [case_id]
    assert 15 < nearby[0]["distance_m"] < 30
    other_service = (
        await client.get("/api/v1/incidents/nearby", params=params | {"service_code": "waste"})
    ).json()
    assert other_service == []
    path = f"/api/v1/incidents/{case_id}/me-too"
    for _ in range(2):
        followed = await client.post(path, headers=People.auth(people.other_citizen))
        assert followed.json() == {"incident_id": case_id, "followers": 1}
    assert (await client.post(path)).status_code == 401
