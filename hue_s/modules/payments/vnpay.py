"""VNPay 2.1.0: the pay-page address and its signed callbacks (return URL and IPN).

Signature: the vnp_* parameters but vnp_SecureHash/vnp_SecureHashType, sorted by name, each
name and value encoded as PHP's urlencode (spaces as '+', everything but letters, digits and
-_. as %XX), joined `k=v&k=v`; HMAC-SHA512 of that with the hash secret, in hex. The pay URL's
query is that same string plus vnp_SecureHash (VNPay's own PHP sample builds it so).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote_plus, urlsplit

import httpx

from hue_s.hue_time import HUE_TIME
from hue_s.modules.payments.gateway import (
    BadSignature,
    GatewayResult,
    MalformedCallback,
    PaymentOrder,
    RefundOrder,
    RefundResult,
)
from hue_s.modules.payments.vnpay_query import (
    ANSWER_FIELDS,
    API_PATH,
    FULL_REFUND,
    PARTIAL_REFUND,
    REFUND_ANSWER_FIELDS,
    REFUND_FIELDS,
    REQUEST_FIELDS,
    signature_matches,
    signed,
)

VERSION = "2.1.0"
TIME_FORMAT = "%Y%m%d%H%M%S"
HASH_FIELDS = ("vnp_SecureHash", "vnp_SecureHashType")
SANDBOX_PORT = 8790
SANDBOX_PAY_URL = f"http://127.0.0.1:{SANDBOX_PORT}/paymentv2/vpcpay.html"
SANDBOX_TMN_CODE = "HUESBOX1"
SANDBOX_HASH_SECRET = "HUESSANDBOXSECRETNOTFORREALMONEY"  # noqa: S105  (the local sandbox's)
LOCALES = ("vn", "en")
QUERY_TIMEOUT_SECONDS = 10


def php_urlencode(text: str) -> str:
    """Encode as PHP's urlencode: UTF-8, spaces as '+', all but [A-Za-z0-9_.-] as %XX."""
    return quote_plus(text, safe="", encoding="utf-8").replace("~", "%7E")


def signed_data(params: Mapping[str, str]) -> str:
    """Return the text VNPay signs: the vnp_* parameters but the hash ones, sorted, encoded."""
    fields = sorted(
        (key, value)
        for key, value in params.items()
        if key.startswith("vnp_") and key not in HASH_FIELDS
    )
    return "&".join(f"{php_urlencode(key)}={php_urlencode(value)}" for key, value in fields)


def signature(params: Mapping[str, str], secret: str) -> str:
    """Return the HMAC-SHA512 (lowercase hex) of the parameters' signed data."""
    data = signed_data(params).encode("utf-8")
    return hmac.new(secret.encode("utf-8"), data, hashlib.sha512).hexdigest()


def signature_is_valid(params: Mapping[str, str], secret: str) -> bool:
    """Tell whether vnp_SecureHash is the parameters' signature (compared in constant time)."""
    given = params.get("vnp_SecureHash", "").lower().encode("ascii", "replace")
    return hmac.compare_digest(given, signature(params, secret).encode("ascii"))


def vnpay_time(moment: datetime) -> str:
    """Return a time as VNPay writes it: GMT+7, yyyyMMddHHmmss."""
    return moment.astimezone(HUE_TIME).strftime(TIME_FORMAT)


def parse_vnpay_time(text: str) -> datetime:
    """Read a yyyyMMddHHmmss time written on VNPay's clock (GMT+7)."""
    return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=HUE_TIME)


def plain_order_info(text: str) -> str:
    """Return order info as VNPay wants it: Vietnamese without diacritics, at most 255 chars."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(char for char in decomposed if char.isascii() and char.isprintable())
    return " ".join(ascii_only.split())[:255]


def is_loopback_url(url: str) -> bool:
    """Tell whether a URL points at this machine (the local sandbox)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class VNPayGateway:
    """A VNPay merchant terminal: its code, hash secret (never shown) and pay-page address."""

    tmn_code: str
    hash_secret: str = field(repr=False)
    pay_page: str = SANDBOX_PAY_URL
    api_url: str = ""
    """querydr's address; default: the pay page's origin + /merchant_webapi/api/transaction."""
    order_type: str = "other"
    name: str = "vnpay"

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> VNPayGateway:
        """Configure from HUE_S_VNPAY_*; the sandbox's code and secret only for a local page."""
        pay_page = environ.get("HUE_S_VNPAY_PAY_URL", "").strip() or SANDBOX_PAY_URL
        secret = environ.get("HUE_S_VNPAY_HASH_SECRET", "")
        code = environ.get("HUE_S_VNPAY_TMN_CODE", "").strip()
        if not (secret and code):
            if not is_loopback_url(pay_page):
                raise ValueError(
                    "HUE_S_VNPAY_TMN_CODE and HUE_S_VNPAY_HASH_SECRET must be set "
                    "for a pay page other than the local sandbox"
                )
            secret, code = secret or SANDBOX_HASH_SECRET, code or SANDBOX_TMN_CODE
        api_url = environ.get("HUE_S_VNPAY_API_URL", "").strip()
        return cls(tmn_code=code, hash_secret=secret, pay_page=pay_page, api_url=api_url)

    @property
    def query_url(self) -> str:
        """Return querydr's address."""
        parts = urlsplit(self.pay_page)
        return self.api_url or f"{parts.scheme}://{parts.netloc}{API_PATH}"

    @property
    def is_sandbox(self) -> bool:
        """Tell whether the pay page is the local sandbox (no real money)."""
        return is_loopback_url(self.pay_page)

    def request_params(self, order: PaymentOrder) -> dict[str, str]:
        """Return the unsigned parameters of a pay request."""
        if order.amount_vnd <= 0:
            raise ValueError("an amount must be a positive number of đồng")
        return {
            "vnp_Version": VERSION,
            "vnp_Command": "pay",
            "vnp_TmnCode": self.tmn_code,
            "vnp_Amount": str(order.amount_vnd * 100),
            "vnp_CurrCode": "VND",
            "vnp_TxnRef": order.txn_ref,
            "vnp_OrderInfo": plain_order_info(order.order_info),
            "vnp_OrderType": self.order_type,
            "vnp_Locale": order.locale if order.locale in LOCALES else "vn",
            "vnp_ReturnUrl": order.return_url,
            "vnp_IpAddr": order.ip_address,
            "vnp_CreateDate": vnpay_time(order.created_at),
            "vnp_ExpireDate": vnpay_time(order.expires_at),
        }

    def pay_url(self, order: PaymentOrder) -> str:
        """Return the signed address of VNPay's pay page for an order."""
        params = self.request_params(order)
        query = signed_data(params)
        return f"{self.pay_page}?{query}&vnp_SecureHash={signature(params, self.hash_secret)}"

    def sign(self, params: Mapping[str, str]) -> dict[str, str]:
        """Return the parameters with their vnp_SecureHash (what VNPay sends back)."""
        return {**params, "vnp_SecureHash": signature(params, self.hash_secret)}

    def read_callback(self, params: Mapping[str, str]) -> GatewayResult:
        """Return what a return-URL or IPN callback says; raise BadSignature or
        MalformedCallback."""
        if not signature_is_valid(params, self.hash_secret):
            raise BadSignature("vnp_SecureHash does not match")
        try:
            hundredths = params["vnp_Amount"]
            if not hundredths.isascii() or not hundredths.isdigit() or int(hundredths) % 100:
                raise MalformedCallback(f"vnp_Amount {hundredths!r} is not a whole amount")
            return GatewayResult(
                txn_ref=params["vnp_TxnRef"],
                amount_vnd=int(hundredths) // 100,
                response_code=params["vnp_ResponseCode"],
                transaction_status=params.get("vnp_TransactionStatus", ""),
                transaction_no=params.get("vnp_TransactionNo", ""),
                bank_code=params.get("vnp_BankCode", ""),
                pay_date=params.get("vnp_PayDate", ""),
            )
        except KeyError as missing:
            raise MalformedCallback(f"{missing.args[0]} is missing") from None

    async def query(self, order: PaymentOrder, now: datetime) -> GatewayResult | None:
        """Ask VNPay (querydr) what became of an order; None while it has no final answer.
        Raises BadSignature for an unsigned answer, httpx errors when VNPay cannot be reached."""
        request = {
            "vnp_RequestId": secrets.token_hex(16), "vnp_Version": VERSION,
            "vnp_Command": "querydr", "vnp_TmnCode": self.tmn_code, "vnp_TxnRef": order.txn_ref,
            "vnp_OrderInfo": plain_order_info(order.order_info) or order.txn_ref,
            "vnp_TransactionDate": vnpay_time(order.created_at), "vnp_CreateDate": vnpay_time(now),
            "vnp_IpAddr": order.ip_address,
        }  # fmt: skip
        body = signed(request, REQUEST_FIELDS, self.hash_secret)
        async with httpx.AsyncClient(timeout=QUERY_TIMEOUT_SECONDS) as client:
            answer = (await client.post(self.query_url, json=body)).raise_for_status().json()
        if not isinstance(answer, dict) or not signature_matches(
            answer, ANSWER_FIELDS, self.hash_secret
        ):
            raise BadSignature("the querydr answer is not signed by VNPay")
        status = str(answer.get("vnp_TransactionStatus", ""))
        if answer.get("vnp_ResponseCode") != "00" or status == "01":
            return None  # no such transaction yet (91), or not finished
        return self.read_answer(answer, status)

    def read_answer(self, answer: Mapping[str, Any], status: str) -> GatewayResult:
        """Return what a signed querydr answer says of a finished transaction."""
        hundredths = str(answer.get("vnp_Amount", ""))
        if not hundredths.isascii() or not hundredths.isdigit() or int(hundredths) % 100:
            raise MalformedCallback(f"vnp_Amount {hundredths!r} is not a whole amount")
        return GatewayResult(
            txn_ref=str(answer.get("vnp_TxnRef", "")), amount_vnd=int(hundredths) // 100,
            response_code="00" if status == "00" else status, transaction_status=status,
            transaction_no=str(answer.get("vnp_TransactionNo") or ""),
            bank_code=str(answer.get("vnp_BankCode") or ""),
            pay_date=str(answer.get("vnp_PayDate") or ""),
        )  # fmt: skip

    def refund_request(self, refund: RefundOrder, now: datetime) -> dict[str, str]:
        """Return the signed body of a refund request."""
        order = refund.order
        if not 0 < refund.amount_vnd <= order.amount_vnd:
            raise ValueError("a refund is a positive amount, at most what was paid")
        request = {
            "vnp_RequestId": refund.request_id, "vnp_Version": VERSION, "vnp_Command": "refund",
            "vnp_TmnCode": self.tmn_code,
            "vnp_TransactionType": FULL_REFUND if refund.full else PARTIAL_REFUND,
            "vnp_TxnRef": order.txn_ref, "vnp_Amount": str(refund.amount_vnd * 100),
            "vnp_TransactionNo": refund.transaction_no or "0",
            "vnp_TransactionDate": vnpay_time(order.created_at),
            "vnp_CreateBy": refund.created_by, "vnp_CreateDate": vnpay_time(now),
            "vnp_IpAddr": order.ip_address,
            "vnp_OrderInfo": plain_order_info(f"Hoan tien {order.order_info}") or order.txn_ref,
        }  # fmt: skip
        return signed(request, REFUND_FIELDS, self.hash_secret)

    async def refund(self, refund: RefundOrder, now: datetime) -> RefundResult:
        """Ask VNPay to give back all or part of a payment. Raises BadSignature for an
        unsigned answer, httpx errors when VNPay cannot be reached."""
        body = self.refund_request(refund, now)
        async with httpx.AsyncClient(timeout=QUERY_TIMEOUT_SECONDS) as client:
            answer = (await client.post(self.query_url, json=body)).raise_for_status().json()
        if not isinstance(answer, dict) or not signature_matches(
            answer, REFUND_ANSWER_FIELDS, self.hash_secret
        ):
            raise BadSignature("the refund answer is not signed by VNPay")
        if answer.get("vnp_TxnRef") != refund.order.txn_ref:
            raise MalformedCallback("the refund answer is about another order")
        hundredths = str(answer.get("vnp_Amount") or "0")
        amount = int(hundredths) // 100 if hundredths.isascii() and hundredths.isdigit() else 0
        return RefundResult(
            response_code=str(answer.get("vnp_ResponseCode", "")),
            amount_vnd=amount,
            transaction_no=str(answer.get("vnp_TransactionNo") or ""),
        )
