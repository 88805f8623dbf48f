"""VNPay's querydr: ask what became of a payment whose IPN never came (merchant_webapi).

Request (JSON POST): vnp_RequestId, vnp_Version, vnp_Command=querydr, vnp_TmnCode,
vnp_TxnRef, vnp_OrderInfo, vnp_TransactionDate (the order's vnp_CreateDate), vnp_CreateDate,
vnp_IpAddr, and vnp_SecureHash: HMAC-SHA512 of those values joined by '|' in that order (order
info last). The answer is signed the same way over vnp_ResponseId, vnp_Command,
vnp_ResponseCode, vnp_Message, vnp_TmnCode, vnp_TxnRef, vnp_Amount, vnp_BankCode,
vnp_PayDate, vnp_TransactionNo, vnp_TransactionType, vnp_TransactionStatus, vnp_OrderInfo,
vnp_PromotionCode, vnp_PromotionAmount. Its vnp_TransactionStatus: 00 paid, 01 not finished,
others failed; vnp_ResponseCode 91: no such transaction.

refund (same address): vnp_RequestId, vnp_Version, vnp_Command=refund, vnp_TmnCode,
vnp_TransactionType (02 full, 03 partial), vnp_TxnRef, vnp_Amount (VND x 100),
vnp_TransactionNo, vnp_TransactionDate (the order's vnp_CreateDate), vnp_CreateBy,
vnp_CreateDate, vnp_IpAddr, vnp_OrderInfo, signed over those values joined by '|' in that
order. Its answer is signed over vnp_ResponseId, vnp_Command, vnp_ResponseCode, vnp_Message,
vnp_TmnCode, vnp_TxnRef, vnp_Amount, vnp_BankCode, vnp_PayDate, vnp_TransactionNo,
vnp_TransactionType, vnp_TransactionStatus, vnp_OrderInfo; vnp_ResponseCode 00: accepted,
91 no such transaction, 94 refunded already, 95 not a successful payment, 97 bad checksum.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from typing import Any

REQUEST_FIELDS = (
    "vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_TxnRef",
    "vnp_TransactionDate", "vnp_CreateDate", "vnp_IpAddr", "vnp_OrderInfo",
)  # fmt: skip
ANSWER_FIELDS = (
    "vnp_ResponseId", "vnp_Command", "vnp_ResponseCode", "vnp_Message", "vnp_TmnCode",
    "vnp_TxnRef", "vnp_Amount", "vnp_BankCode", "vnp_PayDate", "vnp_TransactionNo",
    "vnp_TransactionType", "vnp_TransactionStatus", "vnp_OrderInfo", "vnp_PromotionCode",
    "vnp_PromotionAmount",
)  # fmt: skip
REFUND_FIELDS = (
    "vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_TransactionType",
    "vnp_TxnRef", "vnp_Amount", "vnp_TransactionNo", "vnp_TransactionDate", "vnp_CreateBy",
    "vnp_CreateDate", "vnp_IpAddr", "vnp_OrderInfo",
)  # fmt: skip
REFUND_ANSWER_FIELDS = (
    "vnp_ResponseId", "vnp_Command", "vnp_ResponseCode", "vnp_Message", "vnp_TmnCode",
    "vnp_TxnRef", "vnp_Amount", "vnp_BankCode", "vnp_PayDate", "vnp_TransactionNo",
    "vnp_TransactionType", "vnp_TransactionStatus", "vnp_OrderInfo",
)  # fmt: skip
FULL_REFUND, PARTIAL_REFUND = "02", "03"
API_PATH = "/merchant_webapi/api/transaction"


def piped_signature(values: Mapping[str, Any], fields: Sequence[str], secret: str) -> str:
    """Return the HMAC-SHA512 (hex) of the fields' values joined by '|' (absent: empty)."""
    data = "|".join("" if values.get(name) is None else str(values[name]) for name in fields)
    return hmac.new(secret.encode("utf-8"), data.encode("utf-8"), hashlib.sha512).hexdigest()


def signed(values: dict[str, Any], fields: Sequence[str], secret: str) -> dict[str, Any]:
    """Return the values with their vnp_SecureHash over `fields`."""
    return {**values, "vnp_SecureHash": piped_signature(values, fields, secret)}


def signature_matches(values: Mapping[str, Any], fields: Sequence[str], secret: str) -> bool:
    """Tell whether vnp_SecureHash signs `fields` (constant-time)."""
    given = str(values.get("vnp_SecureHash", "")).lower().encode("ascii", "replace")
    return hmac.compare_digest(given, piped_signature(values, fields, secret).encode("ascii"))
