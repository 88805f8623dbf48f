"""Pieces the appointments screens share: layout, times in Huế, refusals in words, the clock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from hue_s.app.api.errors import HueAPIError
from hue_s.app.i18n import N_
from hue_s.hue_time import HUE_TIME
from hue_s.kit.screens import refusal_text

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

STAFF = ("officer", "operator", "admin")
REFUSALS = {
    "slot_full": N_("Someone has just taken the last place of this slot. Choose another time."),
    "day_full": N_("The office is fully booked that day. Choose another day."),
    "not_a_slot": N_("The office has no slot at that time."),
    "in_the_past": N_("That time has passed."),
    "too_far_ahead": N_("That day is too far ahead to book."),
    "office_closed": N_("The office is closed that day."),
    "unknown_procedure": N_("This procedure is not in the catalogue."),
    "unknown_office": N_("This ward's office takes no bookings."),
    "not_booked": N_("This booking is cancelled or checked in already."),
    "not_today": N_("A booking is checked in on its day, at the office."),
}
"""What the server's refusals mean, by error code."""


def now() -> datetime:
    """Return the time now (tests replace this module attribute: the app's clock)."""
    return datetime.now(UTC)


def hue_day(moment: datetime) -> date:
    """Return the Huế calendar day of a moment."""
    return moment.astimezone(HUE_TIME).date()


def hour_text(moment: datetime) -> str:
    """Return a time of day in Huế, 24-hour (07:30)."""
    return moment.astimezone(HUE_TIME).strftime("%H:%M")


def day_text(ctx: AppContext, day: date) -> str:
    """Return a day with its weekday, as the session's language writes it."""
    return ctx.i18n.date(day, "full")


def problem_text(ctx: AppContext, error: HueAPIError) -> str:
    """Return what went wrong in words: a refusal of the booking routes, else the usual one."""
    return refusal_text(ctx, error, REFUSALS)


def opener(ctx: AppContext, route: str) -> Callable[[], Awaitable[None]]:
    """Return a click handler that opens a route."""

    async def open_route() -> None:
        await ctx.page.push_route(route)

    return open_route


async def redraw(ctx: AppContext, route: str) -> None:
    """Draw the screen again with fresh data (the shell's refresh), else open `route`."""
    if ctx.refresh is not None:
        await ctx.refresh()
    else:
        await ctx.page.push_route(route)
