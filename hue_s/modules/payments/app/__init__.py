"""Payments in the app: my payments, a receipt, and `pay()` for other modules' screens."""

import flet as ft

from hue_s.app.i18n import N_
from hue_s.app.modules import Manifest, ModuleRoute
from hue_s.app.views.coming_soon import placeholder

manifest = Manifest(
    id="payments",
    title=N_("My payments"),
    description=N_("Fees and bills you paid, with their receipts."),
    icon=ft.Icons.RECEIPT_LONG,
    group="services",
    order=35,
    routes=(ModuleRoute("/payments", placeholder("payments")),),
)
