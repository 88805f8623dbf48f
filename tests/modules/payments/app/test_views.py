"""The app's payment screens against the real backend: pay, receipt, refusal, history."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import flet as ft
import httpx
import pytest
from fastapi import FastAPI

from hue_s.app.api.client import HueClient
from hue_s.app.config import AppConfig
from hue_s.app.context import AppContext, AppServices
from hue_s.app.i18n import I18n
from hue_s.app.modules import Registry
from hue_s.app.state.credentials import Credentials
from hue_s.app.state.settings import load_settings
from hue_s.app.state.store import Store
from hue_s.modules.payments.app.views import build_history, build_pay, build_receipt
from hue_s.modules.payments.wire import pay_route

from ..backend.test_routes import IPN, gateway_answer


class Page:
    """Stands in for ft.Page: records the routes pushed."""

    web = True
    route = "/"

    def __init__(self) -> None:
        """Start with no navigation."""
        self.routes: list[str] = []

    async def push_route(self, route: str) -> None:
        """Record a navigation."""
        self.routes.append(route)


def texts(control: Any) -> list[str]:
    """Return every text shown inside a control (and button labels)."""
    found = [control.value] if isinstance(control, ft.Text) and control.value else []
    if isinstance(control, ft.FilledButton | ft.OutlinedButton) and control.content:
        found.append(str(control.content))
    for name in ("controls", "content", "title", "subtitle", "trailing"):
        inner = getattr(control, name, None)
        for child in inner if isinstance(inner, list) else [inner]:
            if isinstance(child, ft.Control):
                found += texts(child)
    return found


@pytest.fixture
async def ctx(app: FastAPI, people: Any, tmp_path: Path) -> AsyncIterator[AppContext]:
    """Citizen a's app session, talking to the test backend in-process."""
    transport = httpx.ASGITransport(app=app)
    async with HueClient("http://hue-s.test", transport=transport, headers=people["a"]) as api:
        with Store(tmp_path / "state.sqlite3") as store:
            config = AppConfig(kiosk=False, data_dir=tmp_path)
            services = AppServices(config, Registry(), store, "http://hue-s.test")
            settings = load_settings(store, "phone-1", language="vi")
            page: Any = Page()
            yield AppContext(
                page=page, services=services, device_id="phone-1", settings=settings,
                i18n=I18n("vi"), api=api, credentials=Credentials(),
            )  # fmt: skip


def route_params(route: str) -> dict[str, str]:
    """Return the parameters of a /payments/pay/:purpose/:reference route."""
    _, _, _, purpose, reference = route.split("/")
    return {"purpose": purpose, "reference": reference}


async def test_paying_shows_the_pay_button_then_the_receipt(
    ctx: AppContext, client: httpx.AsyncClient, people: Any
) -> None:
    shown = await build_pay(ctx, route_params(pay_route("test_fee", "hồ sơ 7")))
    words = texts(shown)
    assert "Chờ thanh toán" in words and "50.000\xa0₫" in words
    assert "Lệ phí thử hồ sơ 7" in words
    assert "payment-pay" in [getattr(control, "key", None) for control in walk(shown)]
    mine = (await client.get("/api/v1/payments/mine", headers=people["a"])).json()
    started = {"pay_url": mine[0]["pay_url"]}
    assert (await client.get(IPN, params=gateway_answer(started))).json()["RspCode"] == "00"
    receipt = texts(await build_receipt(ctx, {"id": str(mine[0]["id"])}))
    assert "Biên lai" in receipt and "Đã thanh toán" in receipt and "14000001" in receipt
    refused = texts(await build_pay(ctx, route_params(pay_route("test_fee", "hồ sơ 7"))))
    assert any("đã được thanh toán" in text for text in refused)
    history = texts(await build_history(ctx, {}))
    assert "Lệ phí thử hồ sơ 7" in history and "Đã thanh toán" in history


async def test_no_payments_yet_is_said(ctx: AppContext) -> None:
    assert "Bạn chưa thanh toán khoản nào qua Hue-S." in texts(await build_history(ctx, {}))


def walk(control: Any) -> list[Any]:
    """Return a control and every control inside it."""
    found = [control]
    for name in ("controls", "content"):
        inner = getattr(control, name, None)
        for child in inner if isinstance(inner, list) else [inner]:
            if isinstance(child, ft.Control):
                found += walk(child)
    return found


async def test_a_refunded_payment_says_so_to_its_payer(
    app: FastAPI, ctx: AppContext, client: httpx.AsyncClient, people: Any
) -> None:
    from hue_s.testing.backend import sign_in

    from ..backend.test_receipt_pdf import WARD
    from ..backend.test_refunds import REASON, RefundingGateway, paid_ward_fee

    app.state.payments_gateway = RefundingGateway()
    payment = await paid_ward_fee(app, client, people)
    officer = sign_in(app, "+84905000041", "officer", WARD)
    body = {"reason": REASON, "amount_vnd": 20_000}
    refunded = await client.post(
        f"/api/v1/payments/{payment['id']}/refund", json=body, headers=officer
    )
    assert refunded.status_code == 200, refunded.text
    receipt = texts(await build_receipt(ctx, {"id": str(payment["id"])}))
    assert "Đã hoàn tiền" in receipt and "20.000\xa0₫" in receipt and REASON in receipt, receipt
    assert "Lý do hoàn tiền" in receipt and "Hoàn tiền lúc" in receipt
    assert "Đã hoàn tiền" in texts(await build_history(ctx, {}))
