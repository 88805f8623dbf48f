"""How old a reading or a forecast may be before it is shown as old, and never as current."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from hue_s.hue_time import HUE_TIME
from hue_s.modules.alerts.app.widgets import local_time

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

GAUGE_MAX_AGE = timedelta(hours=3)
"""River gauges report hourly; in a flood, a level older than this says nothing about now."""
WEATHER_MAX_AGE = timedelta(hours=3)
"""The weather "now" and a forecast's hours older than this are no longer now."""
DISCHARGE_MAX_AGE = timedelta(days=2)
"""The daily river flow forecast; older than this its "today" is a guess of days ago."""


def aware(moment: datetime) -> datetime:
    """Return a moment with its zone; one without (Open-Meteo's local times) is Huế time."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=HUE_TIME)


def is_old(moment: datetime, now: datetime, max_age: timedelta) -> bool:
    """Say whether `moment` lies more than `max_age` before `now`."""
    return aware(now) - aware(moment) > max_age


def old_note(ctx: AppContext, moment: datetime) -> str:
    """Say that a figure is from an earlier time and may no longer hold."""
    return ctx._("From {time}, may be out of date").format(time=local_time(ctx, aware(moment)))
