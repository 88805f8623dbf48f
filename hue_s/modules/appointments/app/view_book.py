"""Booking a visit: the ward office, the procedure, the day, the slot (full ones shown off and
said so); the same screen moves an existing booking to another slot."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.context import AppContext
from hue_s.app.views.account.sign_in import sign_in_route
from hue_s.kit.screens import screen
from hue_s.modules.appointments.app import common
from hue_s.modules.appointments.app.offices import OfficeChoice
from hue_s.modules.appointments.app.resource import AppointmentsResource
from hue_s.modules.appointments.wire import Booking, Day, Office, Slot
from hue_s.modules.services.wire import ProcedureSummary

HOME = "/appointments"


def sign_in_first(ctx: AppContext, route: str) -> ft.Control:
    """Return the screen asking a guest to sign in before booking."""
    _ = ctx._
    button = ft.FilledButton(
        key="appointments-sign-in",
        content=_("Sign in"),
        icon=ft.Icons.LOGIN,
        on_click=common.opener(ctx, sign_in_route(route)),
    )
    hint = ft.Text(_("Sign in with your phone number to book a time at the ward office."))
    return screen(_("Book an appointment"), [hint, button], "appointments-sign-in-first")


class Booker:
    """The booking form: its choices so far and the parts drawn from them."""

    def __init__(
        self,
        ctx: AppContext,
        offices: list[Office],
        procedures: list[ProcedureSummary],
        moving: Booking | None = None,
    ) -> None:
        """Draw the first step (the office), or the days of a booking being moved."""
        _ = ctx._
        self.ctx = ctx
        self.api = ctx.api.resource(AppointmentsResource)
        self.moving = moving
        self.key = str(uuid.uuid4())
        self.procedures = procedures
        self.procedure: str | None = moving.procedure_code if moving else None
        self.office: Office | None = None
        self.days: list[Day] = []
        self.day: Day | None = None
        self.slot: Slot | None = None
        self.offices = OfficeChoice(ctx, offices, self.office_chosen)
        self.procedure_list = ft.Column(spacing=0, key="appointments-procedures")
        self.day_row = ft.Row(wrap=True, spacing=8, key="appointments-days")
        self.slot_row = ft.Row(wrap=True, spacing=8, key="appointments-slots")
        self.problem = ft.Text("", color=ft.Colors.ERROR, key="appointments-problem")
        self.confirm = ft.FilledButton(
            key="appointments-confirm",
            content=_("Confirm the booking"),
            icon=ft.Icons.EVENT_AVAILABLE,
            on_click=self.submit,
            disabled=True,
        )
        parts: list[ft.Control] = []
        if moving is None:
            parts += [self.offices.control, self.step(_("Procedure")), self.procedure_list]
            self.draw_procedures()
        else:
            day = common.day_text(ctx, common.hue_day(moving.start))
            when = f"{day} {common.hour_text(moving.start)}"
            parts.append(ft.Text(f"{moving.procedure_name} · {moving.ward_name} · {when}"))
        parts += [self.step(_("Day")), self.day_row, self.step(_("Time")), self.slot_row]
        parts += [self.problem, self.confirm]
        title = _("Move the booking") if moving else _("Book an appointment")
        self.control = screen(title, parts, "appointments-book")

    @staticmethod
    def step(text: str) -> ft.Text:
        """Return a step's heading."""
        return ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, weight=ft.FontWeight.W_600)

    def draw_procedures(self) -> None:
        """List the procedures, the chosen one ticked."""
        self.procedure_list.controls = [
            ft.ListTile(
                key=f"procedure-{item.code}",
                title=ft.Text(item.name),
                leading=ft.Icon(
                    ft.Icons.CHECK_CIRCLE
                    if item.code == self.procedure
                    else ft.Icons.RADIO_BUTTON_UNCHECKED
                ),
                selected=item.code == self.procedure,
                on_click=self.procedure_chooser(item.code),
            )
            for item in self.procedures
        ]

    def procedure_chooser(self, code: str) -> Callable[[], None]:
        """Return a click handler that takes a procedure."""

        def choose() -> None:
            self.procedure = code
            self.draw_procedures()
            self.check_ready()
            self.procedure_list.update()

        return choose

    async def office_chosen(self, office: Office) -> None:
        """Take an office and show its days."""
        self.office, self.day, self.slot = office, None, None
        await self.load_days()

    async def load_days(self) -> None:
        """Fetch the office's days and draw them."""
        assert self.office is not None
        try:
            self.days = await self.api.days(ward_code=self.office.ward_code)
        except HueAPIError as error:
            self.problem.value = common.problem_text(self.ctx, error)
            self.control.update()
            return
        self.draw_days()
        self.control.update()

    def draw_days(self) -> None:
        """Show the open days that have a free slot; then the chosen day's slots."""
        _ = self.ctx._
        days = [day for day in self.days if day.open and any(slot.bookable for slot in day.slots)]
        self.day_row.controls = [
            (ft.FilledButton if day == self.day else ft.OutlinedButton)(
                key=f"day-{day.day.isoformat()}",
                content=self.ctx.i18n.date(day.day, "EEE d/M"),
                tooltip=common.day_text(self.ctx, day.day),
                on_click=self.day_chooser(day),
            )
            for day in days
        ] or [ft.Text(_("No free time in the next two weeks."))]
        self.slot_row.controls = (
            [self.slot_button(slot) for slot in self.day.slots] if self.day else []
        )
        self.check_ready()

    def slot_button(self, slot: Slot) -> ft.Control:
        """Return a slot's button: its time and places left, or off and "full"."""
        _ = self.ctx._
        left = slot.capacity - slot.taken
        if slot.bookable:
            label = _("{time} · {n} left").format(time=common.hour_text(slot.start), n=left)
        elif left <= 0:
            label = _("{time} · full").format(time=common.hour_text(slot.start))
        else:
            label = _("{time} · closed").format(time=common.hour_text(slot.start))
        kind = ft.FilledButton if slot == self.slot else ft.OutlinedButton
        return kind(
            key=f"slot-{common.hour_text(slot.start)}",
            content=label,
            disabled=not slot.bookable,
            on_click=self.slot_chooser(slot),
        )

    def day_chooser(self, day: Day) -> Callable[[], None]:
        """Return a click handler that takes a day."""

        def choose() -> None:
            self.day, self.slot = day, None
            self.draw_days()
            self.control.update()

        return choose

    def slot_chooser(self, slot: Slot) -> Callable[[], None]:
        """Return a click handler that takes a slot."""

        def choose() -> None:
            self.slot = slot
            self.draw_days()
            self.control.update()

        return choose

    def check_ready(self) -> None:
        """Let the booking be confirmed once everything is chosen."""
        self.confirm.disabled = self.slot is None or self.procedure is None

    async def submit(self) -> None:
        """Book (or move) and open My bookings; a refusal is said, with fresh slots."""
        assert self.slot is not None and self.procedure is not None
        try:
            if self.moving is not None:
                await self.api.reschedule(booking_id=self.moving.id, start=self.slot.start)
            else:
                assert self.office is not None
                await self.api.book(
                    ward_code=self.office.ward_code,
                    procedure_code=self.procedure,
                    start=self.slot.start,
                    idempotency_key=self.key,
                )
        except HueAPIError as error:
            self.problem.value = common.problem_text(self.ctx, error)
            self.key, self.slot = str(uuid.uuid4()), None
            await self.load_days()
            return
        await self.ctx.page.push_route(HOME)


async def build_book(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return the booking screen (a guest is asked to sign in first)."""
    if ctx.session.is_guest:
        return sign_in_first(ctx, "/appointments/book")
    api = ctx.api.resource(AppointmentsResource)
    try:
        offices, procedures = await api.offices(), await api.procedures()
    except HueAPIError as error:
        return screen(
            ctx._("Book an appointment"),
            [ft.Text(common.problem_text(ctx, error))],
            "appointments-book",
        )
    return Booker(ctx, offices, procedures).control


async def build_reschedule(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """Return the screen that moves one of the person's bookings."""
    route = f"/appointments/reschedule/{params.get('id', '')}"
    if ctx.session.is_guest:
        return sign_in_first(ctx, route)
    api = ctx.api.resource(AppointmentsResource)
    try:
        mine = await api.mine()
        offices = await api.offices()
    except HueAPIError as error:
        return screen(
            ctx._("Move the booking"),
            [ft.Text(common.problem_text(ctx, error))],
            "appointments-book",
        )
    moving = next((item for item in mine if str(item.id) == params.get("id")), None)
    office = next((item for item in offices if moving and item.ward_code == moving.ward_code), None)
    if moving is None or office is None:
        return screen(
            ctx._("Move the booking"),
            [ft.Text(ctx._("No such booking of yours."))],
            "appointments-book",
        )
    booker = Booker(ctx, offices, [], moving)
    booker.office = office
    booker.days = await api.days(ward_code=office.ward_code)
    booker.draw_days()
    return booker.control
