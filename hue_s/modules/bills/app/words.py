"""The bills module's words: kinds, and refusals by error code."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.i18n import N_
from hue_s.kit.screens import refusal_text

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

KIND_NAMES = {"electricity": N_("Electricity"), "water": N_("Water")}
KIND_ICONS = {"electricity": ft.Icons.BOLT, "water": ft.Icons.WATER_DROP}
EXAMPLES = {"electricity": "PC07AA0123456", "water": "HU01012345"}
BAD_CODE = N_(
    "This is not a customer code of the utility. Electricity codes have 13 characters and "
    "start with PC, PQ or PP (e.g. PC07AA0123456); water codes are 2 letters and 8 digits "
    "(e.g. HU01012345)."
)
REFUSALS = {
    "bad_customer_code": BAD_CODE,
    "customer_not_found": N_(
        "The utility has no customer with this code. Check the code printed on your bill."
    ),
    "bill_already_paid": N_("This bill has been paid already."),
    "provider_unavailable": N_("The utility's service is not answering. Please try again later."),
    "customer_exists": N_("You follow this customer code already."),
    "too_many_customers": N_("You can follow at most 20 customer codes."),
}
"""What the server's refusals mean, by error code."""


def problem_text(ctx: AppContext, error: HueAPIError) -> str:
    """Return what went wrong in words: a refusal of the bills routes, else the usual message."""
    return refusal_text(ctx, error, REFUSALS)
