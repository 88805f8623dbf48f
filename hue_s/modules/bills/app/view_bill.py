"""One customer's screen: the current bill (and paying it), 12 months, coming outages."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.i18n import N_
from hue_s.hue_time import HUE_TIME
from hue_s.kit.screens import screen
from hue_s.modules.bills.app.chart import history_chart
from hue_s.modules.bills.app.resource import BillsResource
from hue_s.modules.bills.app.view_list import ROUTE, guest_screen
from hue_s.modules.bills.app.words import KIND_NAMES, problem_text
from hue_s.modules.bills.wire import HISTORY_MONTHS, OUTAGE_DAYS, Outage, Statement
from hue_s.modules.payments.wire import pay_route

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

OUTAGE_HEADINGS = {
    "electricity": N_("Planned power cuts in the next {days} days"),
    "water": N_("Planned water cuts in the next {days} days"),
}
OUTAGE_ICONS = {"electricity": ft.Icons.POWER_OFF, "water": ft.Icons.FORMAT_COLOR_RESET}
TITLE = ft.TextThemeStyle.TITLE_MEDIUM


def bill_card(ctx: AppContext, shown: Statement, api: BillsResource) -> ft.Control:
    """Return the current bill: period, consumption, amount, due date, paid or the pay button."""
    _ = ctx._
    bill = shown.current
    if bill is None:
        return ft.Text(_("No bill yet."), key="bills-no-bill")
    problem = ft.Text(key="bills-pay-error", color=ft.Colors.ERROR, visible=False)
    lines: list[ft.Control] = [
        ft.Text(_("Bill of {month}/{year}").format(month=f"{bill.month:02d}", year=bill.year),
                theme_style=TITLE),
        ft.Text(ctx.i18n.vnd(bill.amount_vnd), theme_style=ft.TextThemeStyle.HEADLINE_MEDIUM,
                key="bills-amount"),
        ft.Text(_("Used: {consumption} {unit}").format(consumption=bill.consumption,
                                                       unit=shown.unit)),
        ft.Text(_("Due by {date}").format(date=ctx.i18n.date(bill.due_on)), key="bills-due"),
    ]  # fmt: skip
    if bill.paid:
        lines.append(ft.Text(_("Paid"), key="bills-paid", color=ft.Colors.GREEN_800))
    elif shown.payment == "pending":
        lines.append(ft.Text(_("A payment is waiting to be finished."), key="bills-pending"))
    else:
        lines.append(ft.Text(_("Not paid yet"), key="bills-unpaid", color=ft.Colors.ERROR))
    if shown.payable:

        async def pay(event: ft.Event[ft.Button]) -> None:
            try:
                ticket = await api.pay(customer_id=shown.customer.id)
            except HueAPIError as error:
                problem.value, problem.visible = problem_text(ctx, error), True
                problem.update()
                return
            await ctx.page.push_route(pay_route(ticket.purpose, ticket.reference))

        lines += [
            ft.FilledButton(_("Pay this bill"), icon=ft.Icons.PAYMENTS, on_click=pay,
                            key="bills-pay"),
            problem,
        ]  # fmt: skip
    return ft.Container(
        ft.Column(lines, spacing=6),
        key="bills-current",
        bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
        border_radius=12,
        padding=16,
    )


def outage_row(ctx: AppContext, outage: Outage, kind: str) -> ft.Control:
    """Return one planned outage: its day, then its hours in Huế, why and where."""
    start, end = outage.starts_at.astimezone(HUE_TIME), outage.ends_at.astimezone(HUE_TIME)
    return ft.ListTile(
        leading=ft.Icon(OUTAGE_ICONS[kind], color=ft.Colors.ERROR),
        title=ft.Text(ctx.i18n.date(start.date(), "full")),
        subtitle=ft.Text(f"{start:%H:%M}–{end:%H:%M} · {outage.reason} · {outage.area_name}"),
        key=f"bills-outage-{start:%Y%m%d%H%M}",
    )


def outages_part(ctx: AppContext, shown: Statement) -> list[ft.Control]:
    """Return the heading and the outages of the next days (or that there are none)."""
    _ = ctx._
    kind = shown.customer.kind
    heading = _(OUTAGE_HEADINGS[kind]).format(days=OUTAGE_DAYS)
    rows = [outage_row(ctx, outage, kind) for outage in shown.outages] or [
        ft.Text(_("No planned cut in your area."), key="bills-no-outage")
    ]
    return [ft.Text(heading, theme_style=TITLE), ft.Column(rows, spacing=0, key="bills-outages")]


async def build_bill(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Build one customer's screen."""
    _ = ctx._
    if ctx.session.is_guest:
        return guest_screen(ctx)
    api = ctx.api.resource(BillsResource)
    customer_id = int(params["id"])
    try:
        shown = await api.statement(customer_id=customer_id)
    except HueAPIError as error:
        text = ft.Text(problem_text(ctx, error), key="bills-statement-error")
        return screen(_("Electricity and water bills"), [text], "bills-bill")

    async def remove(event: ft.Event[ft.TextButton]) -> None:
        try:
            await api.remove(customer_id=customer_id)
        except HueAPIError:
            return
        await ctx.page.push_route(ROUTE)

    customer = shown.customer
    about = f"{_(KIND_NAMES[customer.kind])} · {customer.code} · {customer.name}"
    parts: list[ft.Control] = [
        ft.Text(about, key="bills-about"),
        ft.Text(customer.address, theme_style=ft.TextThemeStyle.BODY_SMALL),
        bill_card(ctx, shown, api),
        ft.Text(_("The last {count} months ({unit})").format(count=HISTORY_MONTHS,
                                                             unit=shown.unit), theme_style=TITLE),
        history_chart(ctx, shown.history, shown.unit),
        *outages_part(ctx, shown),
        ft.TextButton(_("Stop following this code"), icon=ft.Icons.DELETE_OUTLINE,
                      on_click=remove, key="bills-remove"),
    ]  # fmt: skip
    return screen(customer.nickname, parts, "bills-bill")
