"""Bounds on what one CAP alert may hold, so that no document costs more than it is worth.

The largest real alerts seen (NWS, GDACS, MeteoAlarm) have a few hundred areas and polygons of
a few thousand points; operators here may draw at most 2,000 points.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from hue_s.modules.alerts.backend.cap.safe_xml import CapError

MAX_AREAS_PER_INFO = 1_000
MAX_AREAS = 2_000
"""Areas in all the infos of one alert (each costs a ward lookup when it lies in the city)."""
MAX_POINTS_PER_POLYGON = 20_000
MAX_TOTAL_POINTS = 200_000
MAX_PARSE_SECONDS = 5.0


@dataclass
class ParseBudget:
    """What is left for one alert: points to read and time to read them in."""

    clock: Callable[[], float] = time.monotonic
    max_areas: int = MAX_AREAS_PER_INFO
    max_total_areas: int = MAX_AREAS
    max_points: int = MAX_POINTS_PER_POLYGON
    max_total_points: int = MAX_TOTAL_POINTS
    max_seconds: float = MAX_PARSE_SECONDS
    points: int = 0
    areas: int = 0
    started: float = field(default=0.0, init=False)

    def __post_init__(self) -> None:
        """Start the clock."""
        self.started = self.clock()

    def check_time(self) -> None:
        """Refuse the alert once reading it has taken too long."""
        if self.clock() - self.started > self.max_seconds:
            raise CapError(
                "too_slow", f"Refused: reading the alert took over {self.max_seconds:g} s"
            )

    def check_areas(self, count: int) -> None:
        """Refuse an info with more areas than allowed (before reading any)."""
        if count > self.max_areas:
            raise CapError(
                "too_many_areas",
                f"Refused: an <info> has {count} areas, over the limit of {self.max_areas}",
            )
        self.areas += count
        if self.areas > self.max_total_areas:
            raise CapError(
                "too_many_areas",
                f"Refused: the alert has over {self.max_total_areas} areas in all",
            )

    def take_points(self, count: int, area_desc: str) -> None:
        """Count a polygon's points, refusing one too long or one past the alert's total."""
        if count > self.max_points:
            raise CapError(
                "too_many_points",
                f"Refused: a polygon of area {area_desc[:80]!r} has {count} points, over the "
                f"limit of {self.max_points}",
            )
        self.points += count
        if self.points > self.max_total_points:
            raise CapError(
                "too_many_points",
                f"Refused: the alert's polygons have over {self.max_total_points} points in all",
            )
        self.check_time()
