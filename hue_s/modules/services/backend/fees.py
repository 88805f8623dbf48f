"""Dossier fees paid online through the payments module, when it is installed: the purpose
`services_fee` prices a dossier (by its code) for its owner from the procedure's online channel."""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, inspect, select
from sqlalchemy.orm import Session

from hue_s.modules.services.backend.models import DossierRow, ProcedureRow

PURPOSE = "services_fee"
HAS_PAYMENTS: WeakKeyDictionary[Engine, bool] = WeakKeyDictionary()
"""Per database: whether the payments module's table is there (its module is on)."""


def online_fee(document: dict[str, Any]) -> int:
    """Return the known online fee of a procedure in đồng (0: free or set locally)."""
    channels = [channel for channel in document["channels"] if channel["kind"] == "online"]
    return sum(fee["amount"] or 0 for channel in channels[:1] for fee in channel["fees"])


def register() -> None:
    """Let people pay their dossiers' fees, if the payments module is installed."""
    try:
        from hue_s.modules.payments.backend.service import Quote, register_purpose
    except ImportError:
        return
    from hue_s.modules.services.backend.dossiers import may_handle  # dossiers imports this file

    def quote(session: Session, user: Any, reference: str) -> Quote | None:
        """Price one's own dossier that is not refused (None otherwise)."""
        row = session.scalars(select(DossierRow).where(DossierRow.code == reference)).first()
        if row is None or row.user_id != user.id or row.status == "rejected":
            return None
        document = session.get_one(ProcedureRow, row.procedure_code).document
        amount = online_fee(document)
        if not amount:
            return None
        return Quote(amount, f"Lệ phí {document['name']['vi']} - hồ sơ {row.code}")

    def staff_may_see(session: Session, user: Any, reference: str) -> bool:
        """The staff who handle the dossier see its fee's payment and receipt."""
        row = session.scalars(select(DossierRow).where(DossierRow.code == reference)).first()
        return row is not None and may_handle(user, row)

    register_purpose(PURPOSE, quote, staff_may_see)


def fee_status(session: Session, code: str) -> str | None:
    """Return the status of a dossier's fee payment (pending, paid, refunded); None when
    there is none or the payments module is off."""
    try:
        from hue_s.modules.payments.backend.service import payment_status
    except ImportError:
        return None
    engine = session.get_bind().engine  # the engine, also for a session on a connection
    if engine not in HAS_PAYMENTS:
        HAS_PAYMENTS[engine] = inspect(session.connection()).has_table("payments")
    return payment_status(session, PURPOSE, code) if HAS_PAYMENTS[engine] else None
