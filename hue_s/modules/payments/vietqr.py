"""VietQR (NAPAS 247) bank-transfer QR payloads: EMVCo ID-length-value fields, CRC-16.

For fees a ward collects by transfer: the person's banking app reads the bank (its NAPAS BIN),
the account, the amount in đồng and the message to put on the transfer.
"""

from __future__ import annotations

from hue_s.modules.payments.vnpay import plain_order_info

NAPAS_GUID = "A000000727"
TO_ACCOUNT = "QRIBFTTA"
"""NAPAS's service code of a transfer to a bank account."""


def field(tag: str, value: str) -> str:
    """Return one EMVCo field: its two-digit tag, two-digit length, then its value."""
    if len(value) > 99:
        raise ValueError(f"field {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def crc16_ccitt_false(data: bytes) -> int:
    """Return the CRC-16/CCITT-FALSE of data (polynomial 0x1021, initial 0xFFFF)."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def vietqr_payload(bank_bin: str, account: str, amount_vnd: int | None, message: str) -> str:
    """Return the VietQR text of a transfer to an account (with an amount: a dynamic code)."""
    if not (bank_bin.isdigit() and len(bank_bin) == 6) or not account.isalnum():
        raise ValueError("a bank's 6-digit NAPAS BIN and an account number are needed")
    if amount_vnd is not None and (isinstance(amount_vnd, bool) or amount_vnd <= 0):
        raise ValueError("an amount is a positive whole number of đồng")
    beneficiary = field("00", bank_bin) + field("01", account)
    merchant = field("00", NAPAS_GUID) + field("01", beneficiary) + field("02", TO_ACCOUNT)
    text = field("00", "01") + field("01", "11" if amount_vnd is None else "12")
    text += field("38", merchant) + field("53", "704")
    if amount_vnd is not None:
        text += field("54", str(amount_vnd))
    text += field("58", "VN")
    note = plain_order_info(message).lower()[:25]
    if note:
        text += field("62", field("08", note))
    text += "6304"
    return text + f"{crc16_ccitt_false(text.encode('ascii')):04X}"
