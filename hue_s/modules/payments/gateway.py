"""The payment gateway interface: providers are plugins behind one small Protocol.

A provider turns an order into the address of its pay page and reads the signed answers it
sends back (the person's browser to the return URL, its server to the IPN URL). Built-in:
`vnpay`; a distribution may add one under the entry point group `hue_s.payment_gateways`
(a callable taking the environment mapping and returning a gateway).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import entry_points
from typing import Protocol

ENTRY_POINT_GROUP = "hue_s.payment_gateways"


class CallbackRefused(Exception):
    """A callback that cannot be believed or read."""


class BadSignature(CallbackRefused):
    """The callback's signature is missing or wrong (someone other than the gateway wrote it)."""


class MalformedCallback(CallbackRefused):
    """The callback is signed but a field is missing or unreadable."""


@dataclass(frozen=True)
class PaymentOrder:
    """What the person is asked to pay: the gateway's view of one payment."""

    txn_ref: str
    """Our reference of this attempt, unique at the gateway."""
    amount_vnd: int
    order_info: str
    return_url: str
    ip_address: str
    created_at: datetime
    expires_at: datetime
    locale: str = "vn"
    """The pay page's language: "vn" or "en"."""


@dataclass(frozen=True)
class GatewayResult:
    """What a signed callback says about one attempt."""

    txn_ref: str
    amount_vnd: int
    response_code: str
    transaction_status: str
    transaction_no: str = ""
    bank_code: str = ""
    pay_date: str = ""

    @property
    def succeeded(self) -> bool:
        """Tell whether the money was taken: both the response code and the status say 00."""
        return self.response_code == "00" and self.transaction_status == "00"


class PaymentGateway(Protocol):
    """A payment provider: builds pay-page addresses and reads its own signed callbacks."""

    @property
    def name(self) -> str:
        """Return the provider's name, stored with each payment ("vnpay")."""
        ...

    def pay_url(self, order: PaymentOrder) -> str:
        """Return the signed address of the provider's pay page for an order."""
        ...

    def read_callback(self, params: Mapping[str, str]) -> GatewayResult:
        """Return what a callback says; raise BadSignature or MalformedCallback."""
        ...

    async def query(self, order: PaymentOrder, now: datetime) -> GatewayResult | None:
        """Ask the provider what became of an order whose callback never came (None: no
        final answer yet); raise CallbackRefused for an answer it did not sign."""
        ...


@dataclass(frozen=True)
class RefundOrder:
    """Give back all or part of a paid order's money."""

    order: PaymentOrder
    amount_vnd: int
    """Whole đồng, at most what was paid."""
    transaction_no: str
    """The gateway's number of the payment (VNPay: vnp_TransactionNo)."""
    request_id: str
    """Ours, unique per request (VNPay: vnp_RequestId)."""
    created_by: str
    """Who asks, in words the gateway keeps (VNPay: vnp_CreateBy)."""

    @property
    def full(self) -> bool:
        """Tell whether all the money goes back."""
        return self.amount_vnd == self.order.amount_vnd


@dataclass(frozen=True)
class RefundResult:
    """What the gateway answered to a refund request (signed)."""

    response_code: str
    amount_vnd: int = 0
    transaction_no: str = ""

    @property
    def succeeded(self) -> bool:
        """Tell whether the gateway accepted the refund (response code 00)."""
        return self.response_code == "00"


class RefundingGateway(PaymentGateway, Protocol):
    """A provider that can also give money back."""

    async def refund(self, refund: RefundOrder, now: datetime) -> RefundResult:
        """Ask the provider to refund; raise CallbackRefused for an answer it did not sign
        (httpx errors when it cannot be reached: the outcome is then unknown)."""
        ...


GatewayFactory = Callable[[Mapping[str, str]], PaymentGateway]


def gateway_factories() -> dict[str, GatewayFactory]:
    """Return the providers by name: the built-in VNPay and the installed plugins."""
    from hue_s.modules.payments.vnpay import VNPayGateway

    found: dict[str, GatewayFactory] = {"vnpay": VNPayGateway.from_environment}
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        found.setdefault(entry.name, entry.load())
    return found


def gateway_from_environment(environ: Mapping[str, str]) -> PaymentGateway:
    """Return the provider HUE_S_PAYMENTS_PROVIDER names (default vnpay), configured."""
    name = environ.get("HUE_S_PAYMENTS_PROVIDER", "vnpay").strip() or "vnpay"
    factories = gateway_factories()
    if name not in factories:
        raise ValueError(f"unknown payment provider {name!r}; known: {sorted(factories)}")
    return factories[name](environ)
