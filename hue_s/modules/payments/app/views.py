"""My payments, one payment's receipt, and the screen where a person pays a thing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING
from urllib.parse import unquote

import flet as ft

from hue_s.app.api.errors import APIStatusError, HueAPIError
from hue_s.app.views.errors import describe_error
from hue_s.modules.payments.app.resource import PaymentsResource
from hue_s.modules.payments.app.words import (
    GATEWAY_REASONS,
    NOT_PAID,
    REFUSALS,
    gateway_time,
    status_chip,
)
from hue_s.modules.payments.wire import PaymentView

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


def screen(ctx: AppContext, key: str, title: str, controls: list[ft.Control]) -> ft.Control:
    """Return a screen: its title, then its parts, scrolling."""
    heading = ft.Text(title, theme_style=ft.TextThemeStyle.HEADLINE_SMALL, key=f"{key}-title")
    return ft.Column(key=key, spacing=12, scroll=ft.ScrollMode.AUTO, controls=[heading, *controls])


def fact(label: str, value: str, key: str) -> ft.Control:
    """Return one labelled value of a receipt."""
    return ft.Column(
        spacing=0,
        controls=[
            ft.Text(label, theme_style=ft.TextThemeStyle.LABEL_MEDIUM),
            ft.Text(value, theme_style=ft.TextThemeStyle.BODY_LARGE, key=key),
        ],
    )


def receipt_parts(ctx: AppContext, payment: PaymentView) -> list[ft.Control]:
    """Return a payment's status, facts and, while pending, how to pay it."""
    _ = ctx._
    parts: list[ft.Control] = [status_chip(_, payment.status)]
    reason = GATEWAY_REASONS.get(payment.gateway_code or "")
    if payment.status == "failed" and reason:
        parts.append(ft.Text(_(reason), key="payment-reason"))
    paid_at = gateway_time(payment.pay_date)
    facts = [
        (_("For"), payment.description, "payment-description"),
        (_("Amount"), ctx.i18n.vnd(payment.amount_vnd), "payment-amount"),
        (_("Transaction reference"), payment.txn_ref, "payment-txn-ref"),
        (_("Started"), ctx.i18n.datetime(payment.created_at, "short"), "payment-created"),
    ]
    if payment.status in ("paid", "refunded"):
        facts += [
            (_("Gateway transaction"), payment.transaction_no or "", "payment-transaction-no"),
            (_("Bank"), payment.bank_code or "", "payment-bank"),
            (
                _("Paid at"),
                ctx.i18n.datetime(paid_at, "short") if paid_at else "",
                "payment-paid-at",
            ),
        ]
    if payment.status == "refunded" and payment.refunded_vnd:
        refunded_at = ctx.i18n.datetime(payment.refunded_at, "short") if payment.refunded_at else ""
        facts += [
            (_("Refunded"), ctx.i18n.vnd(payment.refunded_vnd), "payment-refunded"),
            (_("Refunded at"), refunded_at, "payment-refunded-at"),
            (_("Reason for the refund"), payment.refund_reason or "", "payment-refund-reason"),
        ]
    parts += [fact(label, value, key) for label, value, key in facts if value]
    if payment.status in ("paid", "refunded"):
        parts.append(receipt_download(ctx, payment))
    if payment.status == "pending" and payment.pay_url:
        parts += pending_actions(ctx, payment.id, payment.pay_url)
    return parts


Save = Callable[[str, bytes], Awaitable[None]]


async def save_file(name: str, data: bytes) -> None:
    """Hand a file to the person (a download in a browser, a save dialog on a desktop)."""
    await ft.FilePicker().save_file(file_name=name, src_bytes=data)


async def download_receipt(ctx: AppContext, payment: PaymentView, save: Save) -> str | None:
    """Fetch a paid payment's receipt PDF and hand it over; return what went wrong, if any."""
    try:
        data = await ctx.api.resource(PaymentsResource).receipt_pdf(
            payment_id=payment.id, language=ctx.i18n.language
        )
    except APIStatusError as error:
        return ctx._(NOT_PAID) if error.code == "not_paid" else describe_error(ctx, error)
    except HueAPIError as error:
        return describe_error(ctx, error)
    await save(f"bien-lai-{payment.txn_ref}.pdf", data)
    return None


def receipt_download(ctx: AppContext, payment: PaymentView, save: Save = save_file) -> ft.Control:
    """Return the button that downloads a paid payment's receipt (biên lai) as a PDF."""
    problem = ft.Text(key="payment-receipt-pdf-error", visible=False)

    async def download(_event: ft.Event[ft.Button]) -> None:
        said = await download_receipt(ctx, payment, save)
        problem.value, problem.visible = said or "", said is not None
        problem.update()

    button = ft.FilledButton(
        ctx._("Download the receipt (PDF)"), icon=ft.Icons.PICTURE_AS_PDF,
        key="payment-receipt-pdf", on_click=download,
    )  # fmt: skip
    return ft.Column([button, problem], spacing=4)


def pending_actions(ctx: AppContext, payment_id: int, pay_url: str) -> list[ft.Control]:
    """Return the buttons of a pending payment: pay on the gateway's page, check again (on
    the payment's own screen: the pay screen would open the payment anew)."""
    _ = ctx._

    async def open_pay_page(_event: ft.Event[ft.Button]) -> None:
        await ft.UrlLauncher().launch_url(pay_url)

    async def check_again(_event: ft.Event[ft.OutlinedButton]) -> None:
        own_route = f"/payments/{payment_id}"
        if ctx.page.route != own_route:
            await ctx.page.push_route(own_route)
        elif ctx.refresh is not None:
            await ctx.refresh()

    hint = _("Pay on VNPay's page, then come back here and check again.")
    return [
        ft.Text(hint, key="payment-hint"),
        ft.Row(
            wrap=True,
            controls=[
                ft.FilledButton(
                    _("Pay with VNPay"), icon=ft.Icons.PAYMENT, key="payment-pay",
                    on_click=open_pay_page, tooltip=_("Open VNPay's pay page"),
                ),
                ft.OutlinedButton(
                    _("Check again"), icon=ft.Icons.REFRESH, key="payment-check",
                    on_click=check_again, tooltip=_("Check whether the payment was received"),
                ),
            ],
        ),
    ]  # fmt: skip


def title_of(ctx: AppContext, payment: PaymentView) -> str:
    """Return a receipt's title: a receipt once paid, a payment before."""
    return ctx._("Receipt") if payment.status in ("paid", "refunded") else ctx._("Payment")


async def build_receipt(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Show one of the person's payments: their receipt once paid (a pending one is checked
    with the gateway first: its IPN may never have come)."""
    payments = ctx.api.resource(PaymentsResource)
    try:
        payment = await payments.check(payment_id=int(params["id"]))
    except HueAPIError as error:
        return screen(ctx, "payment", ctx._("Payment"), [ft.Text(describe_error(ctx, error))])
    return screen(ctx, "payment", title_of(ctx, payment), receipt_parts(ctx, payment))


def history_tile(ctx: AppContext, payment: PaymentView) -> ft.Control:
    """Return one payment of the history; a tap opens its receipt."""

    async def open_receipt(_event: ft.Event[ft.ListTile]) -> None:
        await ctx.page.push_route(f"/payments/{payment.id}")

    when = ctx.i18n.datetime(payment.created_at, "short")
    return ft.Card(
        key=f"payment-{payment.id}",
        content=ft.ListTile(
            title=ft.Text(payment.description),
            subtitle=ft.Text(f"{ctx.i18n.vnd(payment.amount_vnd)} · {when}"),
            trailing=status_chip(ctx._, payment.status),
            on_click=open_receipt,
            tooltip=ctx._("Open the receipt"),
        ),
    )


def history_button(ctx: AppContext) -> ft.Control:
    """Return a button that opens My payments."""

    async def open_history(_event: ft.Event[ft.OutlinedButton]) -> None:
        await ctx.page.push_route("/payments")

    return ft.OutlinedButton(
        ctx._("My payments"), icon=ft.Icons.RECEIPT_LONG, key="payment-history",
        on_click=open_history,
    )  # fmt: skip


async def build_history(ctx: AppContext, _params: dict[str, str]) -> ft.Control:
    """Show the person's payments, latest first."""
    _ = ctx._
    try:
        payments = await ctx.api.resource(PaymentsResource).mine()
    except HueAPIError as error:
        return screen(ctx, "payments", _("My payments"), [ft.Text(describe_error(ctx, error))])
    if not payments:
        empty = ft.Text(_("You have not paid anything through Hue-S yet."), key="payments-empty")
        return screen(ctx, "payments", _("My payments"), [empty])
    tiles = [history_tile(ctx, payment) for payment in payments]
    return screen(ctx, "payments", _("My payments"), tiles)


async def build_pay(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Open a payment of the thing the route names and show how to pay it."""
    _ = ctx._
    payments = ctx.api.resource(PaymentsResource)
    locale = "en" if ctx.i18n.language == "en" else "vn"
    try:
        started = await payments.pay(
            purpose=unquote(params["purpose"]), reference=unquote(params["reference"]),
            locale=locale,
        )  # fmt: skip
    except APIStatusError as error:
        known = REFUSALS.get(error.code or "")
        problem = _(known) if known else describe_error(ctx, error)
        parts: list[ft.Control] = [ft.Text(problem, key="payment-refused")]
        if error.code == "already_paid":
            parts.append(history_button(ctx))
        return screen(ctx, "payment", _("Payment"), parts)
    except HueAPIError as error:
        return screen(ctx, "payment", _("Payment"), [ft.Text(describe_error(ctx, error))])
    payment = started.payment.model_copy(update={"pay_url": started.pay_url})
    return screen(ctx, "payment", title_of(ctx, payment), receipt_parts(ctx, payment))
