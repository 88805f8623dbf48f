"""What other modules may use of bills, and bills' use of payments: a bill is paid through the
payments module under the purpose `utility_bill`, priced from the last bill read for its
follower (never for anyone else), and never when the utility said it is paid."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from hue_s.modules.bills.backend.models import BillRow, CustomerRow
from hue_s.modules.bills.wire import PURPOSE, bill_reference

WHAT = {"electricity": "Tiền điện", "water": "Tiền nước"}


def bill_of(session: Session, user: Any, reference: str) -> tuple[CustomerRow, BillRow] | None:
    """Return the customer and unpaid current bill a reference names, if they are the user's."""
    customer_id, _, period = reference.partition("-")
    if not customer_id.isdigit() or len(customer_id) > 9:
        return None
    customer = session.get(CustomerRow, int(customer_id))
    bill = session.get(BillRow, int(customer_id))
    if customer is None or bill is None or customer.owner_id != user.id or bill.paid:
        return None
    if bill_reference(customer.id, bill.year, bill.month) != reference:
        return None
    return customer, bill


def register() -> None:
    """Let people pay their bills, if the payments module is installed."""
    try:
        from hue_s.modules.payments.backend.service import Quote, register_purpose
    except ImportError:
        return

    def quote(session: Session, user: Any, reference: str) -> Quote | None:
        """Price one's own current bill while the utility says it is unpaid."""
        found = bill_of(session, user, reference)
        if found is None:
            return None
        customer, bill = found
        text = f"{WHAT[customer.kind]} tháng {bill.month:02d}/{bill.year} - {customer.code}"
        return Quote(bill.amount_vnd, text)

    register_purpose(PURPOSE, quote)


def payment_status(session: Session, reference: str) -> str | None:
    """Return "paid" or "pending" when the app opened a payment of a bill (None otherwise)."""
    try:
        from hue_s.modules.payments.backend.service import payment_status as status_of
    except ImportError:
        return None
    return status_of(session, PURPOSE, reference)
