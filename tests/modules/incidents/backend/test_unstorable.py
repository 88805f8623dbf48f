"""NUL characters and non-finite numbers are refused with a clear 422, on SQLite and PostgreSQL."""

from __future__ import annotations

import httpx
import pytest

from hue_s.backend.kernel.unstorable import unstorable

from .conftest import People, point_in, report


async def test_a_nul_in_a_reports_text_is_refused(
    client: httpx.AsyncClient, people: People
) -> None:
    fields = {"description": "Ổ gà\x00 lớn"}
    answer = await report(
        client, People.auth(people.citizen), point=point_in(people.ward), fields=fields
    )
    assert answer.status_code == 422, answer.text  # was 200 on SQLite, 500 on PostgreSQL
    assert answer.json()[0]["error_code"] == "unstorable_value"


async def test_a_nul_in_a_json_body_or_a_query_is_refused(
    client: httpx.AsyncClient, people: People
) -> None:
    filed = await report(client, People.auth(people.citizen), point=point_in(people.ward))
    case_id = filed.json()[0]["service_request_id"]
    note = await client.post(
        f"/api/v1/cases/{case_id}/notes",
        json={"note": "đã\u0000xem"},
        headers=People.auth(people.officer),
    )
    assert note.status_code == 422, note.text
    assert note.json()["error"]["code"] == "unstorable_value"
    listed = await client.get("/open311/v2/requests.json", params={"service_code": "road\x00"})
    assert listed.status_code == 422, listed.text


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf"), [{"a": ("x\x00",)}]])
def test_what_is_unstorable(value: object) -> None:
    assert unstorable(value)


@pytest.mark.parametrize("value", [1.5, "Huế", b"\x00binary photo", None, {"a": [1, "b"]}])
def test_what_is_storable(value: object) -> None:
    assert unstorable(value) is None
