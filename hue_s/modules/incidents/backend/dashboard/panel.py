"""The incidents panel of the leaders' dashboard: the figures of hue_s/modules/dashboard/wire.py
computed by SQL aggregates (a few grouped SELECTs per request; no case is loaded in Python).

Whole days of the period are read from the daily roll-ups (rollups.py), the parts of days at its
edges (a period not on Huế midnights) from the cases; the split of open cases into not yet due
and overdue is always counted from the cases, against the asker's clock (few open cases are not
yet due, found by their deadline). `rollups=False` reads everything from the cases (the raw path
the property test and the benchmark compare with)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from operator import add
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    and_,
    case,
    false,
    func,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from hue_s.modules.dashboard.wire import (
    CaseFigures,
    CasesPanel,
    PanelQuery,
    Slice,
    WardFigures,
    percent,
)
from hue_s.modules.incidents.backend.dashboard.call_rollups import call_statements
from hue_s.modules.incidents.backend.dashboard.rollups import (
    CASE_DAYS,
    CASE_MONTHS,
    day_start,
)
from hue_s.modules.incidents.backend.dashboard.sums import (
    KEY_NAMES,
    SUMS,
    case_sums,
    open_not_due_sums,
    received_between,
    response_sums,
)
from hue_s.modules.incidents.backend.dashboard.trend import trend, whole_days
from hue_s.modules.incidents.backend.models import IncidentService

SERVICES = cast(Table, IncidentService.__table__)
COUNTS = ("received", "processed", "on_time", "late", "open_not_due", "overdue", "reopened",
          "rated", "satisfied", "calls_received", "calls_to_cases")  # fmt: skip
FIELDS = (*SUMS, "open_not_due")
"""What case_tallies sums per key: the roll-ups' sums, and the open cases not yet due."""
RECEIVED = FIELDS.index("received")
WARD, CATEGORY, CHANNEL = range(3)
Key = tuple[str | None, str | None, str | None]


def next_month(day: str) -> str:
    """Return the first day of the month after a day's (YYYY-MM-DD)."""
    year, month = int(day[:4]), int(day[5:7])
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}-01"


def nearest_month(day: str) -> str:
    """Return the first day of the month nearest a day (YYYY-MM-DD): its own, or the next."""
    own, ahead = day[:8] + "01", next_month(day)
    before = date.fromisoformat(day) - date.fromisoformat(own)
    return own if before <= date.fromisoformat(ahead) - date.fromisoformat(day) else ahead


def rollup_sums(first: str, after: str, ward_code: str | None, detail: bool) -> Select[Any]:
    """Return the statement of the roll-ups' sums per ward, category and channel over whole
    days [first, after): the whole months nearest the period's ends from the monthly roll-up,
    and the days between those months' edges and the period's from the daily one, added where
    the period goes past the months, taken away where the months go past the period (at most
    about 15 days at each end, where a 30-day period read 30 days of rows). Without `detail`,
    per ward only (the category and channel NULL): the previous period's figures need no more."""
    months_from, months_to = nearest_month(first), nearest_month(after)
    if months_from >= months_to:
        months_from = months_to = first  # no whole month: every day from the daily roll-up
    added = [(first, months_from), (months_to, after)]
    taken = [(months_from, first), (after, months_to)]
    day = CASE_DAYS.c.day

    def within(spans: list[tuple[str, str]]) -> ColumnElement[bool]:
        return or_(false(), *(and_(day >= start, day < end) for start, end in spans))

    sign = case((within(taken), -1), else_=1)
    days = select(*(CASE_DAYS.c[name] for name in KEY_NAMES),
                  *((CASE_DAYS.c[name] * sign).label(name) for name in SUMS)
                  ).where(within(added + taken))  # fmt: skip
    months = select(*(CASE_MONTHS.c[name] for name in (*KEY_NAMES, *SUMS))).where(
        CASE_MONTHS.c.month >= months_from[:7], CASE_MONTHS.c.month < months_to[:7]
    )
    if ward_code is not None:
        days = days.where(CASE_DAYS.c.ward_code == ward_code)
        months = months.where(CASE_MONTHS.c.ward_code == ward_code)
    both = union_all(days, months).subquery()
    keys = [both.c[name] if detail else null().label(name) for name in KEY_NAMES]
    keys[0] = both.c.ward_code
    sums = [func.sum(both.c[name]).label(name) for name in SUMS]
    return select(*keys, *sums).group_by(*keys if detail else keys[:1])


def case_tallies(session: Session, query: PanelQuery, rollups: bool) -> dict[Key, list[float]]:
    """Return the sums (in FIELDS order) of each (ward, category, channel) with cases in the
    period. Sums are lists, not Counters: a city's month is thousands of keys, and adding
    Counters up was half of the overview's time over a million cases."""
    dialect = session.get_bind().dialect.name
    whole = whole_days(query.start, query.end) if rollups else None
    statements: list[Select[Any]] = []
    edges = [(query.start, query.end)]
    if whole is not None:
        edges = [(query.start, day_start(whole[0])), (day_start(whole[1]), query.end)]
        statements.append(rollup_sums(*whole, query.ward_code, query.detail))
    for start, end in edges:
        if start < end:
            where = and_(*received_between(start, end, query.ward_code))
            statements += [case_sums(dialect, where), response_sums(dialect, where)]
    scope = and_(*received_between(query.start, query.end, query.ward_code))
    statements.append(open_not_due_sums(scope, query.now))
    found: dict[Key, list[float]] = {}
    for statement in statements:
        result = session.execute(statement)
        # Every statement starts with the key's three columns, then its sums by name.
        places = [(FIELDS.index(name), column) for column, name in enumerate(result.keys())
                  if name not in KEY_NAMES]  # fmt: skip
        for row in result:
            key = row[:3] if query.detail else (row[0], None, None)
            sums = found.get(key)
            if sums is None:
                sums = found[key] = [0.0] * len(FIELDS)
            for place, column in places:
                sums[place] += float(row[column] or 0)
    # A key whose days were all taken away from its month has no case in the period.
    return {key: sums for key, sums in found.items() if sums[RECEIVED]}


def fold(tallies: dict[Key, list[float]], part: int | None) -> dict[Any, Counter[str]]:
    """Add the tallies up by ward, category or channel (None: all into one, under None), as
    Counters of FIELDS and `overdue` (open cases less those not yet due)."""
    found: dict[Any, list[float]] = {}
    for key, sums in tallies.items():
        group = None if part is None else key[part]
        before = found.get(group)
        found[group] = sums[:] if before is None else list(map(add, before, sums))
    folded = {group: Counter(dict(zip(FIELDS, sums, strict=True))) for group, sums in found.items()}
    for counts in folded.values():
        counts["overdue"] = counts["open"] - counts["open_not_due"]
    return folded


def mean_hours(total_seconds: float, count: float) -> float | None:
    """Return a mean of seconds as hours rounded to 0.1 (None over nothing)."""
    return round(total_seconds / count / 3600, 1) if count else None


def figures_of(sums: Counter[str]) -> CaseFigures:
    """Return the figures of summed counts (see CaseFigures for each definition)."""
    counts = {name: int(sums[name]) for name in COUNTS}
    return CaseFigures(
        **counts,
        processed_pct=percent(counts["processed"], counts["received"]),
        on_time_pct=percent(counts["on_time"], counts["processed"]),
        satisfaction_pct=percent(counts["satisfied"], counts["rated"]),
        avg_first_response_hours=mean_hours(sums["response_s"], sums["responded"]),
        avg_resolution_hours=mean_hours(sums["resolution_s"], sums["resolved"]),
    )


def slices(
    session: Session, query: PanelQuery, tallies: dict[Key, list[float]], part: int
) -> list[Slice]:
    """Return the figures per category or channel, most overdue first."""
    names: dict[str, str] = {}
    if part == CATEGORY:
        name = SERVICES.c.name_en if query.language == "en" else SERVICES.c.name_vi
        names = {code: label for code, label in session.execute(select(SERVICES.c.code, name))}
    found = [
        Slice(
            key=key,
            label=names.get(key, key),
            received=int(sums["received"]),
            processed=int(sums["processed"]),
            overdue=int(sums["overdue"]),
        )
        for key, sums in fold(tallies, part).items()
    ]
    return sorted(found, key=lambda item: (-item.overdue, -item.received, item.key))


class CasesPanelProvider:
    """The incidents panel: case and hotline figures for a scope and a period."""

    id = "cases"

    def __init__(self, rollups: bool = True) -> None:
        """Read whole days from the roll-ups (False: every figure from the cases)."""
        self.rollups = rollups

    def read(self, session: Session, query: PanelQuery) -> CasesPanel:
        """Return the panel's figures (with trend, categories, channels and wards if asked)."""
        tallies = case_tallies(session, query, self.rollups)
        by_ward = fold(tallies, WARD)
        whole = whole_days(query.start, query.end) if self.rollups else None
        for calls in call_statements(query.start, query.end, query.ward_code, whole):
            for row in session.execute(calls).mappings():
                by_ward.setdefault(row["ward_code"], Counter()).update(
                    calls_received=row["calls_received"], calls_to_cases=row["calls_to_cases"]
                )
        city = sum(by_ward.values(), Counter[str]())
        panel = CasesPanel(figures=figures_of(city), previous=CaseFigures())
        if not query.detail:
            return panel
        panel.trend = trend(session, query, self.rollups)
        panel.categories = slices(session, query, tallies, CATEGORY)
        panel.channels = slices(session, query, tallies, CHANNEL)
        if query.ward_code is None:
            panel.wards = [
                WardFigures(ward_code=code, ward_name=code, figures=figures_of(sums))
                for code, sums in by_ward.items()
                if code is not None
            ]
        return panel
