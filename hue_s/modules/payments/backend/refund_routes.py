"""`POST /api/v1/payments/{payment_id}/refund`: staff give back a paid payment's money.

Officers, operators and admins whom the payment's purpose lets see it (a dossier fee: the
dossier's ward's officers and city-wide staff); the payer alone may not. 404 to anyone else,
before any work. Idempotent: asking again once done answers the refund, nothing is sent twice.
"""

from __future__ import annotations

import logging
from typing import Annotated

import httpx
from fastapi import APIRouter, Depends, Request

from hue_s.backend.accounts.deps import SessionDependency, require_roles
from hue_s.backend.accounts.models import User
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.clock import now_of
from hue_s.backend.kernel.db import run_write
from hue_s.backend.schemas.errors import ERROR_RESPONSES
from hue_s.backend.schemas.ids import RowId
from hue_s.modules.payments.backend import refunds, service
from hue_s.modules.payments.backend.models import Payment
from hue_s.modules.payments.backend.reconcile import gateway_of_app
from hue_s.modules.payments.gateway import CallbackRefused, RefundOrder, RefundResult
from hue_s.modules.payments.wire import PaymentView, RefundRequest

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/api/v1/payments", tags=["payments"], responses=ERROR_RESPONSES)
Refunder = Annotated[User, Depends(require_roles(*service.REFUNDERS))]


@router.post("/{payment_id}/refund", response_model=PaymentView)
async def refund(
    request: Request,
    session: SessionDependency,
    staff: Refunder,
    payment_id: RowId,
    body: RefundRequest,
) -> PaymentView:
    """Refund a paid payment (all of it unless `amount_vnd` says less), with a reason.

    409 not_paid, already_refunded (another amount), refund_in_progress, refund_refused (the
    gateway said no; its code in the message), refund_unsupported; 422 refund_too_large; 502
    refund_unconfirmed when the gateway's answer did not come (the refund stays requested).
    """
    gateway, now = gateway_of_app(request.app), now_of(request)

    def claim() -> tuple[refunds.Claim, RefundOrder]:
        payment = session.get(Payment, payment_id)
        if payment is None or not service.may_refund(session, staff, payment):
            raise APIError(404, "payment_not_found", f"No payment {payment_id} you handle.")
        if not callable(getattr(gateway, "refund", None)):
            raise APIError(409, "refund_unsupported", "This payment provider cannot refund.")
        amount = body.amount_vnd or payment.amount_vnd
        try:
            claimed = refunds.claim_refund(session, payment, staff, amount, body.reason, now)
        except refunds.RefundRefused as refused:
            session.rollback()
            raise APIError(refused.status, refused.code, refused.message) from None
        session.commit()
        return claimed, refunds.refund_order(session, payment, claimed.refund_id)

    claimed, order = await run_write(request, claim)
    result: RefundResult | None = None
    if claimed.send:
        try:
            result = await gateway.refund(order, now)  # type: ignore[attr-defined]
        except (CallbackRefused, httpx.HTTPError, ValueError) as error:
            logger.warning("payment %s: the refund was not confirmed: %r", payment_id, error)

    def finish() -> PaymentView:
        refunds.finish_refund(session, claimed.refund_id, result, now)
        session.commit()
        session.expire_all()
        return service.payment_view(session.get_one(Payment, payment_id))

    view = await run_write(request, finish)
    if claimed.send and result is None:
        raise APIError(502, "refund_unconfirmed", "The gateway did not confirm the refund.")
    if result is not None and not result.succeeded:
        code = result.response_code
        raise APIError(409, "refund_refused", f"The gateway refused the refund ({code}).")
    return view
