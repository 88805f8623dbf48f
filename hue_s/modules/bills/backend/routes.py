"""The bills API, for the signed-in person and their own customers only (others' are 404).

- `GET/POST /api/v1/bills/customers`: the customers followed; follow one by code (its shape
  checked, then the utility asked: 422 bad_customer_code, 404 customer_not_found, 503
  provider_unavailable, 409 customer_exists).
- `DELETE /api/v1/bills/customers/{customer_id}`: stop following.
- `GET /api/v1/bills/customers/{customer_id}`: the current bill, 12 months, coming outages.
- `POST /api/v1/bills/customers/{customer_id}/pay`: what to hand the payments module (409
  bill_already_paid when the utility or the app's payment says it is paid).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Annotated, TypeVar

import anyio
from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hue_s.backend.accounts.deps import current_user
from hue_s.backend.accounts.models import User
from hue_s.backend.accounts.rate_limits import count_hit
from hue_s.backend.accounts.settings import RateLimit, accounts_settings
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.clock import now_of
from hue_s.backend.kernel.db import run_write
from hue_s.backend.schemas.errors import ERROR_RESPONSES
from hue_s.backend.schemas.ids import RowId
from hue_s.hue_time import HUE_TIME
from hue_s.modules.bills.backend import service
from hue_s.modules.bills.backend.models import BillRow, CustomerRow
from hue_s.modules.bills.backend.provider import BillProvider, ProviderError
from hue_s.modules.bills.backend.providers import bills_lifespan, providers_of
from hue_s.modules.bills.wire import (
    HISTORY_MONTHS,
    OUTAGE_DAYS,
    PURPOSE,
    UNITS,
    Bill,
    Customer,
    CustomerAdd,
    PayTicket,
    Statement,
    bill_reference,
    normalise_code,
)

router = APIRouter(
    prefix="/api/v1/bills", tags=["bills"], responses=ERROR_RESPONSES, lifespan=bills_lifespan
)
CurrentUser = Annotated[User, Depends(current_user)]
MAX_CUSTOMERS = 20
LOOKUPS_PER_PERSON = RateLimit(30, 3600)
"""Codes a person may have the utility look up in an hour: a lookup answers the customer's
name and address, so one account must not walk through the utility's customers."""
T = TypeVar("T")


def refused(error: ProviderError) -> APIError:
    """Return the API error of a provider's refusal (English; the app translates the code)."""
    messages = {
        "bad_customer_code": "This is not a customer code of the utility.",
        "customer_not_found": "The utility has no customer of this code.",
        "bill_already_paid": "This bill has been paid already.",
    }
    return APIError(error.status, error.code, messages.get(error.code, "The utility is down."))


async def reading(request: Request, work: Callable[[Session], T]) -> T:
    """Run blocking reads in a session, off the event loop."""

    def run() -> T:
        with request.app.state.session_factory() as session:
            return work(session)

    return await anyio.to_thread.run_sync(run)


def own(session: Session, user: User, customer_id: int) -> CustomerRow:
    """Return the person's own customer; 404 for a missing one or someone else's."""
    row = session.get(CustomerRow, customer_id)
    if row is None or row.owner_id != user.id:
        raise APIError(404, "not_found", "No such customer of yours.")
    return row


def view(row: CustomerRow) -> Customer:
    """Return a customer as its follower sees it."""
    return Customer.model_validate(row, from_attributes=True)


@router.get("/customers", response_model=list[Customer])
async def my_customers(request: Request, user: CurrentUser) -> list[Customer]:
    """List the customers the person follows, in the order added."""
    query = select(CustomerRow).where(CustomerRow.owner_id == user.id).order_by(CustomerRow.id)
    return await reading(request, lambda s: [view(row) for row in s.scalars(query)])


@router.post("/customers", response_model=Customer, status_code=201)
async def add_customer(request: Request, user: CurrentUser, body: CustomerAdd) -> Customer:
    """Follow a customer by code with a nickname, once the utility knows the code."""
    code = normalise_code(body.kind, body.code)
    if code is None:
        raise APIError(422, "bad_customer_code", "This code has not the utility's shape.")
    settings = accounts_settings(request)

    def may_look_up() -> None:
        with request.app.state.session_factory() as session:
            count = select(func.count()).where(CustomerRow.owner_id == user.id)
            if session.scalar(count) >= MAX_CUSTOMERS:
                raise APIError(409, "too_many_customers", "Follow at most 20 customers.")
            count_hit(session, settings, f"bills/lookup/{user.id}", LOOKUPS_PER_PERSON)

    await run_write(request, may_look_up)
    provider = (await providers_of(request))[body.kind]
    try:
        account = await provider.customer(code)
    except ProviderError as error:
        raise refused(error) from None
    now = now_of(request)

    def work() -> Customer:
        with request.app.state.session_factory() as session:
            count = select(func.count()).where(CustomerRow.owner_id == user.id)
            if session.scalar(count) >= MAX_CUSTOMERS:
                raise APIError(409, "too_many_customers", "Follow at most 20 customers.")
            row = CustomerRow(
                owner_id=user.id, kind=body.kind, code=code, nickname=body.nickname.strip(),
                name=account.name, address=account.address, area_code=account.area_code,
                area_name=account.area_name, created_at=now,
            )  # fmt: skip
            session.add(row)
            try:
                session.commit()
            except IntegrityError:
                raise APIError(409, "customer_exists", "You follow this code already.") from None
            return view(row)

    return await run_write(request, work)


@router.delete("/customers/{customer_id}", status_code=204)
async def remove_customer(request: Request, user: CurrentUser, customer_id: RowId) -> Response:
    """Stop following a customer."""

    def work() -> None:
        with request.app.state.session_factory() as session:
            session.delete(own(session, user, customer_id))
            session.commit()

    await run_write(request, work)
    return Response(status_code=204)


def paying(request: Request) -> bool:
    """Tell whether bills can be paid here (the payments module is on)."""
    return "payments" in request.app.state.settings.modules


async def current_of(
    request: Request, user: User, customer_id: int
) -> tuple[Customer, BillProvider, list[Bill], str | None]:
    """Return the customer, its provider, its bills (newest first) and the app's payment of
    the current one; the current bill is kept for the payments module to price."""
    customer = await reading(request, lambda s: view(own(s, user, customer_id)))
    provider = (await providers_of(request))[customer.kind]
    try:
        bills = await provider.bills(customer.code, HISTORY_MONTHS)
    except ProviderError as error:
        raise refused(error) from None
    now = now_of(request)

    def keep() -> str | None:
        with request.app.state.session_factory() as session:
            if not bills:
                return None
            bill = bills[0]
            row = BillRow(customer_id=customer.id, year=bill.year, month=bill.month,
                          amount_vnd=bill.amount_vnd, due_on=bill.due_on, paid=bill.paid,
                          read_at=now)  # fmt: skip
            for attempt in (1, 2):  # a view at the same moment may have inserted it first
                try:
                    session.merge(row)
                    session.commit()
                    break
                except IntegrityError:
                    session.rollback()
                    if attempt == 2:  # the customer was unfollowed meanwhile
                        raise APIError(404, "not_found", "No such customer of yours.") from None
            reference = bill_reference(customer.id, bill.year, bill.month)
            return service.payment_status(session, reference) if paying(request) else None

    payment = await run_write(request, keep)
    if bills and payment == "paid" and not bills[0].paid:
        try:  # the utility learns of the app's collection; it may know already
            reference = bill_reference(customer.id, bills[0].year, bills[0].month)
            await provider.pay(customer.code, bills[0], reference)
        except ProviderError:
            pass
        bills[0] = bills[0].model_copy(update={"paid": True})
    return customer, provider, bills, payment


@router.get("/customers/{customer_id}", response_model=Statement)
async def statement(request: Request, user: CurrentUser, customer_id: RowId) -> Statement:
    """The current bill, the last 12 months (oldest first) and the outages of the next days."""
    customer, provider, bills, payment = await current_of(request, user, customer_id)
    today = now_of(request).astimezone(HUE_TIME).date()
    try:
        outages = await provider.outages(
            customer.area_code, today, today + timedelta(days=OUTAGE_DAYS)
        )
    except ProviderError as error:
        raise refused(error) from None
    current = bills[0] if bills else None
    return Statement(
        customer=customer, unit=UNITS[customer.kind], current=current,
        history=list(reversed(bills)), outages=outages,
        payment=payment if payment in ("pending", "paid") else None,  # type: ignore[arg-type]
        payable=current is not None and not current.paid and paying(request),
        reference=bill_reference(customer.id, current.year, current.month) if current else None,
    )  # fmt: skip


@router.post("/customers/{customer_id}/pay", response_model=PayTicket)
async def pay(request: Request, user: CurrentUser, customer_id: RowId) -> PayTicket:
    """Check with the utility that the current bill is unpaid; say what to pay it with."""
    if not paying(request):
        raise APIError(404, "payments_off", "Bills cannot be paid in this app.")
    customer, _provider, bills, payment = await current_of(request, user, customer_id)
    if not bills:
        raise APIError(404, "no_bill", "There is no bill to pay.")
    if bills[0].paid or payment == "paid":
        raise APIError(409, "bill_already_paid", "This bill has been paid already.")
    reference = bill_reference(customer.id, bills[0].year, bills[0].month)
    return PayTicket(purpose=PURPOSE, reference=reference, amount_vnd=bills[0].amount_vnd)
