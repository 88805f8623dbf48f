"""VietQR payloads: the CRC's check value and a payload published by subiz/vietqr."""

from __future__ import annotations

import pytest

from hue_s.modules.payments.vietqr import crc16_ccitt_false, vietqr_payload


def test_crc_has_the_check_value_of_ccitt_false() -> None:
    assert crc16_ccitt_false(b"123456789") == 0x29B1


def test_payload_matches_a_published_one() -> None:
    # subiz/vietqr's README: 120,000 đồng to VietinBank (970415) 0011001932418, "ủng hộ lũ lụt".
    assert vietqr_payload("970415", "0011001932418", 120_000, "ủng hộ lũ lụt") == (
        "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA53037045406"
        "1200005802VN62170813ung ho lu lut6304C15C"
    )


def test_without_an_amount_the_code_is_static() -> None:
    assert vietqr_payload("970415", "0011001932418", None, "").startswith("000201010211")


@pytest.mark.parametrize(("bank", "amount"), [("97041", 1000), ("970415", 0)])
def test_bad_bank_or_amount_is_refused(bank: str, amount: int) -> None:
    with pytest.raises(ValueError):
        vietqr_payload(bank, "0011001932418", amount, "x")
