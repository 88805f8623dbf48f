"""Payments in the app: "My payments", receipts, and the pay screen other modules open
(`hue_s.modules.payments.wire.pay_route(purpose, reference)`)."""

import flet as ft

from hue_s.app.i18n import N_
from hue_s.app.modules import Manifest, ModuleRoute
from hue_s.modules.payments.app.views import build_history, build_pay, build_receipt

SIGNED_IN = frozenset({"citizen", "business", "officer", "operator", "leader", "admin"})

manifest = Manifest(
    id="payments",
    title=N_("My payments"),
    description=N_("Fees and bills you paid, with their receipts."),
    icon=ft.Icons.RECEIPT_LONG,
    group="services",
    order=35,
    roles=SIGNED_IN,
    routes=(
        ModuleRoute("/payments", build_history),
        ModuleRoute("/payments/:id(\\d+)", build_receipt),
        ModuleRoute("/payments/pay/:purpose/:reference", build_pay),
    ),
)
