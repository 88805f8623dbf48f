"""The utilities behind an adapter: a Protocol, its HTTP adapter, and how one is configured.

HUE_S_BILLS_PROVIDER=sandbox (the default) starts the local sandbox process beside the
backend (bills.sandbox, stopping with it); =http reads HUE_S_BILLS_ELECTRICITY_URL and
HUE_S_BILLS_WATER_URL, the base URLs of the utilities' customer APIs of the same shapes.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

import httpx

from hue_s.modules.bills.wire import Bill, Outage


class ProviderError(Exception):
    """A provider's refusal or failure: `code` is the API error code the app translates."""

    code = "provider_unavailable"
    status = 503


class BadCode(ProviderError):
    """The code has not the utility's shape."""

    code, status = "bad_customer_code", 422


class NoSuchCustomer(ProviderError):
    """The utility has no customer of this code."""

    code, status = "customer_not_found", 404


class AlreadyPaid(ProviderError):
    """The bill is paid already."""

    code, status = "bill_already_paid", 409


class Unavailable(ProviderError):
    """The utility did not answer, or answered what cannot be read."""


ERRORS: dict[str, type[ProviderError]] = {
    "INVALID_CUSTOMER_CODE": BadCode,
    "CUSTOMER_NOT_FOUND": NoSuchCustomer,
    "BILL_ALREADY_PAID": AlreadyPaid,
}


@dataclass(frozen=True)
class Account:
    """A customer as the utility knows it."""

    code: str
    name: str
    address: str
    area_code: str
    area_name: str
    registered_on: date


class BillProvider(Protocol):
    """What the module asks of one utility."""

    async def customer(self, code: str) -> Account:
        """Return the customer of a code (BadCode, NoSuchCustomer, Unavailable)."""
        ...

    async def bills(self, code: str, months: int) -> list[Bill]:
        """Return the customer's last bills, newest first."""
        ...

    async def outages(self, area: str, first: date, last: date) -> list[Outage]:
        """Return the area's planned outages starting between two days."""
        ...

    async def pay(self, code: str, bill: Bill, transaction: str) -> None:
        """Tell the utility a bill was collected (AlreadyPaid if it was)."""
        ...


class HttpProvider:
    """A utility's customer API over HTTP (EVN CPC / HueWACO shapes, see bills.sandbox)."""

    def __init__(self, base_url: str, client: httpx.AsyncClient) -> None:
        """Talk to the API at `base_url` through a shared client."""
        self.base_url, self.client = base_url.rstrip("/"), client

    async def _call(self, method: str, path: str, **options: Any) -> Any:
        try:
            answer = await self.client.request(method, self.base_url + path, **options)
            body = answer.json()
        except (httpx.HTTPError, ValueError) as failure:
            raise Unavailable(str(failure)) from None
        if answer.is_success and isinstance(body, dict):
            return body
        code = body.get("errorCode") if isinstance(body, dict) else None
        raise ERRORS.get(str(code), Unavailable)(f"{answer.status_code} {code}")

    async def customer(self, code: str) -> Account:
        """Return the customer of a code."""
        body = await self._call("GET", f"/api/customers/{code}")
        try:
            return Account(
                code=body["customerCode"], name=body["customerName"], address=body["address"],
                area_code=body["areaCode"], area_name=body["areaName"],
                registered_on=date.fromisoformat(body["registrationDate"]),
            )  # fmt: skip
        except (KeyError, TypeError, ValueError) as failure:
            raise Unavailable(f"unreadable customer: {failure}") from None

    async def bills(self, code: str, months: int) -> list[Bill]:
        """Return the customer's last bills, newest first."""
        body = await self._call("GET", f"/api/customers/{code}/bills", params={"months": months})
        try:
            return [
                Bill(
                    year=row["year"],
                    month=row["month"],
                    consumption=row["consumption"],
                    amount_vnd=row["totalAmount"],
                    issued_on=row["issueDate"],
                    due_on=row["dueDate"],
                    paid=row["paid"],
                )  # fmt: skip
                for row in body["bills"]
            ]
        except (KeyError, TypeError, ValueError) as failure:
            raise Unavailable(f"unreadable bills: {failure}") from None

    async def outages(self, area: str, first: date, last: date) -> list[Outage]:
        """Return the area's planned outages starting between two days."""
        params = {"areaCode": area, "fromDate": first.isoformat(), "toDate": last.isoformat()}
        body = await self._call("GET", "/api/outages", params=params)
        try:
            return [
                Outage(
                    area_code=row["areaCode"],
                    area_name=row["areaName"],
                    starts_at=datetime.fromisoformat(row["startTime"]),
                    ends_at=datetime.fromisoformat(row["endTime"]),
                    reason=row["reason"],
                )  # fmt: skip
                for row in body["outages"]
            ]
        except (KeyError, TypeError, ValueError) as failure:
            raise Unavailable(f"unreadable outages: {failure}") from None

    async def pay(self, code: str, bill: Bill, transaction: str) -> None:
        """Tell the utility a bill was collected."""
        await self._call(
            "POST",
            "/api/payments",
            json={"customerCode": code, "year": bill.year, "month": bill.month,
                  "amount": bill.amount_vnd, "transactionId": transaction},
        )  # fmt: skip


def sandbox_providers(base_url: str, client: httpx.AsyncClient) -> dict[str, BillProvider]:
    """Return both utilities as served by one sandbox."""
    return {kind: HttpProvider(f"{base_url}/{kind}", client) for kind in ("electricity", "water")}


def free_port() -> int:
    """Return a port free on 127.0.0.1 now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_sandbox(*options: str, wait: float = 20.0) -> tuple[subprocess.Popen[bytes], str]:
    """Start the sandbox process on a free port (stopping when this process is gone); return
    it and its base URL once it answers."""
    import os

    port = free_port()
    command = [sys.executable, "-m", "hue_s.modules.bills.sandbox", "--port", str(port)]
    command += ["--parent-pid", str(os.getpid()), *options]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{url}/healthz", timeout=1.0).is_success:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    process.terminate()
    raise RuntimeError("the bills sandbox did not start")


def configured(env: Mapping[str, str], client: httpx.AsyncClient) -> dict[str, BillProvider]:
    """Return the providers HUE_S_BILLS_PROVIDER=http names (see the module's docstring)."""
    return {
        kind: HttpProvider(env[f"HUE_S_BILLS_{kind.upper()}_URL"], client)
        for kind in ("electricity", "water")
    }
