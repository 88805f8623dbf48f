"""Filing for a visitor at the ward office, the public tracking code, and the visitor's account."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hue_s.backend.accounts.settings import AccountsSettings
from hue_s.backend.accounts.sms import MemorySmsGateway
from hue_s.modules.incidents.backend.cases.assisted import ASSISTED_NOTE
from hue_s.modules.incidents.backend.models import Incident, IncidentEvent
from hue_s.modules.incidents.backend.tracking.codes import tracking_code
from hue_s.modules.incidents.backend.tracking.schemas import TrackedCase

from ..conftest import ACCESS_TOKENS, People, photo_bytes, point_in

ASSISTED = "/api/v1/incidents/assisted"
VISITOR_PHONE, VISITOR_E164 = "0905 123 999", "+84905123999"
VISITOR_NAME = "Hoàng Thị Lan"
DESCRIPTION = "Cống thoát nước bị tắc trước chợ"
TRACKED_FIELDS = set(TrackedCase.model_fields)
CODE = re.compile(r"^(\d+)-([0-9A-HJKMNP-TV-Z]{4})-([0-9A-HJKMNP-TV-Z]{4})$")


@pytest.fixture
def sms(app: FastAPI) -> MemorySmsGateway:
    """Record the texted codes, so that the visitor can sign in."""
    gateway = MemorySmsGateway()
    app.state.sms_gateway = gateway
    app.state.accounts_settings = AccountsSettings(secret_key=b"assisted-tests-" + b"k" * 32)
    return gateway


async def file_for_visitor(
    client: httpx.AsyncClient,
    people: People,
    *,
    visitor: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    photos: list[bytes] | None = None,
) -> httpx.Response:
    """POST a drain report for a visitor as the ward's officer."""
    lat, lon = point_in(people.ward)
    data = {"service_code": "drainage_flooding", "description": DESCRIPTION}
    data |= {"lat": str(lat), "long": str(lon)}
    data |= visitor if visitor is not None else {"visitor_name": VISITOR_NAME}
    files = [("media", (f"p{index}.jpg", photo)) for index, photo in enumerate(photos or [])]
    return await client.post(
        ASSISTED,
        data=data,
        files=files or None,
        headers=headers if headers is not None else People.auth(people.officer),
    )


async def sign_in_by_text(client: httpx.AsyncClient, sms: MemorySmsGateway, phone: str) -> int:
    """Sign in with a texted code; return the user's id."""
    sent = await client.post("/api/v1/auth/otp", json={"phone": phone})
    assert sent.status_code == 202, sent.text
    text = [body for to, body in sms.sent if to == sent.json()["phone"]][-1]
    code = re.search(r"\b(\d{6})\b", text)
    assert code is not None
    token = await client.post("/api/v1/auth/token", json={"phone": phone, "code": code.group(1)})
    assert token.status_code == 200, token.text
    user_id: int = token.json()["user"]["id"]
    ACCESS_TOKENS[user_id] = token.json()["access_token"]
    return user_id


async def my_report_ids(client: httpx.AsyncClient, user_id: int) -> list[int]:
    """Return the ids of a user's reports."""
    mine = await client.get("/api/v1/incidents/mine", headers=People.auth(user_id))
    assert mine.status_code == 200, mine.text
    return [case["id"] for case in mine.json()]


async def claim(client: httpx.AsyncClient, code: str, user_id: int) -> httpx.Response:
    """Add a case filed at the ward office to a user's reports by its tracking code."""
    return await client.post(f"/api/v1/incidents/track/{code}/claim", headers=People.auth(user_id))


async def test_an_officer_files_for_a_visitor_who_claims_it_with_the_slips_code(
    client: httpx.AsyncClient,
    people: People,
    db: Callable[[], Session],
    sms: MemorySmsGateway,
) -> None:
    visitor = {"visitor_name": VISITOR_NAME, "visitor_phone": VISITOR_PHONE}
    filed = await file_for_visitor(client, people, visitor=visitor, photos=[photo_bytes()])
    assert filed.status_code == 201, filed.text
    slip = filed.json()
    found = CODE.match(slip["tracking_code"])
    assert found and int(found.group(1)) == slip["id"]
    assert slip["ward_code"] == people.ward.code and slip["ward_name"] == "Phường Phú Xuân"
    assert slip["filed_at_ward_office"]
    assert [(s["action"], s["actor_role"], s["note"]) for s in slip["timeline"]] == [
        ("received", "officer", ASSISTED_NOTE)
    ]
    with db() as session:
        incident = session.get_one(Incident, slip["id"])
        assert (incident.source, incident.reporter_id) == ("assisted", None)
        assert (incident.first_name, incident.phone) == (VISITOR_NAME, VISITOR_E164)
        event = session.scalars(select(IncidentEvent).filter_by(incident_id=incident.id)).one()
        assert event.actor_id == people.officer

    case = await client.get(f"/api/v1/cases/{slip['id']}", headers=People.auth(people.officer))
    assert case.status_code == 200, case.text
    assert case.json()["reporter"] == {"name": VISITOR_NAME, "phone": VISITOR_E164, "email": None}

    tracked = await client.get(f"/api/v1/incidents/track/{slip['tracking_code']}")
    assert tracked.status_code == 200, tracked.text
    assert tracked.json()["status"] == "received" and tracked.json()["id"] == slip["id"]
    for private in (VISITOR_NAME, "905123999", DESCRIPTION, str(people.officer) + ","):
        assert private not in tracked.text

    visitor_id = await sign_in_by_text(client, sms, VISITOR_PHONE)
    assert await my_report_ids(client, visitor_id) == []  # the phone alone gives nothing
    claimed = await claim(client, slip["tracking_code"].lower().replace("-", " "), visitor_id)
    assert claimed.status_code == 200, claimed.text
    assert claimed.json()["id"] == slip["id"] and claimed.json()["description"] == DESCRIPTION
    assert await my_report_ids(client, visitor_id) == [slip["id"]]
    own = await client.get(f"/api/v1/incidents/{slip['id']}", headers=People.auth(visitor_id))
    assert own.status_code == 200 and own.json()["description"] == DESCRIPTION
    again = await claim(client, slip["tracking_code"], visitor_id)
    assert again.status_code == 200 and await my_report_ids(client, visitor_id) == [slip["id"]]


async def test_a_phone_with_an_account_gets_nothing_until_its_owner_claims(
    client: httpx.AsyncClient, people: People, sms: MemorySmsGateway
) -> None:
    visitor_id = await sign_in_by_text(client, sms, "0905 123 998")
    with_account = await file_for_visitor(client, people, visitor={"visitor_phone": "0905123998"})
    without = await file_for_visitor(client, people, visitor={"visitor_phone": "0905123997"})
    assert with_account.status_code == without.status_code == 201, with_account.text
    # The officer's answer is the same whether the phone has an account or not.
    changing = {"id", "tracking_code", "requested_at", "updated_at", "deadline_at", "timeline"}
    assert with_account.json().keys() == without.json().keys() == TRACKED_FIELDS
    assert {k: v for k, v in with_account.json().items() if k not in changing} == {
        k: v for k, v in without.json().items() if k not in changing
    }
    assert await my_report_ids(client, visitor_id) == []
    await sign_in_by_text(client, sms, "0905 123 998")  # signing in again claims nothing either
    assert await my_report_ids(client, visitor_id) == []

    code = with_account.json()["tracking_code"]
    number, first, second = code.split("-")
    wrong = f"{number}-{first}-{'0000' if second != '0000' else '1111'}"
    refused = await claim(client, wrong, visitor_id)
    assert (refused.status_code, refused.json()["error"]["code"]) == (
        404,
        "tracking_code_not_found",
    )
    other = await claim(client, code, people.citizen)  # holds the code, not the phone
    assert (other.status_code, other.json()["error"]["code"]) == (403, "claim_phone_mismatch")
    assert await my_report_ids(client, people.citizen) == []
    assert (await claim(client, code, visitor_id)).status_code == 200
    assert await my_report_ids(client, visitor_id) == [with_account.json()["id"]]


async def test_without_a_phone_the_first_citizen_with_the_code_claims_it(
    client: httpx.AsyncClient, people: People
) -> None:
    code = (await file_for_visitor(client, people)).json()["tracking_code"]
    officer = await claim(client, code, people.officer)
    assert officer.status_code == 403, officer.text  # staff do not collect cases
    assert (await claim(client, code, people.citizen)).status_code == 200
    late = await claim(client, code, people.other_citizen)
    assert (late.status_code, late.json()["error"]["code"]) == (409, "case_already_claimed")
    assert await my_report_ids(client, people.other_citizen) == []


async def test_only_reports_filed_at_a_ward_office_are_claimed(
    client: httpx.AsyncClient, people: People, db: Callable[[], Session], sms: MemorySmsGateway
) -> None:
    lat, lon = point_in(people.ward)
    fields = {"service_code": "road_pothole", "description": "Ổ gà", "phone": VISITOR_PHONE}
    posted = await client.post(
        "/open311/v2/requests.json",
        data=fields | {"lat": str(lat), "long": str(lon), "api_key": people.api_key},
    )
    assert posted.status_code == 200, posted.text
    visitor_id = await sign_in_by_text(client, sms, VISITOR_PHONE)
    assert await my_report_ids(client, visitor_id) == []
    with db() as session:
        code = tracking_code(session.get_one(Incident, int(posted.json()[0]["service_request_id"])))
    refused = await claim(client, code, visitor_id)
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "case_not_claimable")
    assert await my_report_ids(client, visitor_id) == []


async def test_an_officer_files_only_for_places_in_their_ward(
    client: httpx.AsyncClient, people: People, db: Callable[[], Session]
) -> None:
    lat, lon = point_in(people.other_ward)
    data = {"service_code": "drainage_flooding", "description": DESCRIPTION}
    data |= {"lat": str(lat), "long": str(lon), "visitor_phone": VISITOR_PHONE}
    refused = await client.post(ASSISTED, data=data, headers=People.auth(people.officer))
    assert (refused.status_code, refused.json()["error"]["code"]) == (403, "place_not_in_your_ward")
    by_ward = data | {"attribute[ward_code]": people.other_ward.code}
    del by_ward["lat"], by_ward["long"]
    by_ward["address_string"] = "Chợ Tây Lộc"
    named = await client.post(ASSISTED, data=by_ward, headers=People.auth(people.officer))
    assert (named.status_code, named.json()["error"]["code"]) == (403, "place_not_in_your_ward")
    with db() as session:
        assert session.scalar(select(func.count()).select_from(Incident)) == 0
    theirs = await client.post(ASSISTED, data=data, headers=People.auth(people.other_officer))
    assert theirs.status_code == 201, theirs.text


@pytest.mark.parametrize(("who", "status"), [("citizen", 403), ("operator", 403), ("nobody", 401)])
async def test_only_officers_file_for_visitors(
    client: httpx.AsyncClient, people: People, who: str, status: int
) -> None:
    headers = {} if who == "nobody" else People.auth(getattr(people, who))
    refused = await file_for_visitor(client, people, headers=headers)
    assert refused.status_code == status, refused.text


async def test_a_wrong_phone_is_refused_and_nothing_is_stored(
    client: httpx.AsyncClient, people: People, db: Callable[[], Session]
) -> None:
    for phone, code in (("12345", "invalid_phone"), ("0234 382 2222", "invalid_phone")):
        refused = await file_for_visitor(client, people, visitor={"visitor_phone": phone})
        assert (refused.status_code, refused.json()["error"]["code"]) == (422, code)
    too_long = await file_for_visitor(client, people, visitor={"visitor_name": "x" * 101})
    assert too_long.status_code == 400, too_long.text
    with db() as session:
        assert session.scalar(select(func.count()).select_from(Incident)) == 0


async def test_the_same_key_files_once(client: httpx.AsyncClient, people: People) -> None:
    key = str(uuid.uuid4())
    headers = People.auth(people.officer) | {"Idempotency-Key": key}
    first = await file_for_visitor(client, people, headers=headers)
    again = await file_for_visitor(client, people, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    other_officer = People.auth(people.other_officer) | {"Idempotency-Key": key}
    taken = await file_for_visitor(client, people, headers=other_officer)
    assert (taken.status_code, taken.json()["error"]["code"]) == (409, "client_uuid_taken")


async def test_codes_are_forgiving_to_type_but_cannot_be_guessed(
    client: httpx.AsyncClient, people: People
) -> None:
    filed = (await file_for_visitor(client, people)).json()
    number, first, second = filed["tracking_code"].split("-")
    typed = f" {number} {first.lower()}.{second.replace('0', 'o').replace('1', 'l')} "
    found = await client.get(f"/api/v1/incidents/track/{typed}")
    assert found.status_code == 200 and found.json()["id"] == filed["id"], found.text
    wrong_check = "0000" if second != "0000" else "1111"
    for code in (f"{number}-{first}-{wrong_check}", f"{int(number) + 1}-{first}-{second}", "x"):
        missing = await client.get(f"/api/v1/incidents/track/{code}")
        assert missing.status_code == 404, code
        assert missing.json()["error"]["code"] == "tracking_code_not_found"


async def test_the_public_timeline_grows_as_the_ward_works(
    client: httpx.AsyncClient, people: People
) -> None:
    filed = (await file_for_visitor(client, people)).json()
    officer = People.auth(people.officer)
    accepted = await client.post(
        f"/api/v1/cases/{filed['id']}/accept", json={"note": "Đã cử đội"}, headers=officer
    )
    assert accepted.status_code == 200, accepted.text
    secret = {"note": "Số nhà người báo: 12", "public": False}
    noted = await client.post(f"/api/v1/cases/{filed['id']}/notes", json=secret, headers=officer)
    assert noted.status_code in (200, 201), noted.text
    tracked: dict[str, Any] = (
        await client.get(f"/api/v1/incidents/track/{filed['tracking_code']}")
    ).json()
    assert tracked["status"] == "assigned"
    assert [step["action"] for step in tracked["timeline"]] == ["received", "accepted"]
    assert tracked["timeline"][1]["note"] == "Đã cử đội"
