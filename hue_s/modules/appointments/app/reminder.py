"""The home tile's reminder: a badge counting one's bookings still ahead today or tomorrow."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import TYPE_CHECKING

from hue_s.app.api.errors import HueAPIError
from hue_s.app.modules import BadgeCount
from hue_s.modules.appointments.app import common
from hue_s.modules.appointments.app.resource import AppointmentsResource
from hue_s.modules.appointments.wire import Booking

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

STATE = "appointments"


def soon(bookings: list[Booking]) -> list[Booking]:
    """Return the booked bookings still ahead today or tomorrow on the app's clock, soonest
    first."""
    now = common.now()
    days = (common.hue_day(now), common.hue_day(now) + timedelta(days=1))
    ahead = [
        item
        for item in bookings
        if item.status == "booked" and item.start > now and common.hue_day(item.start) in days
    ]
    return sorted(ahead, key=lambda item: item.start)


def soon_badge(ctx: AppContext) -> BadgeCount | None:
    """Return the session's reminder badge (None before setup)."""
    state = ctx.module_state.get(STATE)
    return state if isinstance(state, BadgeCount) else None


async def refresh(ctx: AppContext) -> None:
    """Count the signed-in person's bookings due soon onto the badge."""
    badge = soon_badge(ctx)
    if badge is None or ctx.session.is_guest:
        return
    try:
        badge.set(len(soon(await ctx.api.resource(AppointmentsResource).mine())))
    except HueAPIError:
        return


async def setup(ctx: AppContext) -> None:
    """Give the session its badge and fill it in the background (start-up does not wait)."""
    ctx.module_state[STATE] = BadgeCount()
    ctx.module_state[f"{STATE}:refresh"] = asyncio.get_running_loop().create_task(refresh(ctx))
