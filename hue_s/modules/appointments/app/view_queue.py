"""The office's day: the kiosk's "take a number", the ward staff's queue with "call the next
number", and the office's screen (big numbers, readable across a room, refreshed each second)."""

from __future__ import annotations

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.context import AppContext
from hue_s.app.views.account.sign_in import sign_in_route
from hue_s.kit.screens import screen
from hue_s.modules.appointments.app import common
from hue_s.modules.appointments.app.offices import OfficeChoice
from hue_s.modules.appointments.app.resource import AppointmentsResource
from hue_s.modules.appointments.app.watch import DisplayWatch
from hue_s.modules.appointments.wire import Display, Office, number_text


def big_number(text: str, key: str) -> ft.Text:
    """Return a number as large as a screen across a room needs."""
    return ft.Text(
        text,
        key=key,
        theme_style=ft.TextThemeStyle.DISPLAY_LARGE,
        size=160,
        weight=ft.FontWeight.W_700,
        text_align=ft.TextAlign.CENTER,
    )


async def my_office(ctx: AppContext, offices: list[Office]) -> Office | None:
    """Return the office of the signed-in officer's ward, if any."""
    try:
        me = await ctx.api.me.get()
    except HueAPIError:
        return None
    return next((office for office in offices if office.ward_code == me.ward_code), None)


async def build_kiosk(ctx: AppContext, _params: dict[str, str]) -> ft.Control:
    """Return the kiosk's screen: choose the office (staff: theirs), take today's number."""
    _ = ctx._
    title = _("Take a queue number")
    if ctx.session.is_guest:
        button = ft.FilledButton(
            content=_("Sign in"),
            icon=ft.Icons.LOGIN,
            key="appointments-sign-in",
            on_click=common.opener(ctx, sign_in_route("/appointments/kiosk")),
        )
        hint = ft.Text(
            _("Sign in with your phone number to take a number, or ask the ward's staff.")
        )
        return screen(title, [hint, button], "appointments-kiosk")
    api = ctx.api.resource(AppointmentsResource)
    shown = ft.Column(horizontal_alignment=ft.CrossAxisAlignment.CENTER, key="kiosk-ticket")
    try:
        offices = await api.offices()
    except HueAPIError as error:
        return screen(title, [ft.Text(common.problem_text(ctx, error))], "appointments-kiosk")

    async def take(office: Office) -> None:
        try:
            ticket = await api.take_ticket(ward_code=office.ward_code)
        except HueAPIError as error:
            shown.controls = [ft.Text(common.problem_text(ctx, error), color=ft.Colors.ERROR)]
        else:
            shown.controls = [
                ft.Text(_("Your number at {office}").format(office=office.name)),
                big_number(number_text(ticket.number), "kiosk-number"),
                ft.Text(_("Watch the screen: your number will be called.")),
            ]
        shown.update()

    choice = OfficeChoice(ctx, offices, take)
    own = await my_office(ctx, offices) if ctx.session.role in common.STAFF else None
    parts: list[ft.Control] = [choice.control]
    if own is not None:

        async def take_own() -> None:
            await take(own)

        parts = [
            ft.FilledButton(
                _("Give a number at {office}").format(office=own.name),
                icon=ft.Icons.CONFIRMATION_NUMBER,
                key="kiosk-take",
                on_click=take_own,
            )
        ]
    return screen(title, [*parts, shown], "appointments-kiosk")


def display_parts(ctx: AppContext, display: Display) -> list[ft.Control]:
    """Return the number being called and the ones before it."""
    _ = ctx._
    if not display.calling:
        return [
            ft.Text(
                _("No number called yet today"),
                key="display-none",
                theme_style=ft.TextThemeStyle.HEADLINE_LARGE,
            )
        ]
    earlier = "  ".join(number_text(number) for number in display.calling[1:])
    return [
        ft.Text(_("Now serving"), theme_style=ft.TextThemeStyle.HEADLINE_MEDIUM),
        big_number(number_text(display.calling[0]), "display-now"),
        ft.Text(
            _("Called before: {numbers}").format(numbers=earlier) if earlier else "",
            theme_style=ft.TextThemeStyle.HEADLINE_SMALL,
            key="display-earlier",
        ),
        ft.Text(
            ctx.i18n.ngettext("{n} waiting", "{n} waiting", display.waiting).format(
                n=display.waiting
            ),
            theme_style=ft.TextThemeStyle.HEADLINE_SMALL,
            key="display-waiting",
        ),
    ]


async def build_display(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return the office's screen, which asks for the numbers every second."""
    ward = params.get("ward", "")
    route = f"/appointments/display/{ward}"
    api = ctx.api.resource(AppointmentsResource)
    try:
        first = await api.display(ward_code=ward)
    except HueAPIError as error:
        return screen(
            ctx._("Queue"), [ft.Text(common.problem_text(ctx, error))], "appointments-display"
        )
    body = ft.Column(
        display_parts(ctx, first), horizontal_alignment=ft.CrossAxisAlignment.CENTER, spacing=8
    )
    heading = ft.Text(
        first.ward_name, theme_style=ft.TextThemeStyle.HEADLINE_MEDIUM, key="display-office"
    )
    control = ft.Container(
        key="appointments-display",
        alignment=ft.Alignment.CENTER,
        padding=24,
        expand=True,
        content=ft.Column([heading, body], horizontal_alignment=ft.CrossAxisAlignment.CENTER),
    )

    left = [False]

    async def show(display: Display) -> None:
        body.controls = display_parts(ctx, display)
        try:
            body.update()
        except RuntimeError:  # the screen was left
            left[0] = True

    def alive() -> bool:
        return not left[0] and ctx.page.route == route

    watch = DisplayWatch(lambda: api.display(ward_code=ward), show, alive=alive)
    watch.last = first
    watch.start()
    return control
