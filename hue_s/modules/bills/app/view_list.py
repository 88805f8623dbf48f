"""The bills screen: the customers a person follows, and the form to follow one by code."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.views.account.sign_in import sign_in_route
from hue_s.kit.screens import screen
from hue_s.modules.bills.app.resource import BillsResource
from hue_s.modules.bills.app.words import (
    BAD_CODE,
    EXAMPLES,
    KIND_ICONS,
    KIND_NAMES,
    problem_text,
)
from hue_s.modules.bills.wire import Customer, CustomerAdd, normalise_code

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

ROUTE = "/bills"


def customer_row(ctx: AppContext, customer: Customer) -> ft.Control:
    """Return one followed customer, opening its bill."""

    async def opened(event: ft.Event[ft.ListTile]) -> None:
        await ctx.page.push_route(f"{ROUTE}/{customer.id}")

    return ft.ListTile(
        key=f"bills-customer-{customer.id}",
        leading=ft.Icon(KIND_ICONS[customer.kind], color=ft.Colors.PRIMARY),
        title=ft.Text(customer.nickname),
        subtitle=ft.Text(f"{ctx._(KIND_NAMES[customer.kind])} · {customer.code}"),
        trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT),
        on_click=opened,
    )


def guest_screen(ctx: AppContext) -> ft.Control:
    """Return the screen asking a guest to sign in first."""
    _ = ctx._

    async def sign_in(event: ft.Event[ft.Button]) -> None:
        await ctx.page.push_route(sign_in_route(ROUTE))

    text = _("Sign in with your phone number to follow your electricity and water bills.")
    button = ft.FilledButton(_("Sign in"), icon=ft.Icons.LOGIN, on_click=sign_in,
                             key="bills-sign-in")  # fmt: skip
    return screen(_("Electricity and water bills"), [ft.Text(text), button], "bills-screen")


def add_form(ctx: AppContext, api: BillsResource) -> ft.Control:
    """Return the form that follows a customer by code and nickname."""
    _ = ctx._
    chosen = {"kind": "electricity"}
    code = ft.TextField(
        key="bills-code",
        label=_("Customer code"),
        hint_text=EXAMPLES["electricity"],
        capitalization=ft.TextCapitalization.CHARACTERS,
    )
    nickname = ft.TextField(
        key="bills-nickname", label=_("Name it (e.g. Grandma's house)"), max_length=60
    )
    problem = ft.Text(key="bills-error", color=ft.Colors.ERROR, visible=False)
    kinds = ft.Row(spacing=8, wrap=True, key="bills-kinds")

    def chip(kind: str) -> ft.Chip:
        async def picked(event: ft.Event[ft.Chip]) -> None:
            chosen["kind"] = kind
            for other in kinds.controls:
                assert isinstance(other, ft.Chip)
                other.selected = other.data == kind
            code.hint_text = EXAMPLES[kind]
            kinds.update()
            code.update()

        return ft.Chip(label=ft.Text(_(KIND_NAMES[kind])), data=kind, key=f"bills-kind-{kind}",
                       leading=ft.Icon(KIND_ICONS[kind]), selected=kind == "electricity",
                       on_select=picked)  # fmt: skip

    kinds.controls = [chip("electricity"), chip("water")]

    def say(text: str) -> None:
        problem.value, problem.visible = text, True
        problem.update()

    async def add(event: ft.Event[ft.Button]) -> None:
        kind, typed = chosen["kind"], (code.value or "").strip()
        if normalise_code(kind, typed) is None:
            say(_(BAD_CODE))
            return
        name = (nickname.value or "").strip() or typed
        try:
            added = await api.add(draft=CustomerAdd(kind=kind, code=typed, nickname=name))  # type: ignore[arg-type]
        except HueAPIError as error:
            say(problem_text(ctx, error))
            return
        await ctx.page.push_route(f"{ROUTE}/{added.id}")

    button = ft.FilledButton(_("Add"), icon=ft.Icons.ADD, on_click=add, key="bills-add")
    title = ft.Text(_("Follow a customer code"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM)
    hint = _("The customer code is printed on your electricity or water bill.")
    return ft.Column(
        [title, ft.Text(hint), kinds, code, nickname, problem, ft.Row([button])],
        spacing=10,
        key="bills-form",
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )


async def build_bills(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Build the list of the person's customers and the form to add one."""
    _ = ctx._
    if ctx.session.is_guest:
        return guest_screen(ctx)
    api = ctx.api.resource(BillsResource)
    try:
        customers = await api.customers()
    except HueAPIError as error:
        listing: list[ft.Control] = [ft.Text(problem_text(ctx, error), key="bills-list-error")]
    else:
        listing = [customer_row(ctx, customer) for customer in customers] or [
            ft.Text(_("You follow no customer code yet."), key="bills-empty")
        ]
    return screen(
        _("Electricity and water bills"),
        [ft.Column(listing, spacing=0, key="bills-list"), ft.Divider(), add_form(ctx, api)],
        "bills-screen",
    )
