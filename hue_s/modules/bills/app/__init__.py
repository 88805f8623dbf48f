"""The bills module's app part: its tile, the customers screen and a customer's bill."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.i18n import N_
from hue_s.app.modules import Manifest, ModuleRoute, SearchEntry
from hue_s.modules.bills.app.view_bill import build_bill
from hue_s.modules.bills.app.view_list import ROUTE, build_bills

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


async def search(ctx: AppContext) -> list[SearchEntry]:
    """Let home's search find the bills by the words people use for them."""
    return [
        SearchEntry(
            ctx._("Electricity and water bills"),
            ROUTE,
            ctx._("Your bills, their last 12 months and planned outages."),
            "điện nước hóa đơn tiền điện tiền nước cắt điện mất nước evn "
            "electricity water bill outage",
        )
    ]


manifest = Manifest(
    id="bills",
    title=N_("Electricity and water bills"),
    description=N_("Your bills, their last 12 months and planned outages."),
    icon=ft.Icons.ELECTRICAL_SERVICES,
    group="utilities",
    order=39,
    routes=(ModuleRoute(ROUTE, build_bills), ModuleRoute(f"{ROUTE}/:id(\\d+)", build_bill)),
    search=search,
)
