"""Who may call what: every route of /openapi.json, called by every kind of actor.

The routes come from /openapi.json; each must have a line in EXPECTED giving the status each
actor gets, in the order of ACTORS. People sign in for real (phone + texted code); the API key
is a real issued key. Each call gets fresh objects (citizen A's private report in ward X, an
alert, A's check-in, a hotline call of ward X, ...), so no call sees another call's changes.
A body-taking route is called with an empty JSON object: 422 means "got past authorization".
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from hue_s.backend.accounts.api_keys import issue_api_key
from hue_s.backend.accounts.models import User
from hue_s.backend.accounts.settings import AccountsSettings, RateLimit
from hue_s.backend.accounts.sms import MemorySmsGateway
from hue_s.backend.accounts.tokens import start_session
from hue_s.backend.kernel.models import Ward
from hue_s.modules.bills.backend.models import CustomerRow
from hue_s.modules.bills.backend.provider import free_port, sandbox_providers
from hue_s.modules.incidents.backend.models import Incident
from hue_s.modules.incidents.backend.tracking.codes import tracking_code
from hue_s.modules.payments.backend.models import Payment
from tests.modules.incidents.backend.conftest import point_in

from .accounts.conftest import bearer, sign_in
from .test_object_access import OTHER_WARD, WARD, book_first_free_slot, jpeg

ACTORS = (
    "anonymous", "citizen_a", "citizen_b", "officer_x", "officer_y", "operator", "leader", "api_key"
)  # fmt: skip
PEOPLE = {
    "citizen_a": ("0905000021", "citizen", None),
    "citizen_b": ("0905000022", "citizen", None),
    "officer_x": ("0905000023", "officer", WARD),
    "officer_y": ("0905000024", "officer", OTHER_WARD),
    "operator": ("0905000025", "operator", None),
    "leader": ("0905000026", "leader", None),
}
SELF_ENDING = ("POST /api/v1/auth/logout", "DELETE /api/v1/me")
"""Routes that end the caller's session or account: called with a session of their own, last."""
BODIES: dict[str, dict[str, Any]] = {
    "POST /api/v1/payments/{payment_id}/refund": {"reason": "hoàn lệ phí"},
    "POST /api/v1/incidents/{incident_id}/rating": {"stars": 5},
    "POST /api/v1/incidents/{incident_id}/reopen": {"reason": "vẫn hỏng"},
    "POST /api/v1/cases/{case_id}/notes": {"note": "đã xem"},
    "POST /api/v1/cases/{case_id}/reject": {"reason": "trùng"},
    "POST /api/v1/cases/{case_id}/transfer": {"ward_code": OTHER_WARD, "reason": "sai phường"},
    "POST /api/v1/alerts/{alert_id}/checkins": {"status": "safe", "ward_code": WARD},
    "POST /api/v1/hotline/calls/{call_id}/case": {
        "service_code": "fallen_tree",
        "ward_code": WARD,
        "address": "12 Lê Lợi",
    },
}
"""A valid body where an empty one would stop every actor at validation (422)."""
HOW_TO_ADD = (
    "add a line for it to EXPECTED in tests/backend/test_authorization.py: "
    '"METHOD /path": "<status of each actor in the order of ACTORS: {actors}>", '
    "and, if the path has a new parameter, a way to make its object in World.value_of"
)


@dataclass
class World:
    """Signed-in actors, the app, and makers of fresh objects for each call."""

    app: FastAPI
    client: httpx.AsyncClient
    headers: dict[str, dict[str, str]]
    api_key: str
    point: tuple[float, float]

    def auth(self, actor: str, route: str) -> tuple[dict[str, str], dict[str, str]]:
        """Return the headers and query parameters that make a request come from an actor.

        A route that ends the caller's session or account gets a session of its own, so that
        the actor's main session stays for the other routes.
        """
        if actor == "api_key":
            return {}, {"api_key": self.api_key}
        if actor not in PEOPLE or route not in SELF_ENDING:
            return self.headers.get(actor, {}), {}
        with self.app.state.session_factory() as session:
            phone = "+84" + PEOPLE[actor][0][1:]
            user = session.scalars(select(User).where(User.phone == phone)).one()
            issued = start_session(session, self.app.state.accounts_settings, user, "other")
        return bearer(issued.access_token), {}

    async def private_report(self) -> int:
        """File citizen A's private pothole report in ward X, with a photo; return its id."""
        data = {"service_code": "road_pothole", "description": "Ổ gà", "attribute[private]": "yes"}
        data |= {"lat": str(self.point[0]), "long": str(self.point[1])}
        filed = await self.client.post(
            "/open311/v2/requests.json",
            data=data,
            files=[("media", ("p.jpg", jpeg()))],
            headers=self.headers["citizen_a"],
        )
        assert filed.status_code == 200, filed.text
        return int(filed.json()[0]["service_request_id"])

    async def alert(self) -> int:
        """Have the operator issue a flood warning for ward X; return its id."""
        expires = (datetime.now(UTC) + timedelta(hours=6)).isoformat()
        draft = {
            "event": "Lũ", "severity": "Severe", "urgency": "Immediate", "certainty": "Likely",
            "headline": "Lũ trên sông Hương", "expires": expires, "ward_codes": [WARD],
        }  # fmt: skip
        issued = await self.client.post(
            "/api/v1/alerts", json=draft, headers=self.headers["operator"]
        )
        assert issued.status_code == 201, issued.text
        return int(issued.json()["id"])

    async def value_of(self, name: str, path: str, made: dict[str, Any]) -> Any:
        """Return a value for one path parameter, making its object (A's, in ward X) if needed."""
        if name == "response_format":
            return "json"
        if name == "service_code":
            return "road_pothole"
        if name == "code" and path.startswith("/api/v1/wards/"):
            return WARD
        if name == "ward_code":  # officer X's ward
            return WARD
        if name in ("case_id", "incident_id", "service_request_id"):
            return await self.private_report()
        if name == "procedure_code":
            return "1.001193.000.00.00.H57"
        if name == "dossier_code":  # A's birth registration in ward X
            filed = await self.client.post(
                "/api/v1/services/dossiers",
                data={"procedure_code": "1.001193.000.00.00.H57", "ward_code": WARD}
                | {
                    "answers": '{"child_full_name": "An", "child_birth_date": "2026-11-20", '
                    '"child_sex": "female", "birth_place_kind": "elsewhere", '
                    '"birth_place": "Huế", "birth_proof": "pledge", "relationship": "mother", '
                    '"parents": [{"role": "mother", "full_name": "Hoa", "birth_year": "1996"}]}'
                },
                files=[("document:giay-chung-sinh", ("b.pdf", b"%PDF-1.4", "application/pdf"))],
                headers=self.headers["citizen_a"],
            )
            assert filed.status_code == 201, filed.text
            return filed.json()["code"]
        if name == "code":  # a tracking code of A's report
            with self.app.state.session_factory() as session:
                return tracking_code(session.get_one(Incident, await self.private_report()))
        if name == "token":
            return "no-such-token"
        if name == "photo_id":
            case = await self.client.get(
                f"/api/v1/incidents/{await self.private_report()}",
                headers=self.headers["citizen_a"],
            )
            return case.json()["photos"][0]["url"].rstrip("/").rsplit("/", 1)[-1]
        if name == "alert_id":
            made["alert_id"] = await self.alert()
            return made["alert_id"]
        if name == "checkin_id":
            checked = await self.client.post(
                f"/api/v1/alerts/{made['alert_id']}/checkins",
                json={"status": "safe", "ward_code": WARD},
                headers=self.headers["citizen_a"],
            )
            assert checked.status_code == 201, checked.text
            return checked.json()["id"]
        if name == "call_id":
            call = await self.client.post(
                "/api/v1/hotline/calls",
                json={"direction": "incoming", "number": "0905999999", "summary": "cây đổ"}
                | {"ward_code": WARD},
                headers=self.headers["officer_x"],
            )
            assert call.status_code == 201, call.text
            return call.json()["id"]
        if name == "payment_id":  # a pending payment of A's
            with self.app.state.session_factory() as session:
                user = session.scalars(select(User).where(User.phone == "+84905000021")).one()
                payment = Payment(
                    owner_id=user.id, purpose="fee", reference="r", open_key=uuid.uuid4().hex,
                    description="x", amount_vnd=1000, provider="vnpay", pay_url="",
                    txn_ref=uuid.uuid4().hex[:20], created_at=datetime.now(UTC),
                    expires_at=datetime.now(UTC),
                )  # fmt: skip
                session.add(payment)
                session.commit()
                return payment.id
        if name == "customer_id":  # A follows an electricity code; its utility is away (503)
            with self.app.state.session_factory() as session:
                user = session.scalars(select(User).where(User.phone == "+84905000021")).one()
                row = CustomerRow(
                    owner_id=user.id, kind="electricity", code=uuid.uuid4().hex[:13].upper(),
                    nickname="Nhà", name="A", address="Huế", area_code="PC07AA",
                    area_name="Phú Xuân", created_at=datetime.now(UTC),
                )  # fmt: skip
                session.add(row)
                session.commit()
            away = f"http://127.0.0.1:{free_port()}"
            self.app.state.bills_providers = sandbox_providers(away, httpx.AsyncClient())
            return row.id
        if name == "txn_ref":  # a receipt's reference: public, checked with its amount
            return "HS0000000000000000"
        if name == "booking_id":  # A's booking of the first free slot of ward X's office
            return await book_first_free_slot(self.client, self.headers["citizen_a"], WARD)
        if name == "news_id":
            published = await self.client.post(
                "/api/v1/news",
                json={"title": "Thông báo", "body": "Nội dung"},
                headers=self.headers["operator"],
            )
            assert published.status_code == 201, published.text
            return published.json()["id"]
        if name == "place_id":  # the Noon Gate, frozen with the tourism module
            return "way/172657562"
        if name in ("health_place_id", "school_id"):  # frozen OSM places (public)
            return "node-9921291262" if name == "health_place_id" else "node-9185956821"
        if name == "session_id":
            with self.app.state.session_factory() as session:
                user = session.scalars(select(User).where(User.phone == "+84905000021")).one()
                settings = self.app.state.accounts_settings
                issued = start_session(session, settings, user, "another device")
                return issued.session.id
        raise LookupError(f"no maker for path parameter {name!r} of {path}; {HOW_TO_ADD}")

    async def call(self, method: str, path: str, actor: str) -> int:
        """Make fresh objects for the path, call it as the actor, and return the status."""
        made: dict[str, Any] = {}
        filled = path
        for name in re.findall(r"\{(\w+)\}", path):
            filled = filled.replace(f"{{{name}}}", str(await self.value_of(name, path, made)))
        route = f"{method} {path}"
        headers, params = self.auth(actor, route)
        body = {"json": BODIES.get(route, {})} if method in ("POST", "PUT", "PATCH") else {}
        answer = await self.client.request(method, filled, headers=headers, params=params, **body)
        return answer.status_code


@pytest.fixture
async def world(app: FastAPI, client: httpx.AsyncClient) -> World:
    """Every actor signed in with their own phone and code, and an issued API key."""
    sms = MemorySmsGateway()
    app.state.sms_gateway = sms
    generous = RateLimit(10_000, 60)
    app.state.accounts_settings = AccountsSettings(
        secret_key=b"authorization-tests-secret-key-0123456789",
        otp_per_address=generous,
        token_per_address=generous,
    )
    now = datetime.now(UTC)
    with app.state.session_factory() as session:
        for phone, role, ward in PEOPLE.values():
            e164 = "+84" + phone[1:]
            session.add(User(phone=e164, role=role, ward_code=ward, created_at=now, updated_at=now))
        _, api_key, _ = issue_api_key(session, "authorization-test-app", now)
        session.commit()
    headers = {}
    for actor, (phone, _, _) in PEOPLE.items():
        tokens = await sign_in(client, sms, phone, user_agent=f"pytest {actor}")
        headers[actor] = bearer(tokens["access_token"])
    with app.state.session_factory() as session:
        point = point_in(session.get_one(Ward, WARD))
    return World(app, client, headers, api_key, point)


def checked_routes(app: FastAPI) -> set[str]:
    """Return "METHOD /path" of every operation of the document (open data included)."""
    return {
        f"{method.upper()} {path}"
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    }


# Status by actor: anonymous citizen_a citizen_b officer_x officer_y operator leader api_key.
# The objects are citizen A's, in officer X's ward (a private report; A's check-in, session...).
# The app runs without its lifespan here: routes fed by upstream services or the event hub
# (weather, rivers, air, streams) answer 503 to everyone.
EXPECTED: dict[str, str] = {
    "DELETE /api/v1/me": "401 204 204 204 204 204 204 401",
    "DELETE /api/v1/me/sessions/{session_id}": "401 204 404 404 404 404 404 401",
    "GET /alerts/cap.atom": "200 200 200 200 200 200 200 200",
    "GET /alerts/{alert_id}.cap": "200 200 200 200 200 200 200 200",
    "GET /api/v1/air": "503 503 503 503 503 503 503 503",
    "GET /api/v1/alerts": "200 200 200 200 200 200 200 200",
    "GET /api/v1/alerts/sources": "401 403 403 403 403 200 403 401",
    "GET /api/v1/alerts/stream": "503 503 503 503 503 503 503 503",
    "GET /api/v1/alerts/{alert_id}": "200 200 200 200 200 200 200 200",
    "GET /api/v1/alerts/{alert_id}/checkins/summary": "401 403 403 200 200 200 200 401",
    "GET /api/v1/alerts/{alert_id}/checkins/{checkin_id}": "400 200 404 404 404 404 404 400",
    "GET /api/v1/bills/customers": "401 200 200 200 200 200 200 401",
    "GET /api/v1/bills/customers/{customer_id}": "401 503 404 404 404 404 404 401",
    "DELETE /api/v1/bills/customers/{customer_id}": "401 204 404 404 404 404 404 401",
    "POST /api/v1/bills/customers": "401 422 422 422 422 422 422 401",
    "POST /api/v1/bills/customers/{customer_id}/pay": "401 503 404 404 404 404 404 401",
    "GET /api/v1/cases": "401 403 403 200 200 200 200 401",
    "GET /api/v1/cases/{case_id}": "401 403 403 200 404 200 200 401",
    "GET /api/v1/dashboard/city": "401 403 403 403 403 200 200 401",
    "GET /api/v1/dashboard/wards/{ward_code}": "401 403 403 200 403 200 200 401",
    "GET /api/v1/dashboard/city/export.csv": "401 403 403 403 403 200 200 401",
    "GET /api/v1/dashboard/wards/{ward_code}/export.csv": "401 403 403 200 403 200 200 401",
    "GET /api/v1/dashboard/map": "401 403 403 403 403 200 200 401",
    "GET /api/v1/dashboard/wards/{ward_code}/map": "401 403 403 200 403 200 200 401",
    "GET /api/v1/gauges": "200 200 200 200 200 200 200 200",
    "GET /api/v1/hotline/calls": "401 403 403 200 200 200 200 401",
    "GET /api/v1/hotline/daily": "401 403 403 200 200 200 200 401",
    "GET /api/v1/incidents/mine": "401 200 200 200 200 200 200 401",
    "GET /api/v1/incidents/mine/followed": "401 200 200 200 200 200 200 401",
    "GET /api/v1/incidents/mine/stream": "401 503 503 503 503 503 503 401",
    "GET /api/v1/incidents/nearby": "422 422 422 422 422 422 422 422",
    "GET /api/v1/incidents/photos/{photo_id}": "404 200 404 200 404 200 200 404",
    "GET /api/v1/incidents/track/{code}": "200 200 200 200 200 200 200 200",
    "GET /api/v1/incidents/{incident_id}": "401 200 404 404 404 404 404 401",
    "GET /api/v1/me": "401 200 200 200 200 200 200 401",
    "GET /api/v1/me/sessions": "401 200 200 200 200 200 200 401",
    "GET /api/v1/meta": "200 200 200 200 200 200 200 200",
    "GET /api/v1/appointments/bookings/mine": "401 200 200 200 200 200 200 401",
    "GET /api/v1/appointments/display/{ward_code}": "200 200 200 200 200 200 200 200",
    "GET /api/v1/appointments/offices": "200 200 200 200 200 200 200 200",
    "GET /api/v1/appointments/offices/{ward_code}/days": "200 200 200 200 200 200 200 200",
    "GET /api/v1/appointments/queue/{ward_code}": "401 403 403 200 403 200 403 401",
    "POST /api/v1/appointments/bookings": "401 422 422 422 422 422 422 401",
    "POST /api/v1/appointments/bookings/{booking_id}/cancel": "401 200 404 404 404 404 404 401",
    "POST /api/v1/appointments/bookings/{booking_id}/check-in": "401 409 404 409 404 409 404 401",
    "POST /api/v1/appointments/bookings/{booking_id}/reschedule": "401 422 422 422 422 422 422 401",
    "POST /api/v1/appointments/queue/{ward_code}/call-next": "401 403 403 200 403 200 403 401",
    "POST /api/v1/appointments/queue/{ward_code}/tickets": "401 201 201 201 403 201 201 401",
    "GET /api/v1/payments/mine": "401 200 200 200 200 200 200 401",
    "GET /api/v1/payments/vnpay/ipn": "200 200 200 200 200 200 200 200",
    "GET /api/v1/payments/vnpay/return": "400 400 400 400 400 400 400 400",
    "GET /api/v1/payments/{payment_id}": "401 200 404 404 404 404 404 401",
    "GET /api/v1/payments/{payment_id}/receipt.pdf": "401 409 404 404 404 404 404 401",
    "GET /api/v1/payments/verify/{txn_ref}": "422 422 422 422 422 422 422 422",
    "GET /api/v1/education/schools": "200 200 200 200 200 200 200 200",
    "GET /api/v1/education/schools/{school_id}": "200 200 200 200 200 200 200 200",
    "GET /api/v1/health/places": "200 200 200 200 200 200 200 200",
    "GET /api/v1/health/places/{health_place_id}": "200 200 200 200 200 200 200 200",
    "GET /api/v1/news": "200 200 200 200 200 200 200 200",
    "GET /api/v1/news/{news_id}": "200 200 200 200 200 200 200 200",
    "GET /api/v1/rivers": "503 503 503 503 503 503 503 503",
    "GET /api/v1/wards": "200 200 200 200 200 200 200 200",
    "GET /api/v1/wards/locate": "422 422 422 422 422 422 422 422",
    "GET /api/v1/wards/{code}": "200 200 200 200 200 200 200 200",
    "GET /api/v1/weather": "503 503 503 503 503 503 503 503",
    "GET /healthz": "200 200 200 200 200 200 200 200",
    "GET /open311/v2/discovery.{response_format}": "200 200 200 200 200 200 200 200",
    "GET /open311/v2/requests.{response_format}": "200 200 200 200 200 200 200 200",
    "GET /open311/v2/requests/{service_request_id}.{response_format}":
        "404 200 404 200 404 200 200 404",
    "GET /open311/v2/services.{response_format}": "200 200 200 200 200 200 200 200",
    "GET /open311/v2/services/{service_code}.{response_format}": "200 200 200 200 200 200 200 200",
    "GET /open311/v2/tokens/{token}.{response_format}": "404 404 404 404 404 404 404 404",
    "PATCH /api/v1/me": "401 200 200 200 200 200 200 401",
    "POST /api/v1/alerts": "401 403 403 403 403 422 403 401",
    "POST /api/v1/alerts/area-wards": "401 403 403 403 403 422 403 401",
    "POST /api/v1/alerts/devices": "201 201 201 201 201 201 201 201",
    "POST /api/v1/alerts/{alert_id}/cancel": "401 403 403 403 403 201 403 401",
    "POST /api/v1/alerts/{alert_id}/checkins": "400 201 201 201 201 201 201 400",
    "POST /api/v1/alerts/{alert_id}/update": "401 403 403 403 403 422 403 401",
    "POST /api/v1/news": "401 403 403 422 422 422 403 401",
    "POST /api/v1/auth/logout": "401 204 204 204 204 204 204 401",
    "POST /api/v1/auth/otp": "422 422 422 422 422 422 422 422",
    "POST /api/v1/auth/refresh": "422 422 422 422 422 422 422 422",
    "POST /api/v1/auth/token": "422 422 422 422 422 422 422 422",
    "POST /api/v1/cases/{case_id}/accept": "401 403 403 200 404 200 403 401",
    "POST /api/v1/cases/{case_id}/notes": "401 403 403 200 404 200 403 401",
    "POST /api/v1/cases/{case_id}/reject": "401 403 403 200 404 200 403 401",
    "POST /api/v1/cases/{case_id}/resolve": "401 403 403 422 404 422 403 401",
    "POST /api/v1/cases/{case_id}/start": "401 403 403 409 404 409 403 401",
    "POST /api/v1/cases/{case_id}/transfer": "401 403 403 200 404 200 403 401",
    "POST /api/v1/hotline/calls": "401 403 403 422 422 422 403 401",
    "POST /api/v1/hotline/calls/{call_id}/case": "401 403 403 201 404 201 403 401",
    "POST /api/v1/incidents/assisted": "401 403 403 400 400 403 403 401",
    "POST /api/v1/incidents/track/{code}/claim": "401 200 409 403 403 403 403 401",
    "POST /api/v1/incidents/{incident_id}/me-too": "401 200 404 404 404 404 404 401",
    "POST /api/v1/incidents/{incident_id}/rating": "401 409 404 404 404 404 404 401",
    "POST /api/v1/payments": "401 422 422 422 422 422 422 401",
    "POST /api/v1/payments/{payment_id}/check": "401 200 404 404 404 404 404 401",
    "POST /api/v1/payments/{payment_id}/refund": "401 403 403 404 404 404 403 401",
    "POST /api/v1/incidents/{incident_id}/reopen": "401 409 404 404 404 404 404 401",
    "GET /api/v1/services/dossiers/mine": "401 200 200 200 200 200 200 401",
    "GET /api/v1/services/drafts": "401 200 200 200 200 200 200 401",
    "GET /api/v1/services/drafts/{procedure_code}": "401 404 404 404 404 404 404 401",
    "PUT /api/v1/services/drafts/{procedure_code}": "401 422 422 422 422 422 422 401",
    "DELETE /api/v1/services/drafts/{procedure_code}": "401 204 204 204 204 204 204 401",
    "GET /api/v1/services/dossiers/{dossier_code}": "401 200 404 200 404 200 404 401",
    "GET /api/v1/services/dossiers/{dossier_code}/result": "401 409 404 409 404 409 404 401",
    "GET /api/v1/services/inbox": "401 403 403 200 200 200 403 401",
    "GET /api/v1/services/procedures": "200 200 200 200 200 200 200 200",
    "GET /api/v1/services/procedures/{procedure_code}": "200 200 200 200 200 200 200 200",
    "GET /api/v1/services/procedures/{procedure_code}/form-schema": (
        "200 200 200 200 200 200 200 200"
    ),
    "GET /api/v1/services/topics": "200 200 200 200 200 200 200 200",
    "GET /api/v1/services/track/{dossier_code}": "200 200 200 200 200 200 200 200",
    "POST /api/v1/services/dossiers": "401 422 422 422 422 422 422 401",
    "POST /api/v1/services/assisted-dossiers": "401 403 403 422 422 403 403 401",
    "POST /api/v1/services/dossiers/{dossier_code}/approve": "401 403 403 409 404 409 403 401",
    "POST /api/v1/services/dossiers/{dossier_code}/receive": "401 403 403 200 404 200 403 401",
    "POST /api/v1/services/dossiers/{dossier_code}/reject": "401 403 403 422 404 422 403 401",
    "POST /api/v1/services/dossiers/{dossier_code}/request-supplement":
        "401 403 403 422 404 422 403 401",
    "POST /api/v1/services/dossiers/{dossier_code}/supplement": "401 409 404 403 404 403 404 401",
    "POST /api/v1/services/dossiers/{dossier_code}/supplement-at-office":
        "401 403 403 403 404 403 403 401",
    "POST /api/v1/services/dossiers/{dossier_code}/transfer": "401 403 403 422 404 422 403 401",
    "POST /open311/v2/requests.{response_format}": "403 415 415 415 415 415 415 415",
    "GET /api/v1/tourism/events": "200 200 200 200 200 200 200 200",
    "GET /api/v1/tourism/places": "200 200 200 200 200 200 200 200",
    "GET /api/v1/tourism/places/{place_id}": "200 200 200 200 200 200 200 200",
    "POST /api/v1/tourism/events/import": "401 403 403 403 403 422 403 401",
}  # fmt: skip


def test_every_route_has_an_expectation(app: FastAPI) -> None:
    """A new route must say here who may call it before it ships."""
    missing = sorted(checked_routes(app) - EXPECTED.keys())
    how = HOW_TO_ADD.format(actors=" ".join(ACTORS))
    assert not missing, (
        "these routes have no entry in EXPECTED:\n  " + "\n  ".join(missing) + f"\n{how}"
    )
    gone = sorted(EXPECTED.keys() - checked_routes(app))
    assert not gone, f"these routes are gone, drop them from EXPECTED: {gone}"


async def test_each_actor_gets_the_declared_status(app: FastAPI, world: World) -> None:
    """Call every checked route as every actor and compare with EXPECTED, all at once."""
    differences = []
    routes = checked_routes(app) & EXPECTED.keys()
    for route in sorted(
        routes, key=lambda r: (SELF_ENDING.index(r) if r in SELF_ENDING else -1, r)
    ):
        method, path = route.split(" ", 1)
        got = [str(await world.call(method, path, actor)) for actor in ACTORS]
        if got != EXPECTED[route].split():
            differences.append(f'"{route}": "{" ".join(got)}",  # declared: {EXPECTED[route]}')
    assert not differences, "statuses differ from EXPECTED:\n" + "\n".join(differences)
