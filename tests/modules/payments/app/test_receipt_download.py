"""The receipt screen's "Tải biên lai (PDF)" button: it hands over the receipt's PDF once the
payment is paid, and says why not before."""

from __future__ import annotations

from typing import Any

import httpx

from hue_s.app.context import AppContext
from hue_s.modules.payments.app.views import build_receipt, download_receipt
from hue_s.modules.payments.wire import PaymentView

from ..backend.test_routes import IPN, gateway_answer, open_payment
from .test_views import ctx, texts, walk

__all__ = ["ctx"]


async def test_a_paid_receipt_downloads_its_pdf_and_a_pending_one_says_why_not(
    ctx: AppContext, client: httpx.AsyncClient, people: Any
) -> None:
    started = await open_payment(client, people["a"], reference="hồ sơ 9")
    payment = PaymentView.model_validate(started["payment"])
    saved: list[tuple[str, bytes]] = []

    async def save(name: str, data: bytes) -> None:
        saved.append((name, data))

    pending = await build_receipt(ctx, {"id": str(payment.id)})
    assert "payment-receipt-pdf" not in [getattr(c, "key", None) for c in walk(pending)]
    said = await download_receipt(ctx, payment, save)
    assert said == "Khoản thanh toán này chưa được trả nên chưa có biên lai." and saved == []
    assert (await client.get(IPN, params=gateway_answer(started))).json()["RspCode"] == "00"
    paid = await build_receipt(ctx, {"id": str(payment.id)})
    assert "payment-receipt-pdf" in [getattr(c, "key", None) for c in walk(paid)]
    assert "Tải biên lai (PDF)" in texts(paid)
    assert await download_receipt(ctx, payment, save) is None
    assert saved[0][0] == f"bien-lai-{payment.txn_ref}.pdf"
    assert saved[0][1].startswith(b"%PDF-")
