"""The case lifecycle with its timeline, SLA deadlines, and who may act on what."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import httpx
from sqlalchemy import update
from sqlalchemy.orm import Session

from hue_s.modules.incidents.backend.models import Incident, utc_now

from ..conftest import People, photo_bytes, point_in, report


async def new_case(client: httpx.AsyncClient, people: People, **fields: str) -> int:
    """Report a pothole in the officer's ward as the citizen; return its id."""
    created = await report(
        client, People.auth(people.citizen), point=point_in(people.ward), fields=fields
    )
    assert created.status_code == 200, created.text
    return int(created.json()[0]["service_request_id"])


async def act(
    client: httpx.AsyncClient, user: int, case_id: int, action: str, **body: object
) -> httpx.Response:
    """POST an officer action on a case."""
    return await client.post(
        f"/api/v1/cases/{case_id}/{action}", json=body, headers=People.auth(user)
    )


async def open311_status(client: httpx.AsyncClient, case_id: int) -> str:
    """Return a request's Open311 status."""
    status: str = (await client.get(f"/open311/v2/requests/{case_id}.json")).json()[0]["status"]
    return status


async def test_a_case_goes_from_received_to_resolved_with_a_timeline_entry_per_change(
    client: httpx.AsyncClient, people: People
) -> None:
    case_id = await new_case(client, people)
    assert (await act(client, people.officer, case_id, "accept")).json()["status"] == "assigned"
    started = await act(client, people.officer, case_id, "start", note="Đội đang đến")
    assert started.json()["status"] == "in_progress"
    noted = await act(client, people.officer, case_id, "notes", note="Cần vật liệu", public=False)
    assert noted.json()["status"] == "in_progress"
    assert await open311_status(client, case_id) == "open"
    resolved = await client.post(
        f"/api/v1/cases/{case_id}/resolve",
        files={"photo": ("after.jpg", photo_bytes())},
        data={"note": "Đã vá"},
        headers=People.auth(people.officer),
    )
    assert resolved.status_code == 200, resolved.text
    detail = resolved.json()
    assert detail["status"] == "resolved"
    assert [photo["kind"] for photo in detail["photos"]] == ["after"]
    timeline = detail["timeline"]
    assert [entry["action"] for entry in timeline] == [
        "received",
        "accepted",
        "started",
        "noted",
        "resolved",
        "proof_not_checked",  # neither photo says where and when it was taken
    ]
    assert [entry["actor_id"] for entry in timeline[1:]] == [people.officer] * 5
    assert all(entry["at"] for entry in timeline)
    assert await open311_status(client, case_id) == "closed"
    public = (
        await client.get(f"/open311/v2/requests/{case_id}.json", params={"extensions": "true"})
    ).json()[0]
    notes = [entry["note"] for entry in public["extended_attributes"]["timeline"]]
    assert "Cần vật liệu" not in notes and "Đã vá" in notes
    assert public["status_notes"] == "Đã vá"


async def test_reject_and_transfer_need_a_reason(client: httpx.AsyncClient, people: People) -> None:
    case_id = await new_case(client, people)
    assert (await act(client, people.officer, case_id, "reject")).status_code == 422
    assert (
        await act(client, people.officer, case_id, "transfer", ward_code=people.other_ward.code)
    ).status_code == 422
    moved = await act(
        client,
        people.officer,
        case_id,
        "transfer",
        ward_code=people.other_ward.code,
        reason="Thuộc địa bàn Thủy Xuân",
    )
    assert (moved.status_code, moved.json()["status"]) == (200, "transferred")
    assert moved.json()["ward_code"] == people.other_ward.code
    assert (await act(client, people.officer, case_id, "accept")).status_code == 404
    without_body = await client.post(
        f"/api/v1/cases/{case_id}/accept", headers=People.auth(people.other_officer)
    )
    assert without_body.status_code == 200
    rejected = await act(client, people.other_officer, case_id, "reject", reason="Đã được xử lý")
    assert rejected.json()["status"] == "rejected"
    assert rejected.json()["timeline"][-1]["note"] == "Đã được xử lý"
    again = await act(client, people.other_officer, case_id, "accept")
    assert (again.status_code, again.json()["error"]["code"]) == (409, "invalid_transition")


async def test_resolving_needs_an_after_photo_taken_near_the_report_and_after_it(
    client: httpx.AsyncClient, people: People
) -> None:
    point = point_in(people.ward)
    before = photo_bytes(gps=point, taken="2026:11:20 09:00:00")
    created = await report(client, People.auth(people.citizen), point=point, photos=[before])
    case_id = int(created.json()[0]["service_request_id"])
    await act(client, people.officer, case_id, "accept")

    async def resolve(photo: bytes | None) -> httpx.Response:
        files = {"photo": ("after.jpg", photo)} if photo else None
        return await client.post(
            f"/api/v1/cases/{case_id}/resolve",
            files=files,
            data={"note": "xong"},
            headers=People.auth(people.officer),
        )

    missing = await resolve(None)
    assert (missing.status_code, missing.json()["error"]["code"]) == (422, "after_photo_required")
    far = (point[0] + 0.01, point[1])  # ~1.1 km north
    too_far = await resolve(photo_bytes(gps=far, taken="2026:11:21 09:00:00"))
    assert (too_far.status_code, too_far.json()["error"]["code"]) == (422, "after_photo_too_far")
    early = await resolve(photo_bytes(gps=point, taken="2026:11:19 09:00:00"))
    assert (early.status_code, early.json()["error"]["code"]) == (422, "after_photo_too_early")
    near = (point[0] + 0.001, point[1])  # ~110 m
    good = await resolve(photo_bytes(gps=near, taken="2026:11:21 09:00:00"))
    assert (good.status_code, good.json()["status"]) == (200, "resolved")
    proof = good.json()["timeline"][-1]
    assert (proof["action"], proof["note"]) == ("proof_checked", "111 m")


async def test_place_and_time_sent_beside_bare_photos_prove_the_fix_the_same_way(
    client: httpx.AsyncClient, people: People
) -> None:
    point = point_in(people.ward)
    bare = photo_bytes()  # no EXIF: the app strips it on the device and sends these fields
    sent = {
        "media_taken_at[0]": "2026-11-20T09:00:00",  # no zone: Huế's clock
        "media_lat[0]": str(point[0]),
        "media_long[0]": str(point[1]),
    }
    created = await report(
        client, People.auth(people.citizen), point=point, photos=[bare], fields=sent
    )
    case_id = int(created.json()[0]["service_request_id"])
    await act(client, people.officer, case_id, "accept")

    async def resolve(photo: bytes = bare, **fields: str) -> httpx.Response:
        return await client.post(
            f"/api/v1/cases/{case_id}/resolve",
            files={"photo": ("after.jpg", photo)},
            data={"note": "xong", **fields},
            headers=People.auth(people.officer),
        )

    def place(lat: float, lon: float) -> dict[str, str]:
        return {"lat": str(lat), "long": str(lon)}

    later, far = "2026-11-21T09:00:00", (point[0] + 0.01, point[1])
    far_by_exif = photo_bytes(gps=far, taken="2026:11:21 09:00:00")
    refusals = [
        (resolve(taken_at=later, **place(*far)), "after_photo_too_far"),
        (resolve(taken_at="2026-11-20T01:59:00Z", **place(*point)), "after_photo_too_early"),
        (resolve(taken_at=later, lat=str(point[0])), "invalid_photo_place"),
        (resolve(taken_at=later, **place(95.0, point[1])), "invalid_photo_place"),
        (resolve(taken_at="hôm qua", **place(*point)), "invalid_photo_time"),
        # The photo's own EXIF wins over what is sent beside it.
        (resolve(far_by_exif, **place(*point)), "after_photo_too_far"),
    ]  # fmt: skip
    for pending, code in refusals:
        refused = await pending
        assert (refused.status_code, refused.json()["error"]["code"]) == (422, code)
    near = (point[0] + 0.0005, point[1])  # ~55 m
    good = await resolve(taken_at="2026-11-20T02:01:00+00:00", **place(*near))
    assert (good.status_code, good.json()["status"]) == (200, "resolved"), good.text
    assert [(e["action"], e["note"]) for e in good.json()["timeline"][-2:]] == [
        ("resolved", "xong"),
        ("proof_checked", "56 m"),
    ]
    after = next(photo for photo in good.json()["photos"] if photo["kind"] == "after")
    assert after["taken_at"].startswith("2026-11-20T02:01") and after["lat"] == near[0]
    public = (
        await client.get(f"/open311/v2/requests/{case_id}.json", params={"extensions": "true"})
    ).json()[0]
    assert public["extended_attributes"]["timeline"][-1]["action"] == "proof_checked"


async def test_a_fix_photo_without_place_and_time_is_accepted_unchecked(
    client: httpx.AsyncClient, people: People
) -> None:
    point = point_in(people.ward)
    before = photo_bytes(gps=point, taken="2026:11:20 09:00:00")
    created = await report(client, People.auth(people.citizen), point=point, photos=[before])
    case_id = int(created.json()[0]["service_request_id"])
    await act(client, people.officer, case_id, "accept")
    resolved = await client.post(
        f"/api/v1/cases/{case_id}/resolve",
        files={"photo": ("after.jpg", photo_bytes(taken="2026:11:21 09:00:00"))},
        headers=People.auth(people.officer),
    )
    assert resolved.status_code == 200, resolved.text
    assert resolved.json()["timeline"][-1]["action"] == "proof_not_checked"


async def test_the_inbox_holds_the_officer_ward_by_deadline_overdue_first(
    client: httpx.AsyncClient, people: People, db: Callable[[], Session]
) -> None:
    slow = await new_case(client, people, **{"attribute[urgency]": "low"})
    urgent = await new_case(client, people, **{"attribute[urgency]": "high"})
    late = await new_case(client, people)
    elsewhere = await report(client, People.auth(people.citizen), point=point_in(people.other_ward))
    with db() as session:
        session.execute(
            update(Incident)
            .where(Incident.id == late)
            .values(deadline_at=utc_now() - timedelta(hours=1))
        )
        session.commit()
    inbox = (await client.get("/api/v1/cases", headers=People.auth(people.officer))).json()
    assert [case["id"] for case in inbox] == [late, urgent, slow]
    assert [case["overdue"] for case in inbox] == [True, False, False]
    assert inbox[1]["deadline_at"] < inbox[2]["deadline_at"]
    other_ward = await client.get(
        "/api/v1/cases",
        params={"ward_code": people.other_ward.code},
        headers=People.auth(people.officer),
    )
    assert other_ward.status_code == 403
    everything = (await client.get("/api/v1/cases", headers=People.auth(people.operator))).json()
    assert int(elsewhere.json()[0]["service_request_id"]) in {case["id"] for case in everything}
    assert (
        await client.get("/api/v1/cases", headers=People.auth(people.citizen))
    ).status_code == 403
    assert (await client.get("/api/v1/cases")).status_code == 401


async def test_the_sla_sets_the_deadline_by_service_and_urgency(
    client: httpx.AsyncClient, people: People
) -> None:
    case_id = await new_case(client, people, **{"attribute[urgency]": "high"})
    case = (
        await client.get(f"/api/v1/cases/{case_id}", headers=People.auth(people.officer))
    ).json()
    from datetime import datetime

    hours = datetime.fromisoformat(case["deadline_at"]) - datetime.fromisoformat(
        case["requested_at"]
    )
    assert hours == timedelta(hours=24)  # road_pothole, high urgency
    assert case["urgency"] == "high"


async def test_an_officer_of_another_ward_cannot_act_or_read(
    client: httpx.AsyncClient, people: People
) -> None:
    case_id = await new_case(client, people)
    for action, body in (
        ("accept", {}),
        ("notes", {"note": "xem"}),
        ("reject", {"reason": "không"}),
    ):
        refused = await act(client, people.other_officer, case_id, action, **body)
        assert (refused.status_code, refused.json()["error"]["code"]) == (404, "case_not_found")
    read = await client.get(f"/api/v1/cases/{case_id}", headers=People.auth(people.other_officer))
    assert read.status_code == 404
    assert (await act(client, people.citizen, case_id, "accept")).status_code == 403
