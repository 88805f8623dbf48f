"""The page the person's browser lands on back from the pay page: what is stored, in words.

It reads the signed return parameters only to find the payment; what it says comes from the
database, which only the IPN changes: a success the IPN has not confirmed yet shows as
"being confirmed", never as paid.
"""

from __future__ import annotations

import html

from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.modules.payments.backend.models import Payment
from hue_s.modules.payments.backend.service import shown_status
from hue_s.modules.payments.gateway import CallbackRefused, PaymentGateway
from hue_s.modules.payments.pages import N_, facts, page, translator, vnd

HEADLINES = {
    "paid": N_("Payment received"),
    "pending": N_("Your payment is being confirmed"),
    "failed": N_("The payment did not go through"),
    "expired": N_("The payment expired"),
    "refunded": N_("The payment was refunded"),
}
GATEWAY_REASONS = {
    "24": N_("You cancelled the payment."),
    "11": N_("The time to pay ran out."),
}
BACK = N_("Go back to the Hue-S app to see your receipt. You can close this page.")


def return_page(
    session: Session, gateway: PaymentGateway, params: dict[str, str], language: str
) -> tuple[str, int]:
    """Return the HTML and status of the return page for these parameters: in the language
    the payment was made in, else `language` (the browser's)."""
    try:
        result = gateway.read_callback(params)
    except CallbackRefused:
        translate = translator(language)
        body = html.escape(translate(N_("This payment answer is not valid. Nothing was changed.")))
        return page(translate(N_("Invalid payment answer")), f"<p>{body}</p>", language), 400
    payment = session.scalars(select(Payment).where(Payment.txn_ref == result.txn_ref)).first()
    if payment is not None:
        language = "en" if payment.locale == "en" else "vi"
    translate = translator(language)

    def _(message: str) -> str:
        return html.escape(translate(message))

    if payment is None:
        body = "<p>" + _("We could not find this payment.") + "</p>"
        return page(translate(N_("Payment not found")), body, language), 404
    rows = [
        (translate(N_("For")), payment.description),
        (translate(N_("Amount")), vnd(payment.amount_vnd, language)),
        (translate(N_("Transaction reference")), payment.txn_ref),
    ]
    reason = GATEWAY_REASONS.get(payment.gateway_code or result.response_code)
    note = f"<p>{_(reason)}</p>" if payment.status != "paid" and reason else ""
    body = f"{note}{facts(rows)}<p>{_(BACK)}</p>"
    return page(translate(HEADLINES[shown_status(payment)]), body, language), 200
