"""Tests of hue_s/backend/accounts/phones.py: Vietnamese mobile numbers to E.164."""

from __future__ import annotations

import pytest

from hue_s.backend.accounts.phones import InvalidPhone, normalise_phone


@pytest.mark.parametrize(
    ("text", "e164"),
    [
        ("0905123456", "+84905123456"),
        ("+84905123456", "+84905123456"),
        ("090 512 3456", "+84905123456"),
        ("+84 90-512-3456", "+84905123456"),
        ("0912.345.678", "+84912345678"),
        ("0356789012", "+84356789012"),
        ("0871234567", "+84871234567"),
    ],
)
def test_accepted_forms_become_e164(text: str, e164: str) -> None:
    assert normalise_phone(text) == e164


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "905123456",  # no leading 0
        "84905123456",  # country code without +
        "0084905123456",
        "09051234567",  # 11 digits
        "090512345",  # 9 digits
        "+849051234567",
        "02343812345",  # a Huế landline: no SMS
        "0234381234",
        "0123456789",  # retired 01x prefix
        "+14155550100",
        "+84 905 123 45a",
        "0905123456x",
        "+84+905123456",
    ],
)
def test_other_texts_are_refused(text: str) -> None:
    with pytest.raises(InvalidPhone):
        normalise_phone(text)
