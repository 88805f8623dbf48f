"""The payments API: open a payment, my payments, a receipt, and VNPay's two callbacks.

- `POST /api/v1/payments` (signed in): pay a thing a module registered, priced by it; the
  person must be the one it belongs to (404 otherwise).
- `GET /api/v1/payments/mine`, `GET /api/v1/payments/{payment_id}` (the owner only);
  `POST /api/v1/payments/{payment_id}/check` asks the gateway about a pending one first.
- `GET /api/v1/payments/vnpay/return`: the person's browser back from the pay page; checks the
  signature and shows the payment as stored; it never changes anything.
- `GET /api/v1/payments/vnpay/ipn`: VNPay's server; its signature is the caller's proof.
- `GET /api/v1/payments/{payment_id}/receipt.pdf` (the payer, or staff the purpose allows):
  the receipt of a paid payment; `GET /api/v1/payments/verify/{txn_ref}?amount=` (anyone):
  whether a receipt is real, without who paid.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from hue_s.backend.accounts.deps import SessionDependency, current_user
from hue_s.backend.accounts.models import User
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.clock import now_of
from hue_s.backend.kernel.db import run_write
from hue_s.backend.kernel.locale import language_of
from hue_s.backend.schemas.errors import ERROR_RESPONSES
from hue_s.backend.schemas.ids import RowId
from hue_s.hue_time import HUE_TIME
from hue_s.modules.payments.backend import service
from hue_s.modules.payments.backend.models import Payment
from hue_s.modules.payments.backend.receipt_pdf import ReceiptFacts, receipt_pdf
from hue_s.modules.payments.backend.reconcile import (
    ask_gateway,
    gateway_of_app,
    payments_lifespan,
)
from hue_s.modules.payments.backend.return_page import return_page
from hue_s.modules.payments.gateway import PaymentGateway
from hue_s.modules.payments.wire import (
    PaymentRequest,
    PaymentStarted,
    PaymentView,
    ReceiptCheck,
    verify_path,
)

router = APIRouter(
    prefix="/api/v1/payments", tags=["payments"], responses=ERROR_RESPONSES,
    lifespan=payments_lifespan,
)  # fmt: skip
CurrentUser = Annotated[User, Depends(current_user)]


def gateway_of(request: Request) -> PaymentGateway:
    """Return the app's payment gateway, configured from the environment the first time."""
    return gateway_of_app(request.app)


@router.post("", response_model=PaymentStarted, status_code=201)
async def pay(
    request: Request, session: SessionDependency, user: CurrentUser, body: PaymentRequest
) -> PaymentStarted:
    """Open a payment of a thing (or give back the person's pending one) and its pay URL.

    409 already_paid when it is paid; 409 payment_pending while someone else's waits; 404
    purpose_not_found / nothing_to_pay when no module prices it for this person.
    """
    gateway, now = gateway_of(request), now_of(request)
    return_url = str(request.url_for("vnpay_return"))
    address = request.client.host if request.client else "127.0.0.1"

    def work() -> PaymentStarted:
        quoter = service.quoter_for(body.purpose, gateway)
        if quoter is None:
            raise APIError(404, "purpose_not_found", f"Nothing is paid for {body.purpose!r}.")
        quote = quoter(session, user, body.reference)
        if quote is None:
            raise APIError(404, "nothing_to_pay", "There is nothing of yours to pay here.")
        try:
            payment = service.create_payment(
                session, user, body.purpose, body.reference, quote.amount_vnd,
                description=quote.description, gateway=gateway, return_url=return_url,
                ip_address=address, now=now, locale=body.locale,
            )  # fmt: skip
        except service.PaymentRefused as refused:
            session.rollback()
            raise APIError(409, refused.code, refused.message) from None
        session.commit()
        return PaymentStarted(payment=service.payment_view(payment), pay_url=payment.pay_url)

    return await run_write(request, work)


@router.get("/mine", response_model=list[PaymentView])
def my_payments(session: SessionDependency, user: CurrentUser) -> list[PaymentView]:
    """List the person's payments, latest first."""
    return [service.payment_view(payment) for payment in service.payments_of(session, user)]


@router.get("/vnpay/return", response_class=HTMLResponse, name="vnpay_return")
def vnpay_return(request: Request, session: SessionDependency) -> HTMLResponse:
    """Show the person what became of their payment (as stored; the IPN settles it)."""
    params = dict(request.query_params)
    language = language_of(None, request.headers.get("accept-language"))
    html, status = return_page(session, gateway_of(request), params, language)
    return HTMLResponse(html, status_code=status)


@router.get("/vnpay/ipn")
async def vnpay_ipn(request: Request, session: SessionDependency) -> JSONResponse:
    """Settle a payment from VNPay's signed IPN; answer its RspCode (00, 01, 02, 04, 97, 99)."""
    params = dict(request.query_params)
    gateway, now = gateway_of(request), now_of(request)

    def work() -> service.IpnAnswer:
        answer = service.settle_from_ipn(session, params, gateway, now)
        session.commit()
        return answer

    answer = await run_write(request, work)
    return JSONResponse(answer.body())


def owned_payment(session: Session, payment_id: int, user: User) -> Payment:
    """Return a payment of the person's; 404 when missing or someone else's."""
    payment = session.scalars(select(Payment).where(Payment.id == payment_id)).first()
    if payment is None or payment.owner_id != user.id:
        raise APIError(404, "payment_not_found", f"No payment {payment_id} of yours.")
    return payment


@router.post("/{payment_id}/check", response_model=PaymentView)
async def check(
    request: Request,
    session: SessionDependency,
    user: CurrentUser,
    payment_id: RowId,
) -> PaymentView:
    """Return one of the person's payments, first asking the gateway about it if it is still
    pending (its IPN may never come); what the gateway answers is applied as an IPN is."""
    payment = await run_in_threadpool(owned_payment, session, payment_id, user)
    if payment.status != "pending":
        return service.payment_view(payment)
    gateway, now = gateway_of(request), now_of(request)
    result = await ask_gateway(gateway, service.order_of(payment), now)
    if result is None:
        return service.payment_view(payment)

    def work() -> PaymentView:
        service.settle(session, result, gateway.name, now)
        session.commit()
        session.refresh(payment)  # the settling UPDATE went around the loaded object
        return service.payment_view(payment)

    return await run_write(request, work)


@router.get("/{payment_id}", response_model=PaymentView)
def receipt(
    session: SessionDependency,
    user: CurrentUser,
    payment_id: RowId,
) -> PaymentView:
    """Return one of the person's payments: their receipt once paid."""
    return service.payment_view(owned_payment(session, payment_id, user))


def paid_time(payment: Payment) -> datetime:
    """Return when the gateway took the money (its pay date, GMT+7), else when we settled."""
    try:
        return datetime.strptime(payment.pay_date or "", "%Y%m%d%H%M%S").replace(tzinfo=HUE_TIME)
    except ValueError:
        return payment.settled_at or payment.created_at


@router.get("/verify/{txn_ref}", response_model=ReceiptCheck, name="payment_verify")
def verify(
    session: SessionDependency,
    txn_ref: Annotated[str, Path(max_length=40)],
    amount: Annotated[int, Query(ge=0, le=10**15)],
) -> ReceiptCheck:
    """Tell anyone whether a receipt is real: a paid payment with this reference and amount
    (a refunded one is not valid: its status says refunded, and how much went back)."""
    payment = session.scalars(select(Payment).where(Payment.txn_ref == txn_ref)).first()
    if payment is None or payment.status != "paid" or payment.amount_vnd != amount:
        return ReceiptCheck(valid=False, reference=txn_ref)
    refund = service.refund_done(payment)
    return ReceiptCheck(
        valid=refund is None, reference=txn_ref, amount_vnd=payment.amount_vnd,
        paid_at=paid_time(payment), transaction_no=payment.transaction_no,
        status="paid" if refund is None else "refunded",
        refunded_vnd=refund.amount_vnd if refund is not None else None,
    )  # fmt: skip


def receipt_facts(request: Request, session: Session, payment: Payment, lang: str) -> ReceiptFacts:
    """Gather what a paid payment's receipt shows; its QR code opens this backend's check."""
    owner = session.get(User, payment.owner_id) if payment.owner_id is not None else None
    payer = (owner.display_name or owner.phone) if owner is not None else "—"
    base = str(request.base_url).rstrip("/")
    settings = request.app.state.settings
    return ReceiptFacts(
        payer=payer, description=payment.description, amount_vnd=payment.amount_vnd,
        txn_ref=payment.txn_ref, transaction_no=payment.transaction_no or "",
        paid_at=paid_time(payment), language=lang,
        city=settings.city_name_en if lang == "en" else settings.city_name,
        verify_url=base + verify_path(payment.txn_ref, payment.amount_vnd),
        refunded_vnd=refund.amount_vnd if (refund := service.refund_done(payment)) else None,
    )  # fmt: skip


PDF_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {}}, "description": "The receipt (biên lai), A5."}
}


@router.get("/{payment_id}/receipt.pdf", response_class=Response, responses=PDF_RESPONSE)
def receipt_file(
    request: Request,
    session: SessionDependency,
    user: CurrentUser,
    payment_id: RowId,
    lang: Annotated[str | None, Query(pattern="^(vi|en)$")] = None,
) -> Response:
    """Return a paid payment's receipt as a PDF to its payer or staff allowed to see it (404
    for anyone else; 409 not_paid while it is not paid)."""
    payment = session.scalars(select(Payment).where(Payment.id == payment_id)).first()
    if payment is None or not service.may_see(session, user, payment):
        raise APIError(404, "payment_not_found", f"No payment {payment_id} of yours.")
    if payment.status != "paid":
        raise APIError(409, "not_paid", "This payment is not paid, so it has no receipt.")
    language = lang or ("en" if payment.locale == "en" else "vi")
    pdf = receipt_pdf(receipt_facts(request, session, payment, language))
    name = f"bien-lai-{payment.txn_ref}.pdf"
    headers = {"Content-Disposition": f'inline; filename="{name}"'}
    return Response(pdf, media_type="application/pdf", headers=headers)
