"""A dossier's online fee is paid through the payments module: only its owner, only if due."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from fastapi import FastAPI

from hue_s.modules.payments.vnpay import SANDBOX_PAY_URL, VNPayGateway
from hue_s.testing.backend import MovableClock, asgi_client, backend_for_test, sign_in

from ..conftest import PDF, PEOPLE, WARD, file_birth

TEMPORARY_RESIDENCE = "1.004194.000.00.00.H57"
GATEWAY = VNPayGateway(
    tmn_code="TESTCODE", hash_secret="SERVICESTESTSECRET0123456789ABCD", pay_page=SANDBOX_PAY_URL
)


@pytest.fixture
def app(tmp_path: Path, clock: MovableClock) -> Iterator[FastAPI]:
    """The backend with public services and payments."""
    with backend_for_test(tmp_path, modules=["services", "payments"], clock=clock) as application:
        application.state.payments_gateway = GATEWAY
        yield application


async def test_the_owner_pays_the_online_fee(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    answers = {"address": "12 Lê Lợi", "from_date": "2026-12-01"}
    filed = await client.post(
        "/api/v1/services/dossiers",
        data={
            "procedure_code": TEMPORARY_RESIDENCE,
            "ward_code": WARD,
            "answers": json.dumps(answers),
        },
        files=[("document:cho-o", ("hop-dong.pdf", PDF, "application/pdf"))],
        headers=people["citizen_a"],
    )
    assert filed.status_code == 201, filed.text
    assert filed.json()["online_fee_vnd"] == 7000
    code = filed.json()["code"]
    body = {"purpose": "services_fee", "reference": code}
    other = await client.post("/api/v1/payments", json=body, headers=people["citizen_b"])
    assert other.status_code == 404
    paid = await client.post("/api/v1/payments", json=body, headers=people["citizen_a"])
    assert paid.status_code == 201, paid.text
    assert "vnp_Amount=700000" in paid.json()["pay_url"]


async def test_a_free_procedure_has_nothing_to_pay(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    filed = await file_birth(client, people["citizen_a"])
    assert filed.json()["online_fee_vnd"] == 0
    body = {"purpose": "services_fee", "reference": filed.json()["code"]}
    answer = await client.post("/api/v1/payments", json=body, headers=people["citizen_a"])
    assert answer.status_code == 404


async def test_the_wards_staff_see_a_dossier_fees_payment_and_no_one_else(
    app: FastAPI, client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    from hue_s.backend.accounts.models import User
    from hue_s.modules.payments.backend.models import Payment
    from hue_s.modules.payments.backend.service import may_see

    code = (await file_birth(client, people["citizen_a"])).json()["code"]
    with app.state.session_factory() as session:
        users = {user.phone: user for user in session.query(User)}
        owner = users[PEOPLE["citizen_a"][0]]
        payment = Payment(owner_id=owner.id, purpose="services_fee", reference=code)
        seen = {
            name: may_see(session, users[phone], payment) for name, (phone, *_) in PEOPLE.items()
        }
    assert seen == {"citizen_a": True, "citizen_b": False, "officer_x": True, "officer_y": False}


async def file_residence(client: httpx.AsyncClient, headers: dict[str, str]) -> str:
    """File a temporary residence declaration (fee 7,000 đồng online); return its code."""
    answers = {"address": "12 Lê Lợi", "from_date": "2026-12-01"}
    filed = await client.post(
        "/api/v1/services/dossiers",
        data={
            "procedure_code": TEMPORARY_RESIDENCE,
            "ward_code": WARD,
            "answers": json.dumps(answers),
        },
        files=[("document:cho-o", ("hop-dong.pdf", PDF, "application/pdf"))],
        headers=headers,
    )
    assert filed.status_code == 201, filed.text
    code: str = filed.json()["code"]
    return code


async def test_the_wards_officer_sees_whether_the_fee_is_paid(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    code = await file_residence(client, people["citizen_a"])
    path = f"/api/v1/services/dossiers/{code}"

    async def fee_status() -> str | None:
        answer = await client.get(path, headers=people["officer_x"])
        assert answer.status_code == 200, answer.text
        status: str | None = answer.json()["fee_status"]
        return status

    assert await fee_status() is None
    body = {"purpose": "services_fee", "reference": code}
    started = await client.post("/api/v1/payments", json=body, headers=people["citizen_a"])
    assert await fee_status() == "pending"
    asked = dict(parse_qsl(urlsplit(started.json()["pay_url"]).query))
    answer = {
        "vnp_Amount": asked["vnp_Amount"], "vnp_ResponseCode": "00", "vnp_TransactionStatus": "00",
        "vnp_TmnCode": asked["vnp_TmnCode"], "vnp_TxnRef": asked["vnp_TxnRef"],
        "vnp_TransactionNo": "14000001", "vnp_PayDate": "20261204120300",
    }  # fmt: skip
    ipn = await client.get("/api/v1/payments/vnpay/ipn", params=GATEWAY.sign(answer))
    assert ipn.json()["RspCode"] == "00"
    assert await fee_status() == "paid"
    inbox = await client.get("/api/v1/services/inbox", headers=people["officer_x"])
    assert [item["fee_status"] for item in inbox.json() if item["code"] == code] == ["paid"]


async def test_without_the_payments_module_a_fee_has_no_payment_status(
    tmp_path: Path, clock: MovableClock
) -> None:
    with backend_for_test(tmp_path / "alone", modules=["services"], clock=clock) as alone:
        headers = {name: sign_in(alone, *person) for name, person in PEOPLE.items()}
        async with asgi_client(alone) as client:
            code = await file_residence(client, headers["citizen_a"])
            answer = await client.get(
                f"/api/v1/services/dossiers/{code}", headers=headers["officer_x"]
            )
    assert answer.status_code == 200, answer.text
    assert (answer.json()["online_fee_vnd"], answer.json()["fee_status"]) == (7000, None)
