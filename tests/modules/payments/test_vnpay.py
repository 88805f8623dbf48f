"""VNPay 2.1.0 signatures: a published vector, one computed here independently, the pay URL."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest

from hue_s.modules.payments.gateway import BadSignature, MalformedCallback, PaymentOrder
from hue_s.modules.payments.vnpay import (
    SANDBOX_PAY_URL,
    VNPayGateway,
    php_urlencode,
    plain_order_info,
    signature,
    signature_is_valid,
)

# The return-URL vector of lehuygiang28/vnpay (test/verify-return-url.test.ts), secret
# "test_secret": its order info has ':' that PHP's urlencode writes %3A (unencoded, it fails).
PUBLISHED = {
    "vnp_Amount": "1000000",
    "vnp_BankCode": "NCB",
    "vnp_BankTranNo": "VNP14422574",
    "vnp_CardType": "ATM",
    "vnp_OrderInfo": "Thanh toan don hang 2024-05-21T02:17:31.249Z",
    "vnp_PayDate": "20240521091806",
    "vnp_ResponseCode": "00",
    "vnp_TmnCode": "TEST_TMN_CODE",
    "vnp_TransactionNo": "14422574",
    "vnp_TransactionStatus": "00",
    "vnp_TxnRef": "1716257871703",
}
PUBLISHED_HASH = (
    "649982421beb422556a1374713c74e58e716ecbd05007c0c0e1f7effdfaf361d"
    "bf146889ca446139afe11b9954c4d5c486e99e3b86fcfab6957f29eb0be72895"
)
PUBLISHED_FAILED_HASH = (  # the same with vnp_ResponseCode 99
    "503194f6d93b57b357b2d1d09742565e67e86d771352c5dca4fc8d39df3d392c"
    "6b3809add9405f97cfb9631f445e36c80656cfbf47eac67d97fa165865c13e1b"
)
SECRET = "SECRETFORTESTS0123456789ABCDEFGH"
GATEWAY = VNPayGateway(tmn_code="TESTCODE", hash_secret=SECRET, pay_page=SANDBOX_PAY_URL)
NOON_IN_HUE = datetime(2026, 12, 4, 5, 0, 0, tzinfo=UTC)  # 12:00 GMT+7


def test_published_vector_matches() -> None:
    assert signature(PUBLISHED, "test_secret") == PUBLISHED_HASH
    assert signature(PUBLISHED | {"vnp_ResponseCode": "99"}, "test_secret") == (
        PUBLISHED_FAILED_HASH
    )


def test_vector_computed_independently() -> None:
    """PHP's urlencode written out by hand: letters, digits, -_. kept, ' ' as +, rest %XX."""
    params = {
        "vnp_TxnRef": "HS42",
        "vnp_OrderInfo": "Le phi ho so 7 & thue~*",
        "vnp_Amount": "5000000",
        "vnp_ReturnUrl": "http://127.0.0.1:8000/api/v1/payments/vnpay/return",
        "vnp_SecureHashType": "HmacSHA512",
    }
    data = (
        "vnp_Amount=5000000"
        "&vnp_OrderInfo=Le+phi+ho+so+7+%26+thue%7E%2A"
        "&vnp_ReturnUrl=http%3A%2F%2F127.0.0.1%3A8000%2Fapi%2Fv1%2Fpayments%2Fvnpay%2Freturn"
        "&vnp_TxnRef=HS42"
    )
    expected = hmac.new(SECRET.encode(), data.encode(), hashlib.sha512).hexdigest()
    assert signature(params, SECRET) == expected


def test_php_urlencode_differs_from_quote_plus_on_tilde() -> None:
    assert php_urlencode("a b~c*é") == "a+b%7Ec%2A%C3%A9"


def order(**changes: object) -> PaymentOrder:
    """Return a 50,000 đồng order made at noon in Huế, expiring 15 minutes later."""
    values: dict[str, object] = {
        "txn_ref": "HS7",
        "amount_vnd": 50_000,
        "order_info": "Lệ phí hồ sơ số 7: Đăng ký hộ kinh doanh",
        "return_url": "http://127.0.0.1:8000/api/v1/payments/vnpay/return",
        "ip_address": "127.0.0.1",
        "created_at": NOON_IN_HUE,
        "expires_at": NOON_IN_HUE + timedelta(minutes=15),
    }
    return PaymentOrder(**(values | changes))  # type: ignore[arg-type]


def test_pay_url_speaks_the_protocol() -> None:
    url = GATEWAY.pay_url(order())
    assert url.startswith(SANDBOX_PAY_URL + "?")
    params = dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))
    assert params["vnp_Amount"] == "5000000"
    assert params["vnp_CreateDate"] == "20261204120000"
    assert params["vnp_ExpireDate"] == "20261204121500"
    assert params["vnp_Version"] == "2.1.0" and params["vnp_Command"] == "pay"
    assert params["vnp_CurrCode"] == "VND" and params["vnp_Locale"] == "vn"
    assert params["vnp_OrderInfo"] == "Le phi ho so so 7: Dang ky ho kinh doanh"
    assert params["vnp_TmnCode"] == "TESTCODE" and params["vnp_TxnRef"] == "HS7"
    assert signature_is_valid(params, SECRET)
    assert list(params)[:-1] == sorted(list(params)[:-1])


def test_amount_must_be_positive_whole_dong() -> None:
    with pytest.raises(ValueError):
        GATEWAY.pay_url(order(amount_vnd=0))


def callback(**changes: str) -> dict[str, str]:
    """Return a signed successful IPN for HS7 (50,000 đồng), with changes made before signing."""
    params = {
        "vnp_Amount": "5000000", "vnp_BankCode": "NCB", "vnp_OrderInfo": "Le phi",
        "vnp_PayDate": "20261204120500", "vnp_ResponseCode": "00", "vnp_TmnCode": "TESTCODE",
        "vnp_TransactionNo": "1400001", "vnp_TransactionStatus": "00", "vnp_TxnRef": "HS7",
    }  # fmt: skip
    return GATEWAY.sign(params | changes) | {"vnp_SecureHashType": "HmacSHA512"}


def test_callback_is_read() -> None:
    result = GATEWAY.read_callback(callback())
    assert (result.txn_ref, result.amount_vnd, result.succeeded) == ("HS7", 50_000, True)
    assert not GATEWAY.read_callback(callback(vnp_TransactionStatus="02")).succeeded
    assert not GATEWAY.read_callback(callback(vnp_ResponseCode="24")).succeeded


def test_tampered_callback_is_refused() -> None:
    tampered = callback() | {"vnp_Amount": "100"}
    with pytest.raises(BadSignature):
        GATEWAY.read_callback(tampered)
    with pytest.raises(BadSignature):
        GATEWAY.read_callback({k: v for k, v in callback().items() if k != "vnp_SecureHash"})


def test_uppercase_hash_is_accepted() -> None:
    params = callback()
    params["vnp_SecureHash"] = params["vnp_SecureHash"].upper()
    assert GATEWAY.read_callback(params).succeeded


def test_signed_but_unreadable_amount_is_malformed() -> None:
    with pytest.raises(MalformedCallback):
        GATEWAY.read_callback(callback(vnp_Amount="5000050"))
    with pytest.raises(MalformedCallback):
        GATEWAY.read_callback(callback(vnp_Amount="5e6"))


def test_unicode_order_info_is_plain() -> None:
    assert plain_order_info("Tiền điện tháng 11  Huế") == "Tien dien thang 11 Hue"


def test_real_pay_page_needs_real_credentials() -> None:
    real = {"HUE_S_VNPAY_PAY_URL": "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"}
    with pytest.raises(ValueError):
        VNPayGateway.from_environment(real)
    configured = VNPayGateway.from_environment(
        real | {"HUE_S_VNPAY_TMN_CODE": "ABC", "HUE_S_VNPAY_HASH_SECRET": "s3cret"}
    )
    assert "s3cret" not in repr(configured)
    assert VNPayGateway.from_environment({}).pay_page == SANDBOX_PAY_URL


def test_querydr_signature_joins_values_with_pipes() -> None:
    from hue_s.modules.payments.vnpay_query import REQUEST_FIELDS, piped_signature

    request = {
        "vnp_RequestId": "r1", "vnp_Version": "2.1.0", "vnp_Command": "querydr",
        "vnp_TmnCode": "TESTCODE", "vnp_TxnRef": "HS7", "vnp_TransactionDate": "20261204120000",
        "vnp_CreateDate": "20261204123000", "vnp_IpAddr": "127.0.0.1", "vnp_OrderInfo": "Le phi",
    }  # fmt: skip
    data = "r1|2.1.0|querydr|TESTCODE|HS7|20261204120000|20261204123000|127.0.0.1|Le phi"
    expected = hmac.new(SECRET.encode(), data.encode(), hashlib.sha512).hexdigest()
    assert piped_signature(request, REQUEST_FIELDS, SECRET) == expected


def test_query_url_defaults_to_the_pay_page_origin() -> None:
    assert GATEWAY.query_url == "http://127.0.0.1:8790/merchant_webapi/api/transaction"
    real = VNPayGateway.from_environment(
        {"HUE_S_VNPAY_PAY_URL": "https://pay.vnpay.vn/vpcpay.html", "HUE_S_VNPAY_TMN_CODE": "A"}
        | {"HUE_S_VNPAY_HASH_SECRET": "s", "HUE_S_VNPAY_API_URL": "https://merchant.vnpay.vn/x"}
    )
    assert real.query_url == "https://merchant.vnpay.vn/x"
