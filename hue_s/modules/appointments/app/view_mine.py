"""My bookings: a reminder of today's or tomorrow's, each booking with cancel, move and (on
its day) check-in; links to booking, the kiosk's number and the ward's queue."""

from __future__ import annotations

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.context import AppContext
from hue_s.kit.screens import screen
from hue_s.modules.appointments.app import common
from hue_s.modules.appointments.app.reminder import soon, soon_badge
from hue_s.modules.appointments.app.resource import AppointmentsResource
from hue_s.modules.appointments.wire import Booking, number_text

HOME = "/appointments"


def reminder(ctx: AppContext, booking: Booking) -> ft.Control:
    """Return the reminder card of a booking due today or tomorrow."""
    _ = ctx._
    today = common.hue_day(booking.start) == common.hue_day(common.now())
    when = _("Today at {time}") if today else _("Tomorrow at {time}")
    text = when.format(time=common.hour_text(booking.start))
    return ft.Container(
        key="appointments-reminder",
        bgcolor=ft.Colors.AMBER_100,
        border_radius=12,
        padding=12,
        content=ft.Row(
            [
                ft.Icon(ft.Icons.ALARM, color=ft.Colors.AMBER_900),
                ft.Column(
                    [
                        ft.Text(
                            text,
                            weight=ft.FontWeight.W_600,
                            theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
                        ),
                        ft.Text(f"{booking.procedure_name} · {booking.ward_name}"),
                        ft.Text(
                            _("Bring your identity card and the papers the procedure asks for.")
                        ),
                    ],
                    spacing=2,
                    expand=True,
                ),
            ]
        ),
    )


def booking_card(ctx: AppContext, booking: Booking) -> ft.Control:
    """Return one booking with what the person may do with it."""
    _ = ctx._
    api = ctx.api.resource(AppointmentsResource)
    problem = ft.Text("", color=ft.Colors.ERROR)

    async def act(work: object) -> None:
        try:
            await work  # type: ignore[misc]
        except HueAPIError as error:
            problem.value = common.problem_text(ctx, error)
            problem.update()
            return
        await common.redraw(ctx, HOME)

    async def cancel() -> None:
        await act(api.cancel(booking_id=booking.id))

    async def check_in() -> None:
        await act(api.check_in(booking_id=booking.id))

    status = {
        "booked": _("Booked"),
        "cancelled": _("Cancelled"),
        "checked_in": _("Checked in: your number is {number}").format(
            number=number_text(booking.ticket_number or 0)
        ),
    }[booking.status]
    when = (
        f"{common.day_text(ctx, common.hue_day(booking.start))}, {common.hour_text(booking.start)}"
    )
    actions: list[ft.Control] = []
    if booking.status == "booked" and booking.start > common.now():
        actions += [
            ft.OutlinedButton(
                _("Move"),
                icon=ft.Icons.EDIT_CALENDAR,
                key=f"booking-{booking.id}-move",
                on_click=common.opener(ctx, f"/appointments/reschedule/{booking.id}"),
            ),
            ft.OutlinedButton(
                _("Cancel the booking"),
                icon=ft.Icons.EVENT_BUSY,
                key=f"booking-{booking.id}-cancel",
                on_click=cancel,
            ),
        ]
    if booking.status == "booked" and common.hue_day(booking.start) == common.hue_day(common.now()):
        actions.append(
            ft.FilledButton(
                _("Check in and take my number"),
                icon=ft.Icons.CONFIRMATION_NUMBER,
                key=f"booking-{booking.id}-check-in",
                on_click=check_in,
            )
        )
    return ft.Card(
        key=f"booking-{booking.id}",
        content=ft.Container(
            padding=12,
            content=ft.Column(
                [
                    ft.Text(
                        when, weight=ft.FontWeight.W_600, theme_style=ft.TextThemeStyle.TITLE_MEDIUM
                    ),
                    ft.Text(f"{booking.procedure_name}"),
                    ft.Text(booking.ward_name),
                    ft.Text(status, key=f"booking-{booking.id}-status"),
                    ft.Row(actions, wrap=True),
                    problem,
                ],
                spacing=4,
            ),
        ),
    )


def links(ctx: AppContext) -> ft.Control:
    """Return the buttons to book, take a number, see the ward's queue (staff)."""
    _ = ctx._
    buttons: list[ft.Control] = [
        ft.FilledButton(
            _("Book a visit"),
            icon=ft.Icons.ADD,
            key="appointments-new",
            on_click=common.opener(ctx, "/appointments/book"),
        ),
        ft.OutlinedButton(
            _("Take a queue number"),
            icon=ft.Icons.CONFIRMATION_NUMBER,
            key="appointments-kiosk",
            on_click=common.opener(ctx, "/appointments/kiosk"),
        ),
    ]
    if ctx.session.role in common.STAFF:
        buttons.append(
            ft.OutlinedButton(
                _("The ward's queue"),
                icon=ft.Icons.GROUPS,
                key="appointments-queue",
                on_click=common.opener(ctx, "/appointments/queue"),
            )
        )
    return ft.Row(buttons, wrap=True)


async def build_mine(ctx: AppContext, _params: dict[str, str]) -> ft.Control:
    """Return My bookings (a guest sees how to book and take a number)."""
    _ = ctx._
    title = _("Book an appointment")
    if ctx.session.is_guest:
        hint = ft.Text(_("Sign in with your phone number to book a time at the ward office."))
        return screen(title, [hint, links(ctx)], "appointments")
    try:
        bookings = await ctx.api.resource(AppointmentsResource).mine()
    except HueAPIError as error:
        return screen(title, [ft.Text(common.problem_text(ctx, error)), links(ctx)], "appointments")
    parts: list[ft.Control] = []
    due = soon(bookings)
    badge = soon_badge(ctx)
    if badge is not None:
        badge.set(len(due))
    if due:
        parts.append(reminder(ctx, due[0]))
    parts.append(links(ctx))
    parts.append(ft.Text(_("My bookings"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM))
    cards = [booking_card(ctx, item) for item in bookings]
    parts += cards or [ft.Text(_("You have no bookings yet."), key="appointments-empty")]
    return screen(title, parts, "appointments")
