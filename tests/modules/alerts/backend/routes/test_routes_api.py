"""Tests of /api/v1/alerts (routes_api.py): operators issue, update, cancel; the app lists."""

from __future__ import annotations

import httpx
import pytest

from ..conftest import draft

PHU_XUAN_CENTRE = (16.4712, 107.5761)
"""A point inside Phường Phú Xuân (19753)."""
THUY_XUAN_POINT = (16.4166, 107.5667)
"""A point inside Phường Thủy Xuân (19813), not in Phú Xuân."""
RIVER_BANK = {
    "type": "Polygon",
    "coordinates": [[[107.570, 16.465], [107.590, 16.465], [107.590, 16.475], [107.570, 16.475],
                     [107.570, 16.465]]],
}  # fmt: skip


async def issue(api: httpx.AsyncClient, headers: dict[str, str], **changes: object) -> dict:
    """Issue an alert and return its JSON (asserting 201)."""
    response = await api.post("/api/v1/alerts", json=draft(**changes), headers=headers)
    assert response.status_code == 201, response.text
    body: dict = response.json()
    return body


async def test_an_operator_issues_an_alert_for_a_ward(
    api: httpx.AsyncClient, operator: dict[str, str]
) -> None:
    alert = await issue(api, operator)
    assert (alert["msg_type"], alert["status"], alert["scope"]) == ("Alert", "Actual", "Public")
    assert (alert["state"], alert["active"], alert["origin"]) == ("current", True, "operator")
    assert (alert["severity"], alert["urgency"]) == ("Severe", "Immediate")
    assert alert["ward_codes"] == ["19753"]
    assert alert["identifier"].startswith("urn:uuid:")
    assert alert["cap_url"] == f"/alerts/{alert['id']}.cap"
    area = alert["infos"][0]["areas"][0]
    assert area["area_desc"] == "Phường Phú Xuân, Thành phố Huế"
    assert area["geocodes"] == [{"value_name": "vn-dvhc-2025", "value": "19753"}]
    assert len(area["polygons"][0]) > 10  # the ward's boundary
    assert alert["infos"][0]["language"] == "vi-VN"
    listed = (await api.get("/api/v1/alerts")).json()
    assert [item["id"] for item in listed] == [alert["id"]]
    assert (await api.get(f"/api/v1/alerts/{alert['id']}")).json() == alert


async def test_filters_by_ward_and_by_point(
    api: httpx.AsyncClient, operator: dict[str, str]
) -> None:
    alert = await issue(api, operator)
    in_ward = await api.get("/api/v1/alerts", params={"ward": "19753"})
    other_ward = await api.get("/api/v1/alerts", params={"ward": "19813"})
    assert [item["id"] for item in in_ward.json()] == [alert["id"]]
    assert other_ward.json() == []
    lat, lon = PHU_XUAN_CENTRE
    inside = await api.get("/api/v1/alerts", params={"lat": lat, "lon": lon})
    lat, lon = THUY_XUAN_POINT
    outside = await api.get("/api/v1/alerts", params={"lat": lat, "lon": lon})
    assert [item["id"] for item in inside.json()] == [alert["id"]]
    assert outside.json() == []
    half = await api.get("/api/v1/alerts", params={"lat": 16.47})
    assert (half.status_code, half.json()["error"]["code"]) == (422, "lat_lon_together")


async def test_a_drawn_polygon_finds_its_wards(
    api: httpx.AsyncClient, operator: dict[str, str]
) -> None:
    alert = await issue(
        api, operator, ward_codes=[], polygon=RIVER_BANK, area_description="Ven sông Hương"
    )
    assert "19753" in alert["ward_codes"]
    assert alert["infos"][0]["areas"][0]["area_desc"] == "Ven sông Hương"
    assert alert["infos"][0]["areas"][0]["polygons"][0][0] == [16.465, 107.57]


async def test_sorted_by_severity_then_urgency(
    api: httpx.AsyncClient, operator: dict[str, str]
) -> None:
    for severity, urgency in [
        ("Minor", "Immediate"), ("Severe", "Expected"), ("Extreme", "Future"),
        ("Severe", "Immediate"),
    ]:  # fmt: skip
        await issue(
            api, operator, severity=severity, urgency=urgency, headline=f"{severity} {urgency}"
        )
    listed = (await api.get("/api/v1/alerts")).json()
    assert [item["headline"] for item in listed] == [
        "Extreme Future", "Severe Immediate", "Severe Expected", "Minor Immediate",
    ]  # fmt: skip


async def test_only_operators_and_admins_may_issue(
    api: httpx.AsyncClient, citizen: dict[str, str]
) -> None:
    anonymous = await api.post("/api/v1/alerts", json=draft())
    assert (anonymous.status_code, anonymous.json()["error"]["code"]) == (401, "not_authenticated")
    forbidden = await api.post("/api/v1/alerts", json=draft(), headers=citizen)
    assert (forbidden.status_code, forbidden.json()["error"]["code"]) == (403, "forbidden")
    assert (await api.get("/api/v1/alerts")).json() == []


@pytest.mark.parametrize(
    ("changes", "status", "code"),
    [
        ({"ward_codes": []}, 422, "validation_error"),
        ({"ward_codes": ["99999"]}, 422, "unknown_ward"),
        ({"severity": "Apocalyptic"}, 422, "validation_error"),
        ({"expires": "2020-01-01T00:00:00+07:00"}, 422, "expires_in_past"),
        ({"expires": "2099-01-01T00:00:00"}, 422, "validation_error"),  # no UTC offset
        (
            {
                "ward_codes": [],
                "polygon": {
                    "type": "Polygon",
                    "coordinates": [
                        [[106.70, 10.77], [106.71, 10.77], [106.71, 10.78], [106.70, 10.77]]
                    ],
                },
            },
            422,
            "area_outside_city",
        ),  # fmt: skip
        ({"unexpected": 1}, 422, "validation_error"),
        ({"headline": "nul\x00byte"}, 422, "validation_error"),
        ({"expires": "9999-12-31T23:59:59-14:00"}, 422, "validation_error"),
    ],
)
async def test_bad_drafts_are_refused(
    api: httpx.AsyncClient, operator: dict[str, str], changes: dict, status: int, code: str
) -> None:
    response = await api.post("/api/v1/alerts", json=draft(**changes), headers=operator)
    assert (response.status_code, response.json()["error"]["code"]) == (status, code)


async def test_update_replaces_the_alert(api: httpx.AsyncClient, operator: dict[str, str]) -> None:
    first = await issue(api, operator)
    response = await api.post(
        f"/api/v1/alerts/{first['id']}/update",
        json=draft(severity="Extreme", headline="Lũ đặc biệt lớn"),
        headers=operator,
    )
    assert response.status_code == 201, response.text
    update = response.json()
    assert (update["msg_type"], update["severity"], update["replaces"]) == (
        "Update", "Extreme", [first["id"]],
    )  # fmt: skip
    assert update["references"][0]["identifier"] == first["identifier"]
    old = (await api.get(f"/api/v1/alerts/{first['id']}")).json()
    assert (old["state"], old["active"], old["replaced_by"]) == ("updated", False, update["id"])
    assert [item["id"] for item in (await api.get("/api/v1/alerts")).json()] == [update["id"]]
    again = await api.post(f"/api/v1/alerts/{first['id']}/update", json=draft(), headers=operator)
    assert (again.status_code, again.json()["error"]["code"]) == (409, "alert_not_current")


async def test_cancel_ends_the_alert(api: httpx.AsyncClient, operator: dict[str, str]) -> None:
    alert = await issue(api, operator)
    response = await api.post(
        f"/api/v1/alerts/{alert['id']}/cancel", json={"note": "Nước đã rút"}, headers=operator
    )
    assert response.status_code == 201, response.text
    cancel = response.json()
    assert (cancel["msg_type"], cancel["note"], cancel["infos"]) == ("Cancel", "Nước đã rút", [])
    assert cancel["replaces"] == [alert["id"]]
    cancelled = (await api.get(f"/api/v1/alerts/{alert['id']}")).json()
    assert (cancelled["state"], cancelled["active"]) == ("cancelled", False)
    assert (await api.get("/api/v1/alerts")).json() == []
    everything = (await api.get("/api/v1/alerts", params={"active": "false"})).json()
    assert {item["id"] for item in everything} == {alert["id"], cancel["id"]}
    twice = await api.post(f"/api/v1/alerts/{alert['id']}/cancel", json={}, headers=operator)
    assert (twice.status_code, twice.json()["error"]["code"]) == (409, "alert_not_current")
    missing = await api.post("/api/v1/alerts/999999/cancel", json={}, headers=operator)
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "alert_not_found")


async def test_exercises_are_never_active(api: httpx.AsyncClient, operator: dict[str, str]) -> None:
    exercise = await issue(api, operator, status="Exercise")
    assert exercise["active"] is False
    assert (await api.get("/api/v1/alerts")).json() == []
    unknown = await api.get("/api/v1/alerts/424242")
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (404, "alert_not_found")
    huge = await api.get(f"/api/v1/alerts/{2**40}")
    assert (huge.status_code, huge.json()["error"]["code"]) == (422, "validation_error")


async def test_an_operator_learns_which_wards_a_drawn_area_covers(
    api: httpx.AsyncClient, operator: dict[str, str], citizen: dict[str, str]
) -> None:
    answer = await api.post("/api/v1/alerts/area-wards", json={"polygon": RIVER_BANK},
                            headers=operator)  # fmt: skip
    assert answer.status_code == 200, answer.text
    assert "19753" in answer.json()["ward_codes"]
    crossed = {"type": "Polygon", "coordinates": [[[107.57, 16.46], [107.59, 16.48],
               [107.59, 16.46], [107.57, 16.48], [107.57, 16.46]]]}  # fmt: skip
    refused = await api.post("/api/v1/alerts/area-wards", json={"polygon": crossed},
                             headers=operator)  # fmt: skip
    assert (refused.status_code, refused.json()["error"]["code"]) == (422, "invalid_polygon")
    far = {"type": "Polygon", "coordinates": [[[105.0, 21.0], [105.1, 21.0], [105.1, 21.1],
           [105.0, 21.0]]]}  # fmt: skip
    outside = await api.post("/api/v1/alerts/area-wards", json={"polygon": far}, headers=operator)
    assert (outside.status_code, outside.json()["error"]["code"]) == (422, "area_outside_city")
    denied = await api.post("/api/v1/alerts/area-wards", json={"polygon": RIVER_BANK},
                            headers=citizen)  # fmt: skip
    assert denied.status_code == 403
