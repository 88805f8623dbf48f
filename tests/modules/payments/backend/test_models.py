"""Money is whole đồng: no payments column is a float or a decimal."""

from __future__ import annotations

from sqlalchemy import BigInteger, Float, Numeric

from hue_s.modules.payments.backend.models import Payment
from hue_s.modules.payments.wire import PaymentView


def test_no_amount_is_a_float() -> None:
    columns = Payment.__table__.columns
    assert not [column.name for column in columns if isinstance(column.type, Float | Numeric)]
    assert isinstance(columns["amount_vnd"].type, BigInteger)
    assert PaymentView.model_fields["amount_vnd"].annotation is int
