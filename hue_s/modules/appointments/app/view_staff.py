"""The ward staff's queue: the number being served, who waits, and "call the next number"."""

from __future__ import annotations

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.context import AppContext
from hue_s.kit.screens import screen
from hue_s.modules.appointments.app import common
from hue_s.modules.appointments.app.offices import OfficeChoice
from hue_s.modules.appointments.app.resource import AppointmentsResource
from hue_s.modules.appointments.app.view_queue import big_number, my_office
from hue_s.modules.appointments.wire import Office, Queue, Ticket, number_text


def waiting_line(ctx: AppContext, ticket: Ticket) -> ft.Control:
    """Return one waiting number: a booking's says its time."""
    _ = ctx._
    what = (
        _("booking at {time}").format(time=common.hour_text(ticket.booking_start))
        if ticket.booking_start
        else _("walk-in")
    )
    return ft.ListTile(
        key=f"waiting-{ticket.number}",
        title=ft.Text(number_text(ticket.number)),
        subtitle=ft.Text(what),
        leading=ft.Icon(ft.Icons.PERSON),
    )


class QueueDesk:
    """One office's queue as its staff see it, redrawn after each call."""

    def __init__(self, ctx: AppContext, office: Office) -> None:
        """Prepare the parts; `draw` fills them."""
        _ = ctx._
        self.ctx = ctx
        self.office = office
        self.api = ctx.api.resource(AppointmentsResource)
        self.now = ft.Column(horizontal_alignment=ft.CrossAxisAlignment.CENTER, key="queue-now")
        self.waiting = ft.Column(spacing=0, key="queue-waiting")
        self.problem = ft.Text("", color=ft.Colors.ERROR)
        self.control = ft.Column(
            [
                ft.Text(office.name, theme_style=ft.TextThemeStyle.TITLE_LARGE),
                self.now,
                ft.FilledButton(
                    _("Call the next number"),
                    icon=ft.Icons.CAMPAIGN,
                    key="queue-call-next",
                    on_click=self.call_next,
                ),
                ft.OutlinedButton(
                    _("Open the office screen"),
                    icon=ft.Icons.TV,
                    key="queue-display",
                    on_click=common.opener(ctx, f"/appointments/display/{office.ward_code}"),
                ),
                self.problem,
                self.waiting,
            ],
            spacing=12,
        )

    def draw(self, queue: Queue) -> None:
        """Show the number called last and the waiting ones."""
        _ = self.ctx._
        calling = queue.display.calling
        serving: ft.Control = (
            big_number(number_text(calling[0]), "queue-serving")
            if calling
            else ft.Text(_("No number called yet today"), key="queue-serving")
        )
        self.now.controls = [ft.Text(_("Now serving")), serving]
        count = len(queue.waiting)
        self.waiting.controls = [
            ft.Text(
                self.ctx.i18n.ngettext("{n} waiting", "{n} waiting", count).format(n=count),
                key="queue-waiting-count",
            ),
            *[waiting_line(self.ctx, ticket) for ticket in queue.waiting],
        ]

    async def load(self) -> None:
        """Fetch the queue and draw it."""
        self.draw(await self.api.queue(ward_code=self.office.ward_code))

    async def call_next(self) -> None:
        """Call the next number and show the queue after it."""
        try:
            called = await self.api.call_next(ward_code=self.office.ward_code)
            await self.load()
        except HueAPIError as error:
            self.problem.value = common.problem_text(self.ctx, error)
        else:
            self.problem.value = "" if called.ticket else self.ctx._("Nobody is waiting.")
        self.control.update()


async def build_queue(ctx: AppContext, _params: dict[str, str]) -> ft.Control:
    """Return the ward's queue (officers: their ward's; the city's staff choose an office)."""
    _ = ctx._
    title = _("The ward's queue")
    if ctx.session.role not in common.STAFF:
        return screen(
            title, [ft.Text(_("Only the ward's staff call numbers."))], "appointments-queue"
        )
    api = ctx.api.resource(AppointmentsResource)
    try:
        offices = await api.offices()
    except HueAPIError as error:
        return screen(title, [ft.Text(common.problem_text(ctx, error))], "appointments-queue")
    holder = ft.Column()

    async def open_desk(office: Office) -> None:
        desk = QueueDesk(ctx, office)
        try:
            await desk.load()
        except HueAPIError as error:
            holder.controls = [ft.Text(common.problem_text(ctx, error), color=ft.Colors.ERROR)]
        else:
            holder.controls = [desk.control]
        holder.update()

    own = await my_office(ctx, offices) if ctx.session.role == "officer" else None
    if own is None:
        return screen(
            title, [OfficeChoice(ctx, offices, open_desk).control, holder], "appointments-queue"
        )
    desk = QueueDesk(ctx, own)
    try:
        await desk.load()
    except HueAPIError as error:
        return screen(title, [ft.Text(common.problem_text(ctx, error))], "appointments-queue")
    return screen(title, [desk.control], "appointments-queue")
