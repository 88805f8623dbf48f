"""The HTTP adapter against the sandbox process: good, wrong, unknown, paid, down."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta

import httpx
import pytest

from hue_s.modules.bills.backend.provider import (
    AlreadyPaid,
    BadCode,
    HttpProvider,
    NoSuchCustomer,
    Unavailable,
    free_port,
)
from hue_s.modules.bills.sandbox_data import amount_of
from tests.modules.bills.conftest import GOOD, PAID, UNKNOWN, WATER


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    """One HTTP client per test."""
    async with httpx.AsyncClient(timeout=10.0) as http:
        yield http


async def test_a_good_code_has_a_customer_and_12_months(
    sandbox_url: str, client: httpx.AsyncClient
) -> None:
    power = HttpProvider(f"{sandbox_url}/electricity", client)
    account = await power.customer(GOOD)
    assert (account.code, account.area_code) == (GOOD, "PC07AA")
    assert account.registered_on < date(2026, 1, 1)
    bills = await power.bills(GOOD, 12)
    assert [(b.year, b.month) for b in bills[:2]] == [(2026, 11), (2026, 10)]
    assert len(bills) == 12 and (bills[-1].year, bills[-1].month) == (2025, 12)
    assert not bills[0].paid and all(b.paid for b in bills[1:])
    assert all(b.amount_vnd == amount_of("electricity", b.consumption) for b in bills)
    assert bills == await power.bills(GOOD, 12)  # the same every time


async def test_water_is_served_too(sandbox_url: str, client: httpx.AsyncClient) -> None:
    water = HttpProvider(f"{sandbox_url}/water", client)
    assert (await water.customer(WATER)).area_code == "HU01"
    assert all(0 < b.consumption < 50 for b in await water.bills(WATER, 12))


async def test_a_wrong_code_and_an_unknown_code_are_told_apart(
    sandbox_url: str, client: httpx.AsyncClient
) -> None:
    power = HttpProvider(f"{sandbox_url}/electricity", client)
    with pytest.raises(BadCode):
        await power.customer("PC123")
    with pytest.raises(NoSuchCustomer):
        await power.customer(UNKNOWN)
    with pytest.raises(NoSuchCustomer):
        await power.bills(UNKNOWN, 12)


async def test_a_paid_bill_is_refused_a_second_payment(
    sandbox_url: str, client: httpx.AsyncClient
) -> None:
    power = HttpProvider(f"{sandbox_url}/electricity", client)
    paid = (await power.bills(PAID, 1))[0]
    assert paid.paid
    with pytest.raises(AlreadyPaid):
        await power.pay(PAID, paid, "HS-1")
    code = "PC07AA7654321"
    unpaid = (await power.bills(code, 1))[0]
    await power.pay(code, unpaid, "HS-2")
    assert (await power.bills(code, 1))[0].paid
    with pytest.raises(AlreadyPaid):
        await power.pay(code, unpaid, "HS-3")


async def test_outages_come_every_third_day_in_the_range(
    sandbox_url: str, client: httpx.AsyncClient
) -> None:
    power = HttpProvider(f"{sandbox_url}/electricity", client)
    found = await power.outages("PC07AA", date(2026, 12, 4), date(2026, 12, 10))
    days = [outage.starts_at.date() for outage in found]
    steps = {later - earlier for earlier, later in zip(days, days[1:], strict=False)}
    assert len(days) in (2, 3) and steps == {timedelta(days=3)}
    assert all(date(2026, 12, 4) <= day <= date(2026, 12, 10) for day in days)
    assert all(o.ends_at - o.starts_at == found[0].ends_at - found[0].starts_at for o in found)


async def test_a_provider_down_or_away_is_unavailable(
    down_url: str, client: httpx.AsyncClient
) -> None:
    with pytest.raises(Unavailable):
        await HttpProvider(f"{down_url}/electricity", client).customer(GOOD)
    away = HttpProvider(f"http://127.0.0.1:{free_port()}/electricity", client)
    with pytest.raises(Unavailable):
        await away.bills(GOOD, 12)
