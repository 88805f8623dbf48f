"""The dashboard's wire models and the ONE definition of every figure (app, backend, providers).

Each figure is defined in its field's description below; docs/ARCHITECTURE.md ("Dashboard")
says the same in prose. A provider (incidents' `dashboard.py`) computes them by SQL aggregates.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

MIN_RANKED_RECEIVED = 20
"""A ward is ranked only with at least this many cases received in the period (FixMyStreet's
rankings need a minimum count too): 1 late case of 2 is not a bottleneck."""
SATISFIED_FROM_STARS = 4
"""A rating of 4 or 5 stars (of 5) counts as satisfied."""
CHANNELS = ("open311", "hotline", "assisted")
"""Where a case came from (its `source`): the app or a GeoReport client, the hotline 19001075,
or an officer filing for a visitor at the ward office."""


class Bucket(StrEnum):
    """The step of a trend: one point per day, per week (from Monday) or per month."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class WireModel(BaseModel):
    """A dashboard model: new server fields are kept by an older app."""

    model_config = ConfigDict(extra="allow")


class CaseFigures(WireModel):
    """The figures of the cases RECEIVED in the period (their `requested_at` in [start, end)),
    each counted in the ward holding it when asked (a case transferred from ward A to ward B
    counts in B only, once; a case no ward holds yet counts for the city only). Statuses are
    read as they stand at `now` (the injected clock), so a past period's cases processed later
    count as processed."""

    received: int = Field(default=0, description="Cases received in the period.")
    processed: int = Field(
        default=0,
        description="Of those, resolved or rejected now (closed: the citizen got an answer).",
    )
    processed_pct: float | None = Field(default=None, description="100 x processed / received.")
    on_time: int = Field(
        default=0,
        description="Processed, closed at or before the deadline it has. The deadline is the "
        "category's SLA for the case's urgency; a reopening restarts it (the case is judged on "
        "its last closing against the restarted SLA, as the officer's inbox shows it).",
    )
    late: int = Field(default=0, description="Processed, closed after its deadline.")
    on_time_pct: float | None = Field(default=None, description="100 x on_time / processed.")
    open_not_due: int = Field(default=0, description="Not processed, deadline still ahead of now.")
    overdue: int = Field(default=0, description="Not processed, deadline passed (deadline < now).")
    reopened: int = Field(
        default=0,
        description="Cases reopened by their reporter at least once (whenever; counted once "
        "however often). A reopened case is received once and counted by its current status.",
    )
    rated: int = Field(
        default=0,
        description="Cases with a rating. A case is rated once: a rating given before a "
        "reopening stays on it, and one given after the last resolution counts the same way.",
    )
    satisfied: int = Field(default=0, description="Rated cases with 4 or 5 stars.")
    satisfaction_pct: float | None = Field(default=None, description="100 x satisfied / rated.")
    avg_first_response_hours: float | None = Field(
        default=None,
        description="Mean hours from the report to the first entry staff added to its public "
        "timeline (accepted, started, transferred, placed, noted publicly, rejected, resolved), "
        "over the cases that have one; the filing entry itself ('received') is not a response.",
    )
    avg_resolution_hours: float | None = Field(
        default=None,
        description="Mean hours from the report to its (last) closing, over the cases now "
        "resolved; rejected cases are left out.",
    )
    calls_received: int = Field(
        default=0,
        description="Incoming hotline calls in the period, counted in the ward logged on them.",
    )
    calls_to_cases: int = Field(default=0, description="Of those, the calls turned into a case.")


class WardFigures(WireModel):
    """One ward's figures for the city's ranking table."""

    ward_code: str
    ward_name: str
    figures: CaseFigures
    rank: int | None = Field(
        default=None,
        description="1 = most overdue cases (then lowest on-time %); None: fewer than "
        "MIN_RANKED_RECEIVED cases received, not ranked.",
    )


class TrendPoint(WireModel):
    """Cumulative counts at the end of one step of the period."""

    start: date = Field(description="First day of the step (Huế time).")
    received: int = Field(description="Cases received from the period's start to this step's end.")
    processed: int = Field(description="Of the period's cases, those closed by this step's end.")


class Slice(WireModel):
    """The figures of one category or channel."""

    key: str = Field(description="A category's service code, or a channel (CHANNELS).")
    label: str = Field(description="Its name in the language asked.")
    received: int
    processed: int
    overdue: int


class CasesPanel(WireModel):
    """What the incidents module shows on the dashboard."""

    figures: CaseFigures
    previous: CaseFigures = Field(description="The same figures for the previous period.")
    trend: list[TrendPoint] = Field(default_factory=list)
    categories: list[Slice] = Field(default_factory=list, description="Most overdue first.")
    channels: list[Slice] = Field(default_factory=list)
    wards: list[WardFigures] = Field(
        default_factory=list, description="City view only: ranked wards first, by rank."
    )


class PanelQuery(WireModel):
    """What the dashboard asks a provider: a scope, a period, a clock, a step, a language."""

    ward_code: str | None = Field(default=None, description="A ward; None: the whole city.")
    start: datetime
    end: datetime
    now: datetime
    bucket: Bucket = Bucket.DAY
    language: str = "vi"
    detail: bool = Field(
        default=True, description="False: the figures only (for the previous period)."
    )


class Punctuality(WireModel):
    """How a ward's dossiers of one field (or all) kept their time in a period (QĐ 766/QĐ-TTg;
    each figure is defined in hue_s/modules/services/backend/punctuality.py)."""

    ward_code: str | None = None
    field: str | None = None
    field_name: str | None = None
    received: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    pending_not_due: int = 0
    pending_overdue: int = 0
    returned: int = 0
    on_time_pct: float | None = None
    """Decided early or on time, of all approved in the period (None: none approved)."""


class PunctualityPanel(WireModel):
    """The dashboard's public-services panel: the total, then per ward and field."""

    total: Punctuality
    rows: list[Punctuality]


class Dashboard(WireModel):
    """The dashboard of the city or one ward for a period."""

    ward_code: str | None = None
    ward_name: str | None = None
    first_day: date
    last_day: date
    previous_first_day: date
    as_of: datetime
    bucket: Bucket
    min_ranked: int = MIN_RANKED_RECEIVED
    cases: CasesPanel | None = Field(default=None, description="None: incident reporting is off.")
    services: PunctualityPanel | None = Field(
        default=None, description="Dossiers' on-time figures (QĐ 766); None: services are off."
    )


def percent(part: int, whole: int) -> float | None:
    """Return 100 x part / whole rounded to 0.1, or None when whole is 0."""
    return round(100 * part / whole, 1) if whole else None


def change_pct(now: float | None, before: float | None) -> float | None:
    """Return the change from `before` to `now` in percent (None when before is 0 or unknown)."""
    if now is None or not before:
        return None
    return round(100 * (now - before) / before, 1)


MAP_CELL_DEGREES = 0.01
"""The live map's grid: open cases are counted per cell of 0.01° (about 1.1 km in Huế),
each cell drawn at the mean place of its cases."""
Ring = list[tuple[float, float]]
"""A closed ring of (lat, lon) points."""


class MapFigure(StrEnum):
    """The figure the live map shades each ward by."""

    OPEN = "open"
    OVERDUE = "overdue"


class MapCluster(WireModel):
    """Open cases of one grid cell: how many, and how many of them are overdue."""

    lat: float
    lon: float
    cases: int
    overdue: int = Field(description="Open cases past their deadline (or without one).")


class CaseMapPanel(WireModel):
    """What the incidents module puts on the live map: open cases per cell and per ward."""

    clusters: list[MapCluster] = Field(default_factory=list)
    open_by_ward: dict[str, int] = Field(default_factory=dict)
    overdue_by_ward: dict[str, int] = Field(default_factory=dict)


class MapArea(WireModel):
    """An active alert's area, simplified for the map."""

    alert_id: int
    headline: str
    severity: str
    rings: list[Ring]


class MapWard(WireModel):
    """A ward's simplified outline and its value of the map's figure."""

    ward_code: str
    ward_name: str
    value: int
    rings: list[Ring]


class LiveMap(WireModel):
    """The live map of the city or a ward: open cases, active alerts, wards shaded by a figure."""

    ward_code: str | None = None
    figure: MapFigure = MapFigure.OPEN
    open: int = 0
    overdue: int = 0
    clusters: list[MapCluster] = Field(default_factory=list)
    areas: list[MapArea] = Field(default_factory=list)
    wards: list[MapWard] = Field(default_factory=list)
