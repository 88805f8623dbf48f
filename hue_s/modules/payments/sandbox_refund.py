"""The sandbox's answer to VNPay's refund command (POST /merchant_webapi/api/transaction).

It checks what VNPay checks: the request's signature (97), the merchant (02), the order (91),
that it was paid (95), the type and amount (03: 02 gives back what is left, 03 a part of it,
never more), a refund after everything went back (94); then it keeps what was refunded and
answers 00 with a new transaction number. Every answer is signed.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from hue_s.modules.payments.vnpay import vnpay_time
from hue_s.modules.payments.vnpay_query import (
    FULL_REFUND,
    PARTIAL_REFUND,
    REFUND_ANSWER_FIELDS,
    REFUND_FIELDS,
    signature_matches,
    signed,
)

if TYPE_CHECKING:
    from hue_s.modules.payments.sandbox import Sandbox, Transaction

MESSAGES = {
    "00": "Refund success", "02": "Invalid TmnCode", "03": "Invalid data format",
    "91": "Transaction not found", "94": "Refund already requested",
    "95": "Transaction not successful", "97": "Invalid Checksum",
}  # fmt: skip


def refund_code(sandbox: Sandbox, txn: Transaction | None, body: dict[str, Any]) -> str:
    """Return VNPay's response code for a refund request."""
    if not signature_matches(body, REFUND_FIELDS, sandbox.gateway.hash_secret):
        return "97"
    if body.get("vnp_TmnCode") != sandbox.gateway.tmn_code:
        return "02"
    if txn is None:
        return "91"
    if txn.outcome != "00":
        return "95"
    paid = int(txn.request["vnp_Amount"])
    left = paid - txn.refunded
    if left <= 0:
        return "94"
    hundredths = str(body.get("vnp_Amount", ""))
    kind = body.get("vnp_TransactionType")
    if not hundredths.isascii() or not hundredths.isdigit() or int(hundredths) % 100:
        return "03"
    amount = int(hundredths)
    if kind == FULL_REFUND and amount == left and not txn.refunded:
        return "00"
    if kind == PARTIAL_REFUND and 0 < amount < paid and amount <= left:
        return "00"
    return "03"


def refund_answer(sandbox: Sandbox, body: dict[str, Any]) -> dict[str, Any]:
    """Refund a paid transaction if the request is right; return the signed answer."""
    ref = str(body.get("vnp_TxnRef", ""))
    txn = sandbox.transactions.get(ref)
    code = refund_code(sandbox, txn, body)
    answer: dict[str, Any] = {
        "vnp_ResponseId": secrets.token_hex(16), "vnp_Command": "refund",
        "vnp_ResponseCode": code, "vnp_Message": MESSAGES[code],
        "vnp_TmnCode": sandbox.gateway.tmn_code, "vnp_TxnRef": ref,
        "vnp_Amount": str(body.get("vnp_Amount", "")), "vnp_BankCode": "",
        "vnp_PayDate": "", "vnp_TransactionNo": "",
        "vnp_TransactionType": str(body.get("vnp_TransactionType", "")),
        "vnp_TransactionStatus": "", "vnp_OrderInfo": str(body.get("vnp_OrderInfo", "")),
    }  # fmt: skip
    if code == "00" and txn is not None:
        txn.refunded += int(body["vnp_Amount"])
        answer |= {
            "vnp_BankCode": txn.answer.get("vnp_BankCode", ""),
            "vnp_PayDate": vnpay_time(sandbox.clock()),
            "vnp_TransactionNo": str(next(sandbox.numbers)),
            "vnp_TransactionStatus": "05",  # VNPay is processing the refund
        }
    return signed(answer, REFUND_ANSWER_FIELDS, sandbox.gateway.hash_secret)
