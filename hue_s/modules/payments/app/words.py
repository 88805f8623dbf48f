"""The payments module's words and small pieces shared by its screens."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import flet as ft

from hue_s.app.i18n import N_
from hue_s.hue_time import HUE_TIME

STATUS_NAMES = {
    "pending": N_("Waiting for payment"),
    "paid": N_("Paid"),
    "failed": N_("Not paid"),
    "expired": N_("Expired"),
    "refunded": N_("Refunded"),
}
STATUS_COLOURS = {
    "pending": ft.Colors.AMBER_800,
    "paid": ft.Colors.GREEN_800,
    "failed": ft.Colors.RED_800,
    "expired": ft.Colors.BLUE_GREY_700,
    "refunded": ft.Colors.INDIGO_700,
}
GATEWAY_REASONS = {
    "24": N_("You cancelled the payment."),
    "11": N_("The time to pay ran out."),
}
REFUSALS = {
    "already_paid": N_("This has been paid already. Its receipt is in My payments."),
    "payment_pending": N_(
        "Someone started paying this and has not finished. Try again in 20 minutes."
    ),
    "nothing_to_pay": N_("There is nothing of yours to pay here."),
    "purpose_not_found": N_("This cannot be paid in the app."),
}
"""What the server's refusals to open a payment mean, by error code."""
NOT_PAID = N_("This payment is not paid yet, so it has no receipt.")
"""The server's 409 not_paid when a receipt is asked of an unpaid payment."""


def status_chip(translate: Callable[[str], str], status: str) -> ft.Control:
    """Return a small coloured label of a payment's status."""
    return ft.Container(
        key="payment-status",
        content=ft.Text(
            translate(STATUS_NAMES.get(status, status)),
            color=ft.Colors.WHITE,
            theme_style=ft.TextThemeStyle.BODY_SMALL,
        ),
        bgcolor=STATUS_COLOURS.get(status, ft.Colors.BLUE_GREY_700),
        border_radius=12,
        padding=ft.Padding.symmetric(horizontal=10, vertical=3),
    )


def gateway_time(text: str | None) -> datetime | None:
    """Read a time the gateway wrote (yyyyMMddHHmmss, GMT+7); None if absent or unreadable."""
    try:
        return datetime.strptime(text or "", "%Y%m%d%H%M%S").replace(tzinfo=HUE_TIME)
    except ValueError:
        return None
