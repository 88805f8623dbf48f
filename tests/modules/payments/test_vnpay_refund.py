"""VNPay's refund command: the request the gateway signs, checked against a signature computed
here by hand in VNPay's documented order, and the sandbox's answers to right and wrong ones."""

from __future__ import annotations

import hashlib
import hmac
import itertools
from datetime import UTC, datetime, timedelta

import pytest

from hue_s.modules.payments.gateway import PaymentOrder, RefundOrder
from hue_s.modules.payments.sandbox import Sandbox, Transaction
from hue_s.modules.payments.sandbox_refund import refund_answer
from hue_s.modules.payments.vnpay import VNPayGateway
from hue_s.modules.payments.vnpay_query import REFUND_ANSWER_FIELDS, signature_matches

SECRET = "REFUNDTESTSECRET0123456789ABCDEF"
GATEWAY = VNPayGateway(tmn_code="TESTCODE", hash_secret=SECRET)
NOON = datetime(2026, 12, 4, 5, 0, tzinfo=UTC)  # 12:00 in Huế
ORDER = PaymentOrder(
    txn_ref="HS7", amount_vnd=120_000, order_info="Lệ phí chứng thực", return_url="",
    ip_address="127.0.0.1", created_at=NOON, expires_at=NOON + timedelta(minutes=15),
)  # fmt: skip


def refund_of(amount: int, request_id: str = "r1") -> RefundOrder:
    """Return a refund of ORDER (paid as VNPay transaction 14000001) by staff member 7."""
    return RefundOrder(ORDER, amount, "14000001", request_id, "hue-s-user-7")


def test_refund_signature_joins_the_documented_fields_with_pipes() -> None:
    body = GATEWAY.refund_request(refund_of(120_000), NOON + timedelta(days=1))
    data = (
        "r1|2.1.0|refund|TESTCODE|02|HS7|12000000|14000001|20261204120000|hue-s-user-7|"
        "20261205120000|127.0.0.1|Hoan tien Le phi chung thuc"
    )
    expected = hmac.new(SECRET.encode(), data.encode(), hashlib.sha512).hexdigest()
    assert body["vnp_SecureHash"] == expected
    assert (body["vnp_Command"], body["vnp_TransactionType"], body["vnp_Amount"]) == (
        "refund",
        "02",
        "12000000",
    )


def test_a_part_is_type_03_and_more_than_was_paid_is_refused() -> None:
    assert GATEWAY.refund_request(refund_of(20_000), NOON)["vnp_TransactionType"] == "03"
    for wrong in (0, 120_001):
        with pytest.raises(ValueError):
            GATEWAY.refund_request(refund_of(wrong), NOON)


def paid_sandbox() -> Sandbox:
    """Return a sandbox that has seen ORDER paid."""
    sandbox = Sandbox(gateway=GATEWAY, ipn_url=None, clock=lambda: NOON)
    sandbox.numbers = itertools.count(15_000_001)
    request = GATEWAY.request_params(ORDER)
    sandbox.transactions["HS7"] = Transaction(request=request, number="14000001", outcome="00")
    return sandbox


def test_the_sandbox_refunds_once_and_never_more_than_was_paid() -> None:
    sandbox = paid_sandbox()
    ids = (f"r{n}" for n in itertools.count())

    def code(amount: int, **changes: str) -> str:
        body = GATEWAY.refund_request(refund_of(amount, next(ids)), NOON) | changes
        answer = refund_answer(sandbox, body)
        assert signature_matches(answer, REFUND_ANSWER_FIELDS, SECRET), answer
        return str(answer["vnp_ResponseCode"])

    forged = GATEWAY.refund_request(refund_of(120_000), NOON) | {"vnp_Amount": "100"}
    assert refund_answer(sandbox, forged)["vnp_ResponseCode"] == "97"
    assert code(120_000, vnp_TxnRef="HSNONE") == "97", "a changed field breaks the signature"
    assert code(50_000, vnp_TransactionType="02") == "97"
    assert code(20_000) == "00"
    assert code(120_000) == "03", "a full refund after a part: only the rest, as a part"
    assert code(100_001) == "03", "more than is left"
    assert code(100_000) == "00"
    assert code(1_000) == "94", "nothing is left"
    assert sandbox.transactions["HS7"].refunded == 120_000 * 100


def test_the_sandbox_refuses_an_unknown_or_unpaid_order() -> None:
    sandbox = paid_sandbox()
    unknown = RefundOrder(
        PaymentOrder("HS8", 1_000, "x", "", "127.0.0.1", NOON, NOON), 1_000, "0", "r9", "u"
    )
    assert refund_answer(sandbox, GATEWAY.refund_request(unknown, NOON))["vnp_ResponseCode"] == (
        "91"
    )
    sandbox.transactions["HS7"].outcome = "24"  # cancelled: no money was taken
    body = GATEWAY.refund_request(refund_of(120_000), NOON)
    assert refund_answer(sandbox, body)["vnp_ResponseCode"] == "95"
    other = VNPayGateway(tmn_code="OTHER", hash_secret=SECRET)
    assert refund_answer(sandbox, other.refund_request(refund_of(1), NOON))["vnp_ResponseCode"] == (
        "02"
    )
