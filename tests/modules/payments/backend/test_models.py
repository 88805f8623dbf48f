"""Money is whole đồng: no payments column is a float or a decimal."""

from __future__ import annotations

from sqlalchemy import BigInteger, Float, Numeric

from hue_s.modules.payments.backend.models import Payment, PaymentRefund
from hue_s.modules.payments.wire import PaymentView, RefundRequest


def test_no_amount_is_a_float() -> None:
    for table in (Payment.__table__, PaymentRefund.__table__):
        columns = table.columns
        assert not [c.name for c in columns if isinstance(c.type, Float | Numeric)], table
        assert isinstance(columns["amount_vnd"].type, BigInteger)
    assert PaymentView.model_fields["amount_vnd"].annotation is int
    assert PaymentView.model_fields["refunded_vnd"].annotation == int | None
    assert RefundRequest.model_fields["amount_vnd"].annotation == int | None
