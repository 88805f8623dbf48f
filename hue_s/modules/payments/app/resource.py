"""The payments API as the app calls it: pay a thing, my payments, one receipt."""

from __future__ import annotations

import builtins

from hue_s.app.api.resources.base import API_V1, Resource
from hue_s.modules.payments.wire import PaymentRequest, PaymentStarted, PaymentView

PAYMENTS = f"{API_V1}/payments"


class PaymentsResource(Resource):
    """The signed-in person's payments."""

    async def pay(self, *, purpose: str, reference: str, locale: str = "vn") -> PaymentStarted:
        """Open a payment of a thing (or get one's pending payment of it back)."""
        body = PaymentRequest(purpose=purpose, reference=reference, locale=locale)  # type: ignore[arg-type]
        return await self._client.request(
            "POST", PAYMENTS, json=body.model_dump(mode="json"), model=PaymentStarted
        )

    async def mine(self) -> builtins.list[PaymentView]:
        """Return the person's payments, latest first."""
        return await self._client.request(
            "GET", f"{PAYMENTS}/mine", model=builtins.list[PaymentView]
        )

    async def check(self, *, payment_id: int) -> PaymentView:
        """Return one of the person's payments, the gateway asked first if it is pending."""
        path = f"{PAYMENTS}/{payment_id}/check"
        return await self._client.request("POST", path, model=PaymentView)

    async def get(self, *, payment_id: int) -> PaymentView:
        """Return one of the person's payments (their receipt once paid)."""
        return await self._client.request("GET", f"{PAYMENTS}/{payment_id}", model=PaymentView)

    async def receipt_pdf(self, *, payment_id: int, language: str) -> bytes:
        """Return a paid payment's receipt as PDF bytes, in vi or en."""
        path = f"{PAYMENTS}/{payment_id}/receipt.pdf"
        lang = "en" if language == "en" else "vi"
        return await self._client.get_bytes(path, params={"lang": lang}, accept="application/pdf")
