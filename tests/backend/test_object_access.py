"""Two users over every route that takes an id: B never reads or changes A's objects.

Users sign in for real (phone + texted code, bearer tokens). Every path of the OpenAPI document
with a path parameter must be listed in ROUTES, so a new route cannot slip past this file.
Private routes have a scenario: A's object is made, B's request gets 404 and changes nothing,
and A's own request succeeds (so a scenario that stopped reaching the object would fail).
"""

from __future__ import annotations

import io
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import shapely
from fastapi import FastAPI
from PIL import Image
from sqlalchemy import select

from hue_s.backend.accounts.models import User
from hue_s.backend.accounts.settings import AccountsSettings, RateLimit
from hue_s.backend.accounts.sms import MemorySmsGateway
from hue_s.backend.kernel.models import Ward
from hue_s.modules.bills.backend.provider import start_sandbox

from .accounts.conftest import bearer, sign_in

PUBLIC = "public"
"""Open data by design (Open311 is a public register; alerts and wards are public)."""
STAFF_TEAM = "staff team"
"""Shared by a team of staff (city operators, the hotline desk); citizens get 403."""

WARD, OTHER_WARD = "19753", "19813"  # Phú Xuân, Thủy Xuân
PHONES = {
    "citizen_a": ("0905000011", "citizen", None),
    "citizen_b": ("0905000012", "citizen", None),
    "officer_a": ("0905000013", "officer", WARD),
    "officer_b": ("0905000014", "officer", OTHER_WARD),
    "operator": ("0905000015", "operator", None),
}


@dataclass
class World:
    """Signed-in people (name -> auth headers) and the app's HTTP client."""

    client: httpx.AsyncClient
    headers: dict[str, dict[str, str]]
    point: tuple[float, float]

    async def report(self, who: str, private: bool = False) -> dict[str, Any]:
        """File a pothole report with a photo as one person; return its staff-free detail."""
        data = {"service_code": "road_pothole", "description": f"Ổ gà của {who}"}
        data |= {"lat": str(self.point[0]), "long": str(self.point[1])}
        data |= {"attribute[private]": "yes" if private else "no"}
        filed = await self.client.post(
            "/open311/v2/requests.json",
            data=data,
            files=[("media", ("p.jpg", jpeg()))],
            headers=self.headers[who],
        )
        assert filed.status_code in (200, 201), filed.text
        incident_id = filed.json()[0]["service_request_id"]
        detail = await self.client.get(
            f"/api/v1/incidents/{incident_id}", headers=self.headers[who]
        )
        assert detail.status_code == 200, detail.text
        return dict(detail.json())

    async def resolved_report(self, who: str) -> dict[str, Any]:
        """File a report and have the ward's officer accept and resolve it."""
        case_id = (await self.report(who))["id"]
        officer = self.headers["officer_a"]
        accepted = await self.client.post(f"/api/v1/cases/{case_id}/accept", headers=officer)
        assert accepted.status_code == 200, accepted.text
        resolved = await self.client.post(
            f"/api/v1/cases/{case_id}/resolve",
            files={"photo": ("after.jpg", jpeg((40, 200, 40)))},
            data={"note": "đã vá"},
            headers=officer,
        )
        assert resolved.status_code == 200, resolved.text
        return await self.get(f"/api/v1/incidents/{case_id}", who)

    async def get(self, path: str, who: str) -> dict[str, Any]:
        """GET a path as someone, expecting success."""
        answer = await self.client.get(path, headers=self.headers[who])
        assert answer.status_code == 200, answer.text
        return dict(answer.json())


def jpeg(colour: tuple[int, int, int] = (120, 40, 160)) -> bytes:
    """Return a small JPEG."""
    output = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(output, format="JPEG")
    return output.getvalue()


@pytest.fixture
async def world(app: FastAPI, client: httpx.AsyncClient) -> World:
    """Five people of every kind, each signed in with their own phone and code."""
    sms = MemorySmsGateway()
    app.state.sms_gateway = sms
    generous = RateLimit(1000, 60)
    app.state.accounts_settings = AccountsSettings(
        secret_key=b"object-access-tests-secret-key-0123456789",
        otp_per_address=generous,
        token_per_address=generous,
    )
    now = datetime.now(UTC)
    with app.state.session_factory() as session:
        for phone, role, ward in PHONES.values():
            e164 = "+84" + phone[1:]
            session.add(User(phone=e164, role=role, ward_code=ward, created_at=now, updated_at=now))
        session.commit()
        boundary = session.scalars(select(Ward.boundary).where(Ward.code == WARD)).one()
    inside = shapely.from_geojson(boundary).representative_point()
    headers = {}
    for name, (phone, _, _) in PHONES.items():
        tokens = await sign_in(client, sms, phone, user_agent=f"pytest {name}")
        headers[name] = bearer(tokens["access_token"])
    return World(client, headers, (round(inside.y, 6), round(inside.x, 6)))


async def only_a_sees_incident(w: World) -> None:
    """A citizen's report in full (contact, private timeline) is theirs alone."""
    mine = await w.report("citizen_a")
    path = f"/api/v1/incidents/{mine['id']}"
    for stranger in ("citizen_b", "officer_b"):
        assert (await w.client.get(path, headers=w.headers[stranger])).status_code == 404
    assert (await w.get(path, "citizen_a"))["id"] == mine["id"]


async def only_a_rates(w: World) -> None:
    """Only the reporter rates the outcome."""
    mine = await w.resolved_report("citizen_a")
    path = f"/api/v1/incidents/{mine['id']}/rating"
    body = {"stars": 1, "comment": "B's opinion"}
    assert (await w.client.post(path, json=body, headers=w.headers["citizen_b"])).status_code == 404
    after = await w.get(f"/api/v1/incidents/{mine['id']}", "citizen_a")
    assert after.get("rating") in (None, {}) and "B's opinion" not in str(after)
    rated = await w.client.post(path, json={"stars": 5}, headers=w.headers["citizen_a"])
    assert rated.status_code == 200, rated.text


async def only_a_reopens(w: World) -> None:
    """Only the reporter reopens a resolved report."""
    mine = await w.resolved_report("citizen_a")
    path = f"/api/v1/incidents/{mine['id']}/reopen"
    body = {"reason": "B says it is not fixed"}
    assert (await w.client.post(path, json=body, headers=w.headers["citizen_b"])).status_code == 404
    assert (await w.get(f"/api/v1/incidents/{mine['id']}", "citizen_a"))["status"] == "resolved"
    reopened = await w.client.post(
        path, json={"reason": "vẫn hỏng"}, headers=w.headers["citizen_a"]
    )
    assert reopened.status_code == 200, reopened.text


async def private_report_hidden_from_me_too(w: World) -> None:
    """Anyone may say "me too" about a public report, but a private one does not exist for B."""
    private = await w.report("citizen_a", private=True)
    path = f"/api/v1/incidents/{private['id']}/me-too"
    assert (await w.client.post(path, headers=w.headers["citizen_b"])).status_code == 404
    public = await w.report("citizen_a")
    follow = await w.client.post(
        f"/api/v1/incidents/{public['id']}/me-too", headers=w.headers["citizen_b"]
    )
    assert follow.status_code == 200, follow.text


async def private_photo_hidden(w: World) -> None:
    """A private report's photo is served to its reporter and ward staff only."""
    private = await w.report("citizen_a", private=True)
    photo_url = private["photos"][0]["url"]
    path = "/api/v1/incidents/photos/" + photo_url.rstrip("/").rsplit("/", 1)[-1]
    for stranger in ("citizen_b", "officer_b"):
        assert (await w.client.get(path, headers=w.headers[stranger])).status_code == 404
    assert (await w.client.get(path)).status_code == 404
    for allowed in ("citizen_a", "officer_a"):
        assert (await w.client.get(path, headers=w.headers[allowed])).status_code == 200


async def private_open311_request_hidden(w: World) -> None:
    """Open311 lists public reports; a private one is 404 to others and never shows contacts."""
    private = await w.report("citizen_a", private=True)
    path = f"/open311/v2/requests/{private['id']}.json"
    assert (await w.client.get(path, headers=w.headers["citizen_b"])).status_code == 404
    assert (await w.client.get(path)).status_code == 404
    assert (await w.client.get(path, headers=w.headers["citizen_a"])).status_code == 200
    public = await w.report("citizen_a")
    seen = await w.client.get(
        f"/open311/v2/requests/{public['id']}.json?extensions=true", headers=w.headers["citizen_b"]
    )
    assert seen.status_code == 200 and "905000011" not in seen.text


async def case_only_in_its_ward(w: World) -> None:
    """A case's staff view and every action on it are 404 to staff of another ward."""
    case = await w.report("citizen_a")
    base = f"/api/v1/cases/{case['id']}"
    actions: list[tuple[str, dict[str, Any]]] = [
        ("accept", {"json": {}}),
        ("start", {"json": {}}),
        ("notes", {"json": {"note": "B was here"}}),
        ("transfer", {"json": {"ward_code": OTHER_WARD, "reason": "B takes it"}}),
        ("reject", {"json": {"reason": "B rejects"}}),
        ("resolve", {"files": {"photo": ("after.jpg", jpeg())}, "data": {"note": "B"}}),
    ]
    for who, refused in (("officer_b", 404), ("citizen_b", 403)):
        assert (await w.client.get(base, headers=w.headers[who])).status_code == refused
        for action, body in actions:
            answer = await w.client.post(f"{base}/{action}", headers=w.headers[who], **body)
            assert answer.status_code == refused, (who, action, answer.text)
    staff_view = await w.get(base, "officer_a")
    assert staff_view["status"] == "received"
    assert "B was here" not in str(staff_view["timeline"])


async def only_a_ends_own_session(w: World) -> None:
    """Ending a session that is someone else's is 404 and leaves it working."""
    sessions = await w.client.get("/api/v1/me/sessions", headers=w.headers["citizen_a"])
    a_session = next(s for s in sessions.json() if s["current"])["id"]
    path = f"/api/v1/me/sessions/{a_session}"
    assert (await w.client.delete(path, headers=w.headers["citizen_b"])).status_code == 404
    assert (await w.client.get("/api/v1/me", headers=w.headers["citizen_a"])).status_code == 200
    assert (await w.client.delete(path, headers=w.headers["citizen_a"])).status_code == 204
    assert (await w.client.get("/api/v1/me", headers=w.headers["citizen_a"])).status_code == 401


async def operators_alerts_closed_to_citizens(w: World) -> None:
    """Alerts are the operators' shared work: a citizen can neither update nor cancel one."""
    expires = (datetime.now(UTC) + timedelta(hours=6)).isoformat()
    draft = {
        "event": "Lũ", "severity": "Severe", "urgency": "Immediate", "certainty": "Likely",
        "headline": "Lũ trên sông Hương", "expires": expires, "ward_codes": [WARD],
    }  # fmt: skip
    issued = await w.client.post("/api/v1/alerts", json=draft, headers=w.headers["operator"])
    assert issued.status_code == 201, issued.text
    alert_id = issued.json()["id"]
    for action, body in (("update", draft | {"headline": "B's"}), ("cancel", {"note": "B"})):
        path = f"/api/v1/alerts/{alert_id}/{action}"
        assert (
            await w.client.post(path, json=body, headers=w.headers["citizen_b"])
        ).status_code in (
            401,
            403,
        )
    assert (await w.get(f"/api/v1/alerts/{alert_id}", "citizen_b"))["headline"] == draft["headline"]


async def issued_alert(w: World) -> int:
    """Have the operator issue a flood warning for the ward; return its id."""
    expires = (datetime.now(UTC) + timedelta(hours=6)).isoformat()
    draft = {
        "event": "Lũ", "severity": "Severe", "urgency": "Immediate", "certainty": "Likely",
        "headline": "Lũ trên sông Hương", "expires": expires, "ward_codes": [WARD],
    }  # fmt: skip
    issued = await w.client.post("/api/v1/alerts", json=draft, headers=w.headers["operator"])
    assert issued.status_code == 201, issued.text
    return int(issued.json()["id"])


async def only_a_reads_and_changes_own_checkin(w: World) -> None:
    """A check-in is its author's: B's POST makes B's own, and B cannot read A's."""
    alert_id = await issued_alert(w)
    base = f"/api/v1/alerts/{alert_id}/checkins"
    mine = await w.client.post(
        base, json={"status": "safe", "ward_code": WARD}, headers=w.headers["citizen_a"]
    )
    assert mine.status_code == 201, mine.text
    path = f"{base}/{mine.json()['id']}"
    assert (await w.client.get(path, headers=w.headers["citizen_b"])).status_code == 404
    assert (await w.client.get(path)).status_code == 400  # neither signed in nor a device
    a_device = {"X-Device-Key": "d" * 40}
    assert (await w.client.get(path, headers=a_device)).status_code == 404
    theirs = await w.client.post(
        base, json={"status": "safe", "ward_code": OTHER_WARD}, headers=w.headers["citizen_b"]
    )
    assert theirs.status_code == 201 and theirs.json()["id"] != mine.json()["id"], theirs.text
    still = await w.get(path, "citizen_a")
    assert (still["status"], still["ward_code"]) == ("safe", WARD)


async def checkin_counts_for_staff_of_the_ward(w: World) -> None:
    """Counts are for staff, and an officer counts only their own ward's people."""
    alert_id = await issued_alert(w)
    checked = await w.client.post(
        f"/api/v1/alerts/{alert_id}/checkins",
        json={"status": "safe", "ward_code": WARD},
        headers=w.headers["citizen_a"],
    )
    assert checked.status_code == 201, checked.text
    path = f"/api/v1/alerts/{alert_id}/checkins/summary"
    assert (await w.client.get(path, headers=w.headers["citizen_b"])).status_code == 403
    other_ward = await w.get(path, "officer_b")
    assert WARD not in {ward["ward_code"] for ward in other_ward["wards"]}
    own_ward = await w.get(path, "officer_a")
    assert (own_ward["safe"], own_ward["help"]) == (1, 0)
    assert "905000011" not in str(own_ward)


async def filed_case_claimed_only_by_its_visitor(w: World) -> None:
    """A case filed at the ward office for A's phone: B, with the slip's code, cannot claim it."""
    data = {"service_code": "road_pothole", "description": "Ổ gà, nộp tại phường"}
    data |= {
        "lat": str(w.point[0]),
        "long": str(w.point[1]),
        "visitor_phone": PHONES["citizen_a"][0],
    }
    filed = await w.client.post(
        "/api/v1/incidents/assisted", data=data, headers=w.headers["officer_a"]
    )
    assert filed.status_code == 201, filed.text
    path = f"/api/v1/incidents/track/{filed.json()['tracking_code']}/claim"
    for who in ("citizen_b", "officer_b"):
        assert (await w.client.post(path, headers=w.headers[who])).status_code == 403
    mine = f"/api/v1/incidents/{filed.json()['id']}"
    assert (await w.client.get(mine, headers=w.headers["citizen_b"])).status_code == 404
    claimed = await w.client.post(path, headers=w.headers["citizen_a"])
    assert claimed.status_code == 200, claimed.text
    assert (await w.client.get(mine, headers=w.headers["citizen_b"])).status_code == 404


async def hotline_desk_only(w: World) -> None:
    """A ward's hotline call: a citizen gets 403, another ward's officer 404 (it stays hidden)."""
    call = await w.client.post(
        "/api/v1/hotline/calls",
        json={
            "direction": "incoming",
            "number": "0905999999",
            "summary": "cây đổ",
            "ward_code": WARD,
        },
        headers=w.headers["officer_a"],
    )
    assert call.status_code == 201, call.text
    path = f"/api/v1/hotline/calls/{call.json()['id']}/case"
    body = {"service_code": "fallen_tree", "ward_code": WARD, "address": "12 Lê Lợi"}
    assert (await w.client.post(path, json=body, headers=w.headers["citizen_b"])).status_code == 403
    other_ward = await w.client.post(path, json=body, headers=w.headers["officer_b"])
    assert other_ward.status_code == 404 and "0905999999" not in other_ward.text
    made = await w.client.post(path, json=body, headers=w.headers["officer_a"])
    assert made.status_code == 201, made.text


Scenario = Callable[[World], Awaitable[None]]


async def only_a_sees_own_payment(w: World) -> None:
    """A payment and its receipt are their payer's alone; B cannot even ask the gateway."""
    body = {"purpose": "sandbox_fee", "reference": "OBJ-1"}
    started = await w.client.post("/api/v1/payments", json=body, headers=w.headers["citizen_a"])
    assert started.status_code == 201, started.text
    path = f"/api/v1/payments/{started.json()['payment']['id']}"
    for stranger in ("citizen_b", "officer_a", "operator"):
        assert (await w.client.get(path, headers=w.headers[stranger])).status_code == 404
        checked = await w.client.post(f"{path}/check", headers=w.headers[stranger])
        assert checked.status_code == 404
    assert (await w.get(path, "citizen_a"))["status"] == "pending"


async def only_a_gets_own_receipt_pdf(w: World) -> None:
    """A receipt PDF is its payer's (and staff its purpose allows; the sandbox fee allows
    none): others get 404, and A, whose payment is not paid yet, 409 not_paid."""
    body = {"purpose": "sandbox_fee", "reference": "OBJ-2"}
    started = await w.client.post("/api/v1/payments", json=body, headers=w.headers["citizen_a"])
    assert started.status_code == 201, started.text
    path = f"/api/v1/payments/{started.json()['payment']['id']}/receipt.pdf"
    for stranger in ("citizen_b", "officer_a", "operator"):
        refused = await w.client.get(path, headers=w.headers[stranger])
        assert refused.status_code == 404 and refused.json()["error"]["code"] == "payment_not_found"
    own = await w.client.get(path, headers=w.headers["citizen_a"])
    assert own.status_code == 409 and own.json()["error"]["code"] == "not_paid"


async def refund_by_the_dossiers_ward_only(w: World) -> None:
    """A dossier fee's payment is refunded by staff of the dossier's ward (or city-wide), never
    by its payer, another citizen or another ward's officer; the ward's officer gets past
    scope (409: it is not paid yet)."""
    filed = await w.client.post(
        "/api/v1/services/dossiers", data=RESIDENCE_DOSSIER,
        files=[("document:cho-o", PDF)], headers=w.headers["citizen_a"],
    )  # fmt: skip
    assert filed.status_code == 201, filed.text
    body = {"purpose": "services_fee", "reference": filed.json()["code"]}
    started = await w.client.post("/api/v1/payments", json=body, headers=w.headers["citizen_a"])
    assert started.status_code == 201, started.text
    path = f"/api/v1/payments/{started.json()['payment']['id']}/refund"
    asked = {"reason": "hồ sơ bị từ chối"}
    for stranger, status in (("citizen_a", 403), ("citizen_b", 403), ("officer_b", 404)):
        refused = await w.client.post(path, json=asked, headers=w.headers[stranger])
        assert refused.status_code == status, (stranger, refused.text)
    for staff in ("officer_a", "operator"):
        scoped = await w.client.post(path, json=asked, headers=w.headers[staff])
        assert scoped.json()["error"]["code"] == "not_paid", (staff, scoped.text)


async def only_a_reaches_own_bills(w: World) -> None:
    """A customer code followed is its follower's: its bill, paying it and unfollowing are 404
    for anyone else (checked before the utility is asked), and work for A."""
    process, url = start_sandbox()
    try:
        with pytest.MonkeyPatch.context() as env:
            env.setenv("HUE_S_BILLS_PROVIDER", "http")
            env.setenv("HUE_S_BILLS_ELECTRICITY_URL", f"{url}/electricity")
            env.setenv("HUE_S_BILLS_WATER_URL", f"{url}/water")
            body = {"kind": "electricity", "code": "PC07AA0123456", "nickname": "Nhà bà nội"}
            added = await w.client.post(
                "/api/v1/bills/customers", json=body, headers=w.headers["citizen_a"]
            )
            assert added.status_code == 201, added.text
            path = f"/api/v1/bills/customers/{added.json()['id']}"
            for stranger in ("citizen_b", "officer_a", "operator"):
                for method, route in (("GET", path), ("POST", f"{path}/pay"), ("DELETE", path)):
                    refused = await w.client.request(method, route, headers=w.headers[stranger])
                    assert refused.status_code == 404 and "PC07AA" not in refused.text
            assert (await w.get(path, "citizen_a"))["current"]["amount_vnd"] > 0
            paying = await w.client.post(f"{path}/pay", headers=w.headers["citizen_a"])
            assert paying.status_code == 200, paying.text
            gone = await w.client.delete(path, headers=w.headers["citizen_a"])
            assert gone.status_code == 204
    finally:
        process.terminate()
        process.wait(30)


BIRTH_DOSSIER = {
    "procedure_code": "1.001193.000.00.00.H57",
    "ward_code": WARD,
    "answers": (
        '{"child_full_name": "An", "child_birth_date": "2026-11-20", "child_sex": "female", '
        '"birth_place_kind": "elsewhere", "birth_place": "Huế", "birth_proof": "pledge", '
        '"relationship": "mother", '
        '"parents": [{"role": "mother", "full_name": "Hoa", "birth_year": "1996"}]}'
    ),
}
PDF = ("b.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
RESIDENCE_DOSSIER = {
    "procedure_code": "1.004194.000.00.00.H57",  # 7,000 đồng online
    "ward_code": WARD,
    "answers": '{"address": "12 Lê Lợi", "from_date": "2026-12-01"}',
}


async def dossier_for_its_owner_and_ward(w: World) -> None:
    """A dossier is read by its owner and its ward's staff only; only they act on it."""
    filed = await w.client.post(
        "/api/v1/services/dossiers", data=BIRTH_DOSSIER,
        files=[("document:giay-chung-sinh", PDF)], headers=w.headers["citizen_a"],
    )  # fmt: skip
    assert filed.status_code == 201, filed.text
    path = f"/api/v1/services/dossiers/{filed.json()['code']}"
    for stranger in ("citizen_b", "officer_b"):
        assert (await w.client.get(path, headers=w.headers[stranger])).status_code == 404
    for action in ("receive", "request-supplement", "approve", "reject", "transfer"):
        body = {"reason": "B", "note": "B"}
        refused = await w.client.post(f"{path}/{action}", json=body, headers=w.headers["officer_b"])
        assert refused.status_code in (403, 404), (action, refused.text)
    supplement = await w.client.post(
        f"{path}/supplement", files=[("document:giay-chung-sinh", PDF)],
        headers=w.headers["citizen_b"],
    )  # fmt: skip
    assert supplement.status_code == 404, supplement.text
    for officer, refused in (("officer_b", 404), ("officer_a", 403)):  # A adds their own
        at_office = await w.client.post(
            f"{path}/supplement-at-office", files=[("document:giay-chung-sinh", PDF)],
            headers=w.headers[officer],
        )  # fmt: skip
        assert at_office.status_code == refused, (officer, at_office.text)
    assert (await w.get(path, "citizen_a"))["status"] == "submitted"
    received = await w.client.post(f"{path}/receive", json={}, headers=w.headers["officer_a"])
    assert received.status_code == 200, received.text
    approved = await w.client.post(f"{path}/approve", json={}, headers=w.headers["officer_a"])
    assert approved.status_code == 200, approved.text
    for stranger in ("citizen_b", "officer_b"):
        refused = await w.client.get(f"{path}/result", headers=w.headers[stranger])
        assert refused.status_code == 404, (stranger, refused.text)
    for entitled in ("citizen_a", "officer_a", "operator"):
        got = await w.client.get(f"{path}/result", headers=w.headers[entitled])
        assert got.content.startswith(b"%PDF-"), entitled


async def drafts_for_their_owner_only(w: World) -> None:
    """A half-filled dossier is its owner's: others read 404, and neither their writes nor
    their deletes reach it; the list of drafts holds the caller's only."""
    path = f"/api/v1/services/drafts/{BIRTH_DOSSIER['procedure_code']}"
    body = {"draft": {"ward": WARD, "typed": {"child_full_name": "An"}}}
    kept = await w.client.put(path, json=body, headers=w.headers["citizen_a"])
    assert kept.status_code == 200, kept.text
    for stranger in ("citizen_b", "officer_a", "officer_b"):
        assert (await w.client.get(path, headers=w.headers[stranger])).status_code == 404
        gone = await w.client.delete(path, headers=w.headers[stranger])
        assert gone.status_code == 204
        listed = await w.client.get("/api/v1/services/drafts", headers=w.headers[stranger])
        assert listed.json() == [], stranger
    theirs = {"draft": {"ward": WARD, "typed": {"child_full_name": "B"}}}
    assert (await w.client.put(path, json=theirs, headers=w.headers["citizen_b"])).is_success
    assert (await w.get(path, "citizen_a"))["draft"] == body["draft"]
    assert (await w.get(path, "citizen_b"))["draft"] == theirs["draft"]


async def ward_dashboard_for_its_staff(w: World) -> None:
    """A ward's figures (and their CSV) are for the city's staff and that ward's officers, not
    other wards'."""
    for path in (f"/api/v1/dashboard/wards/{WARD}", f"/api/v1/dashboard/wards/{WARD}/export.csv"):
        for stranger in ("citizen_a", "officer_b"):
            assert (await w.client.get(path, headers=w.headers[stranger])).status_code == 403
        for staff in ("officer_a", "operator"):
            assert (await w.client.get(path, headers=w.headers[staff])).status_code == 200


async def ward_map_holds_only_its_wards_cases(w: World) -> None:
    """A ward's live map is for its officers and the city's staff, and shows that ward's open
    cases only: another ward's officer gets 403, and their own ward's map does not show it."""
    await w.report("citizen_a")
    path = f"/api/v1/dashboard/wards/{WARD}/map"
    for stranger in ("citizen_a", "officer_b"):
        assert (await w.client.get(path, headers=w.headers[stranger])).status_code == 403
    own = await w.get(path, "officer_a")
    assert [cell["cases"] for cell in own["clusters"]] == [1]
    assert [ward["ward_code"] for ward in own["wards"]] == [WARD]
    other = await w.get(f"/api/v1/dashboard/wards/{OTHER_WARD}/map", "officer_b")
    assert other["clusters"] == [] and other["open"] == 0


async def book_first_free_slot(client: httpx.AsyncClient, who: dict[str, str], ward: str) -> int:
    """Book the first free slot of a ward's office (by the server's clock) as someone."""
    days = (await client.get(f"/api/v1/appointments/offices/{ward}/days")).json()
    start = next(slot["start"] for day in days for slot in day["slots"] if slot["bookable"])
    body = {"ward_code": ward, "procedure_code": "1.001193.000.00.00.H57", "start": start}
    booked = await client.post("/api/v1/appointments/bookings", json=body, headers=who)
    assert booked.status_code == 201, booked.text
    return int(booked.json()["id"])


async def only_a_changes_own_booking(w: World) -> None:
    """A booking is moved, cancelled and checked in by its owner (or its ward's staff for the
    check-in) only; B's attempts are 404 and change nothing."""
    booking_id = await book_first_free_slot(w.client, w.headers["citizen_a"], WARD)
    path = f"/api/v1/appointments/bookings/{booking_id}"
    days = (await w.client.get(f"/api/v1/appointments/offices/{WARD}/days")).json()
    free = [slot["start"] for day in days for slot in day["slots"] if slot["bookable"]]
    for stranger in ("citizen_b", "officer_b"):
        for action, body in (("cancel", {}), ("reschedule", {"start": free[-1]}), ("check-in", {})):
            answer = await w.client.post(f"{path}/{action}", json=body, headers=w.headers[stranger])
            assert answer.status_code == 404, (stranger, action, answer.text)
    mine = await w.client.get("/api/v1/appointments/bookings/mine", headers=w.headers["citizen_a"])
    assert [(b["id"], b["status"]) for b in mine.json()] == [(booking_id, "booked")]
    mine_path = "/api/v1/appointments/bookings/mine"
    theirs = await w.client.get(mine_path, headers=w.headers["citizen_b"])
    assert theirs.json() == []
    moved = await w.client.post(
        f"{path}/reschedule", json={"start": free[-1]}, headers=w.headers["citizen_a"]
    )
    assert moved.status_code == 200, moved.text
    cancelled = await w.client.post(f"{path}/cancel", headers=w.headers["citizen_a"])
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"


async def queue_for_its_wards_staff(w: World) -> None:
    """A ward's queue is read and called by its staff only; its screen shows numbers, no one's
    phone or name."""
    base = f"/api/v1/appointments/queue/{WARD}"
    taken = await w.client.post(f"{base}/tickets", headers=w.headers["citizen_a"])
    assert taken.status_code in (200, 201), taken.text
    for stranger, refused in (("officer_b", 403), ("citizen_b", 403)):
        assert (await w.client.get(base, headers=w.headers[stranger])).status_code == refused
        called = await w.client.post(f"{base}/call-next", headers=w.headers[stranger])
        assert called.status_code == refused
    given = await w.client.post(f"{base}/tickets", headers=w.headers["officer_b"])
    assert given.status_code == 403
    assert (await w.get(base, "officer_a"))["waiting"]  # the citizen's number waits
    called = await w.client.post(f"{base}/call-next", headers=w.headers["officer_a"])
    assert called.status_code == 200 and called.json()["ticket"] is not None
    shown = await w.client.get(f"/api/v1/appointments/display/{WARD}")
    assert shown.status_code == 200 and "905000011" not in shown.text
    assert set(shown.json()) == {"ward_code", "ward_name", "day", "calling", "waiting"}


ROUTES: dict[str, str | Scenario] = {
    "GET /api/v1/wards/{code}": PUBLIC,
    "DELETE /api/v1/me/sessions/{session_id}": only_a_ends_own_session,
    "GET /open311/v2/discovery.{response_format}": PUBLIC,
    "GET /open311/v2/services.{response_format}": PUBLIC,
    "GET /open311/v2/services/{service_code}.{response_format}": PUBLIC,
    "POST /open311/v2/requests.{response_format}": PUBLIC,
    "GET /open311/v2/requests.{response_format}": PUBLIC,
    "GET /open311/v2/requests/{service_request_id}.{response_format}": (
        private_open311_request_hidden
    ),
    "GET /open311/v2/tokens/{token}.{response_format}": PUBLIC,
    "GET /api/v1/cases/{case_id}": case_only_in_its_ward,
    "POST /api/v1/cases/{case_id}/accept": case_only_in_its_ward,
    "POST /api/v1/cases/{case_id}/start": case_only_in_its_ward,
    "POST /api/v1/cases/{case_id}/transfer": case_only_in_its_ward,
    "POST /api/v1/cases/{case_id}/notes": case_only_in_its_ward,
    "POST /api/v1/cases/{case_id}/reject": case_only_in_its_ward,
    "POST /api/v1/cases/{case_id}/resolve": case_only_in_its_ward,
    "GET /api/v1/incidents/photos/{photo_id}": private_photo_hidden,
    # Whoever holds a slip's code; the code's check cannot be guessed from the id, and the
    # answer has no personal data (tests/modules/incidents/backend/cases/test_assisted.py).
    "GET /api/v1/incidents/track/{code}": PUBLIC,
    "POST /api/v1/incidents/track/{code}/claim": filed_case_claimed_only_by_its_visitor,
    "GET /api/v1/incidents/{incident_id}": only_a_sees_incident,
    "POST /api/v1/incidents/{incident_id}/rating": only_a_rates,
    "POST /api/v1/incidents/{incident_id}/reopen": only_a_reopens,
    "POST /api/v1/incidents/{incident_id}/me-too": private_report_hidden_from_me_too,
    "POST /api/v1/hotline/calls/{call_id}/case": hotline_desk_only,
    "GET /api/v1/alerts/{alert_id}": PUBLIC,
    "POST /api/v1/alerts/{alert_id}/update": operators_alerts_closed_to_citizens,
    "POST /api/v1/alerts/{alert_id}/cancel": operators_alerts_closed_to_citizens,
    "GET /alerts/{alert_id}.cap": PUBLIC,
    "POST /api/v1/alerts/{alert_id}/checkins": only_a_reads_and_changes_own_checkin,
    "GET /api/v1/alerts/{alert_id}/checkins/{checkin_id}": only_a_reads_and_changes_own_checkin,
    "GET /api/v1/alerts/{alert_id}/checkins/summary": checkin_counts_for_staff_of_the_ward,
    "GET /api/v1/payments/{payment_id}": only_a_sees_own_payment,
    "GET /api/v1/bills/customers/{customer_id}": only_a_reaches_own_bills,
    "POST /api/v1/bills/customers/{customer_id}/pay": only_a_reaches_own_bills,
    "DELETE /api/v1/bills/customers/{customer_id}": only_a_reaches_own_bills,
    "POST /api/v1/payments/{payment_id}/check": only_a_sees_own_payment,
    "POST /api/v1/payments/{payment_id}/refund": refund_by_the_dossiers_ward_only,
    "GET /api/v1/payments/{payment_id}/receipt.pdf": only_a_gets_own_receipt_pdf,
    "GET /api/v1/payments/verify/{txn_ref}": PUBLIC,
    "GET /api/v1/services/procedures/{procedure_code}": PUBLIC,
    "GET /api/v1/services/procedures/{procedure_code}/form-schema": PUBLIC,
    "GET /api/v1/services/track/{dossier_code}": PUBLIC,
    "GET /api/v1/services/dossiers/{dossier_code}": dossier_for_its_owner_and_ward,
    "GET /api/v1/services/drafts/{procedure_code}": drafts_for_their_owner_only,
    "PUT /api/v1/services/drafts/{procedure_code}": drafts_for_their_owner_only,
    "DELETE /api/v1/services/drafts/{procedure_code}": drafts_for_their_owner_only,
    "GET /api/v1/services/dossiers/{dossier_code}/result": dossier_for_its_owner_and_ward,
    "POST /api/v1/services/dossiers/{dossier_code}/supplement": dossier_for_its_owner_and_ward,
    "POST /api/v1/services/dossiers/{dossier_code}/supplement-at-office": (
        dossier_for_its_owner_and_ward
    ),
    "POST /api/v1/services/dossiers/{dossier_code}/receive": dossier_for_its_owner_and_ward,
    "POST /api/v1/services/dossiers/{dossier_code}/request-supplement": (
        dossier_for_its_owner_and_ward
    ),
    "POST /api/v1/services/dossiers/{dossier_code}/approve": dossier_for_its_owner_and_ward,
    "POST /api/v1/services/dossiers/{dossier_code}/reject": dossier_for_its_owner_and_ward,
    "POST /api/v1/services/dossiers/{dossier_code}/transfer": dossier_for_its_owner_and_ward,
    "GET /api/v1/appointments/offices/{ward_code}/days": PUBLIC,
    "GET /api/v1/appointments/display/{ward_code}": PUBLIC,
    "POST /api/v1/appointments/bookings/{booking_id}/cancel": only_a_changes_own_booking,
    "POST /api/v1/appointments/bookings/{booking_id}/reschedule": only_a_changes_own_booking,
    "POST /api/v1/appointments/bookings/{booking_id}/check-in": only_a_changes_own_booking,
    "GET /api/v1/appointments/queue/{ward_code}": queue_for_its_wards_staff,
    "POST /api/v1/appointments/queue/{ward_code}/tickets": queue_for_its_wards_staff,
    "POST /api/v1/appointments/queue/{ward_code}/call-next": queue_for_its_wards_staff,
    "GET /api/v1/news/{news_id}": PUBLIC,
    "GET /api/v1/health/places/{health_place_id}": PUBLIC,
    "GET /api/v1/education/schools/{school_id}": PUBLIC,
    "GET /api/v1/tourism/places/{place_id}": PUBLIC,
    "GET /api/v1/dashboard/wards/{ward_code}": ward_dashboard_for_its_staff,
    "GET /api/v1/dashboard/wards/{ward_code}/export.csv": ward_dashboard_for_its_staff,
    "GET /api/v1/dashboard/wards/{ward_code}/map": ward_map_holds_only_its_wards_cases,
}
SCENARIOS = sorted({s for s in ROUTES.values() if callable(s)}, key=lambda s: s.__name__)


def test_every_route_with_an_id_is_listed(app: FastAPI) -> None:
    """A new route with a path parameter must be classified here before it ships."""
    with_ids = {
        f"{method.upper()} {path}"
        for path, operations in app.openapi()["paths"].items()
        if "{" in path
        for method in operations
    }
    assert with_ids - ROUTES.keys() == set(), "classify these routes in ROUTES"
    assert ROUTES.keys() - with_ids == set(), "these routes are gone: drop them from ROUTES"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
async def test_user_b_never_reaches_user_a_objects(world: World, scenario: Scenario) -> None:
    """Run one scenario (see each function's docstring)."""
    await scenario(world)


async def test_own_lists_without_an_id_hold_only_the_callers(world: World) -> None:
    """/mine lists have no id to check: B's answer never holds what A reported or follows."""
    mine = await world.report("citizen_a")
    theirs = await world.report("citizen_b")
    followed = await world.client.post(
        f"/api/v1/incidents/{theirs['id']}/me-too", headers=world.headers["citizen_a"]
    )
    assert followed.status_code == 200, followed.text
    for path, a_sees in (
        ("/api/v1/incidents/mine", mine["id"]),
        ("/api/v1/incidents/mine/followed", theirs["id"]),
    ):
        as_a = await world.client.get(path, headers=world.headers["citizen_a"])
        assert a_sees in [case["id"] for case in as_a.json()], path
        as_b = await world.client.get(path, headers=world.headers["citizen_b"])
        assert a_sees not in [case["id"] for case in as_b.json()], path
        assert (await world.client.get(path)).status_code == 401


async def test_a_dossier_filed_for_a_visitor_is_in_nobodys_list(world: World) -> None:
    """POST /services/assisted-dossiers has no id to check: an officer files at their own ward
    only, the dossier joins no one's "my dossiers" and only its ward's staff read it."""
    data = BIRTH_DOSSIER | {"visitor_name": "Bích", "visitor_phone": "0905123456"}
    path = "/api/v1/services/assisted-dossiers"
    files = [("document:giay-chung-sinh", PDF)]
    refused = await world.client.post(
        path, data=data, files=files, headers=world.headers["officer_b"]
    )
    assert refused.status_code == 403, refused.text
    filed = await world.client.post(
        path, data=data, files=files, headers=world.headers["officer_a"]
    )
    assert filed.status_code == 201, filed.text
    code = filed.json()["code"]
    for who in ("citizen_a", "citizen_b", "officer_a"):
        mine = await world.get("/api/v1/services/dossiers/mine", who)
        assert code not in [dossier["code"] for dossier in mine], who
    for stranger in ("citizen_a", "citizen_b", "officer_b"):
        read = await world.client.get(
            f"/api/v1/services/dossiers/{code}", headers=world.headers[stranger]
        )
        assert read.status_code == 404, stranger
