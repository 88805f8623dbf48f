"""The bills API: following codes, errors by code, own data only, paying once."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from fastapi import FastAPI

from hue_s.backend.accounts.settings import RateLimit
from hue_s.modules.bills.backend import routes
from hue_s.modules.bills.backend.provider import sandbox_providers
from tests.modules.bills.conftest import GOOD, PAID, UNKNOWN, WATER

from .conftest import BOTH_DATABASES, GATEWAY

CUSTOMERS = "/api/v1/bills/customers"


async def follow(
    client: httpx.AsyncClient, headers: dict[str, str], code: str = GOOD, kind: str = "electricity"
) -> dict[str, Any]:
    """Follow a code as "Nhà bà nội"; return the customer."""
    body = {"kind": kind, "code": code, "nickname": "Nhà bà nội"}
    answer = await client.post(CUSTOMERS, json=body, headers=headers)
    assert answer.status_code == 201, answer.text
    found: dict[str, Any] = answer.json()
    return found


def error_of(answer: httpx.Response) -> tuple[int, str]:
    """Return an error answer's status and code."""
    return answer.status_code, answer.json()["error"]["code"]


async def test_a_followed_code_shows_its_bill_12_months_and_outages(
    client: httpx.AsyncClient, people: Any
) -> None:
    customer = await follow(client, people["a"], " pc07-aa0123456 ")
    assert (customer["code"], customer["nickname"], customer["area_code"]) == (
        GOOD, "Nhà bà nội", "PC07AA",
    )  # fmt: skip
    await follow(client, people["a"], WATER, "water")
    listed = (await client.get(CUSTOMERS, headers=people["a"])).json()
    assert [c["code"] for c in listed] == [GOOD, WATER]
    shown = (await client.get(f"{CUSTOMERS}/{customer['id']}", headers=people["a"])).json()
    current = shown["current"]
    assert (current["year"], current["month"], current["paid"]) == (2026, 11, False)
    assert current["due_on"] == "2026-12-20" and isinstance(current["amount_vnd"], int)
    assert [(b["year"], b["month"]) for b in shown["history"]][::11] == [(2025, 12), (2026, 11)]
    assert shown["unit"] == "kWh" and shown["payable"] is True and shown["payment"] is None
    assert shown["reference"] == f"{customer['id']}-202611"
    assert shown["outages"] and all(
        "2026-12-04" <= o["starts_at"][:10] <= "2026-12-11" for o in shown["outages"]
    )


@pytest.mark.parametrize(
    ("code", "expected"),
    [("PC123", (422, "bad_customer_code")), ("PA07AA0123456", (422, "bad_customer_code")),
     (UNKNOWN, (404, "customer_not_found"))],
)  # fmt: skip
async def test_wrong_and_unknown_codes_are_refused_by_name(
    client: httpx.AsyncClient, people: Any, code: str, expected: tuple[int, str]
) -> None:
    body = {"kind": "electricity", "code": code, "nickname": "x"}
    assert error_of(await client.post(CUSTOMERS, json=body, headers=people["a"])) == expected
    assert (await client.get(CUSTOMERS, headers=people["a"])).json() == []


async def test_a_code_is_followed_once(client: httpx.AsyncClient, people: Any) -> None:
    await follow(client, people["a"])
    body = {"kind": "electricity", "code": GOOD, "nickname": "again"}
    answer = await client.post(CUSTOMERS, json=body, headers=people["a"])
    assert error_of(answer) == (409, "customer_exists")
    await follow(client, people["b"])  # another person may follow the same code


async def test_a_provider_down_is_a_503_the_app_can_name(
    app: FastAPI, client: httpx.AsyncClient, people: Any, down_url: str
) -> None:
    customer = await follow(client, people["a"])
    async with httpx.AsyncClient() as outward:
        app.state.bills_providers = sandbox_providers(down_url, outward)
        body = {"kind": "electricity", "code": "PC07AA0123457", "nickname": "x"}
        added = await client.post(CUSTOMERS, json=body, headers=people["a"])
        shown = await client.get(f"{CUSTOMERS}/{customer['id']}", headers=people["a"])
    assert error_of(added) == error_of(shown) == (503, "provider_unavailable")


async def test_others_customers_are_404(client: httpx.AsyncClient, people: Any) -> None:
    customer = await follow(client, people["a"])
    path = f"{CUSTOMERS}/{customer['id']}"
    assert error_of(await client.get(path, headers=people["b"])) == (404, "not_found")
    assert error_of(await client.post(f"{path}/pay", headers=people["b"])) == (404, "not_found")
    assert error_of(await client.delete(path, headers=people["b"])) == (404, "not_found")
    assert (await client.get(CUSTOMERS, headers=people["b"])).json() == []
    await client.get(path, headers=people["a"])  # the bill is read: a payable reference
    body = {"purpose": "utility_bill", "reference": f"{customer['id']}-202611"}
    stolen = await client.post("/api/v1/payments", json=body, headers=people["b"])
    assert error_of(stolen) == (404, "nothing_to_pay")
    assert (await client.delete(path, headers=people["a"])).status_code == 204
    assert error_of(await client.get(path, headers=people["a"])) == (404, "not_found")


async def test_a_bill_the_utility_has_paid_is_not_payable(
    client: httpx.AsyncClient, people: Any
) -> None:
    customer = await follow(client, people["a"], PAID)
    path = f"{CUSTOMERS}/{customer['id']}"
    shown = (await client.get(path, headers=people["a"])).json()
    assert shown["current"]["paid"] is True and shown["payable"] is False
    assert error_of(await client.post(f"{path}/pay", headers=people["a"])) == (
        409, "bill_already_paid",
    )  # fmt: skip
    body = {"purpose": "utility_bill", "reference": shown["reference"]}
    again = await client.post("/api/v1/payments", json=body, headers=people["a"])
    assert error_of(again) == (404, "nothing_to_pay")


def settled(started: dict[str, Any]) -> dict[str, str]:
    """Return the gateway's signed IPN that the payment succeeded."""
    asked = dict(parse_qsl(urlsplit(started["pay_url"]).query))
    params = {
        "vnp_Amount": asked["vnp_Amount"], "vnp_BankCode": "NCB", "vnp_CardType": "ATM",
        "vnp_OrderInfo": asked["vnp_OrderInfo"], "vnp_PayDate": "20261204120300",
        "vnp_ResponseCode": "00", "vnp_TmnCode": asked["vnp_TmnCode"],
        "vnp_TransactionNo": "14000001", "vnp_TransactionStatus": "00",
        "vnp_TxnRef": asked["vnp_TxnRef"],
    }  # fmt: skip
    return GATEWAY.sign(params) | {"vnp_SecureHashType": "HmacSHA512"}


@BOTH_DATABASES
async def test_a_bill_is_paid_once_even_when_asked_twice_at_once(
    client: httpx.AsyncClient, people: Any, database_url: str
) -> None:
    sqlite = database_url.startswith("sqlite")
    code = "PC07AA5550011" if sqlite else "PC07AA5550012"  # the sandbox learns each is paid
    customer = await follow(client, people["a"], code)
    path = f"{CUSTOMERS}/{customer['id']}"
    ticket = (await client.post(f"{path}/pay", headers=people["a"])).json()
    assert ticket["purpose"] == "utility_bill" and ticket["reference"].endswith("-202611")
    body = {"purpose": ticket["purpose"], "reference": ticket["reference"]}
    both = await asyncio.gather(
        *(client.post("/api/v1/payments", json=body, headers=people["a"]) for _ in range(2))
    )
    assert [answer.status_code for answer in both] == [201, 201]
    first, second = (answer.json() for answer in both)
    assert first["payment"]["id"] == second["payment"]["id"], "one payment, not two"
    assert first["payment"]["amount_vnd"] == ticket["amount_vnd"]
    ipn = await client.get("/api/v1/payments/vnpay/ipn", params=settled(first))
    assert ipn.json()["RspCode"] == "00"
    shown = (await client.get(path, headers=people["a"])).json()
    assert shown["payment"] == "paid" and shown["current"]["paid"] and not shown["payable"]
    assert error_of(await client.post(f"{path}/pay", headers=people["a"])) == (
        409, "bill_already_paid",
    )  # fmt: skip
    again = await client.post("/api/v1/payments", json=body, headers=people["a"])
    assert error_of(again)[0] in (404, 409), "never a second payment of a paid bill"


@BOTH_DATABASES
async def test_views_at_the_same_moment_keep_one_current_bill(
    client: httpx.AsyncClient, people: Any
) -> None:
    customer = await follow(client, people["a"], "PC07AA5550002")
    path = f"{CUSTOMERS}/{customer['id']}"
    views = await asyncio.gather(*(client.get(path, headers=people["a"]) for _ in range(4)))
    assert [view.status_code for view in views] == [200] * 4, [v.text for v in views]


@pytest.mark.parametrize("modules", [["bills"]])
async def test_bills_work_without_payments_and_are_not_payable(
    client: httpx.AsyncClient, people: Any
) -> None:
    customer = await follow(client, people["a"])
    path = f"{CUSTOMERS}/{customer['id']}"
    shown = (await client.get(path, headers=people["a"])).json()
    assert shown["current"]["paid"] is False and shown["payable"] is False
    assert error_of(await client.post(f"{path}/pay", headers=people["a"])) == (
        404, "payments_off",
    )  # fmt: skip


async def test_one_account_cannot_walk_through_the_utilitys_customers(
    app: FastAPI, client: httpx.AsyncClient, people: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(routes, "LOOKUPS_PER_PERSON", RateLimit(2, 3600))
    asked: list[str] = []
    providers = app.state.bills_providers
    original = providers["electricity"].customer

    async def counted(code: str) -> Any:
        asked.append(code)
        return await original(code)

    monkeypatch.setattr(providers["electricity"], "customer", counted)
    for _ in range(2):  # a lookup answers a customer's name and address: two an hour here
        body = {"kind": "electricity", "code": UNKNOWN, "nickname": "x"}
        assert error_of(await client.post(CUSTOMERS, json=body, headers=people["a"]))[0] == 404
    body = {"kind": "electricity", "code": GOOD, "nickname": "x"}
    refused = await client.post(CUSTOMERS, json=body, headers=people["a"])
    assert error_of(refused) == (429, "rate_limited") and refused.headers["Retry-After"]
    assert asked == [UNKNOWN, UNKNOWN]  # the third was not passed on to the utility
    await follow(client, people["b"])  # another person's lookups are their own
