"""The incidents panel of the leaders' dashboard: the figures of hue_s/modules/dashboard/wire.py
computed by SQL aggregates (a few grouped SELECTs per request; no case is loaded in Python)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, Table, and_, case, extract, func, select
from sqlalchemy.orm import Session

from hue_s.backend.accounts.models import STAFF_ROLES
from hue_s.backend.incidents.models import HotlineCall, Incident, IncidentEvent, IncidentService
from hue_s.backend.incidents.status import CLOSED_STATUSES
from hue_s.modules.dashboard.wire import (
    SATISFIED_FROM_STARS,
    Bucket,
    CaseFigures,
    CasesPanel,
    PanelQuery,
    Slice,
    TrendPoint,
    WardFigures,
    percent,
)

CASES = cast(Table, Incident.__table__)
EVENTS = cast(Table, IncidentEvent.__table__)
CALLS = cast(Table, HotlineCall.__table__)
SERVICES = cast(Table, IncidentService.__table__)
NOT_RESPONSES = ("received", "rated", "reopened")
"""Timeline entries that are not staff answering: the filing, the citizen's own moves."""
COUNTS = ("received", "processed", "on_time", "late", "open_not_due", "overdue", "reopened",
          "rated", "satisfied", "calls_received", "calls_to_cases")  # fmt: skip
KEYS = (CASES.c.ward_code, CASES.c.service_code, CASES.c.source)
"""Cases are summed per ward, category and channel in one statement, then folded in Python
(at most wards x categories x channels rows): one scan of the period for every breakdown."""
WARD, CATEGORY, CHANNEL = range(3)
Key = tuple[str | None, str, str]


def seconds_between(session: Session, start: Any, end: Any) -> ColumnElement[Any]:
    """Return the SQL of the seconds from `start` to `end` (two timestamp columns)."""
    if session.get_bind().dialect.name == "postgresql":
        return extract("epoch", end - start)
    return (func.julianday(end) - func.julianday(start)) * 86400.0


def hue_day(session: Session, moment: Any) -> ColumnElement[Any]:
    """Return the SQL of a timestamp's day in Huế (UTC+7, no daylight saving) as YYYY-MM-DD."""
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone("Asia/Ho_Chi_Minh", moment), "YYYY-MM-DD")
    return func.strftime("%Y-%m-%d", moment, "+7 hours")


def cohort(query: PanelQuery) -> list[ColumnElement[bool]]:
    """Return the conditions of the cases received in the period, in the scope."""
    found = [CASES.c.requested_at >= query.start, CASES.c.requested_at < query.end]
    if query.ward_code is not None:
        found.append(CASES.c.ward_code == query.ward_code)
    return found


def count_if(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    """Return SUM(CASE WHEN condition THEN 1 ELSE 0 END)."""
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def case_sums(session: Session, query: PanelQuery) -> Select[Any]:
    """Return the statement of the case counts and summed times per ward, category, channel."""
    closed = CASES.c.status.in_(CLOSED_STATUSES)
    resolved = CASES.c.status == "resolved"
    reopened = CASES.c.id.in_(select(EVENTS.c.incident_id).where(EVENTS.c.action == "reopened"))
    resolution = seconds_between(session, CASES.c.requested_at, CASES.c.closed_at)
    return (
        select(
            *KEYS,
            func.count().label("received"),
            count_if(closed).label("processed"),
            count_if(and_(closed, CASES.c.closed_at <= CASES.c.deadline_at)).label("on_time"),
            count_if(and_(closed, CASES.c.closed_at > CASES.c.deadline_at)).label("late"),
            count_if(and_(~closed, CASES.c.deadline_at >= query.now)).label("open_not_due"),
            count_if(and_(~closed, CASES.c.deadline_at < query.now)).label("overdue"),
            count_if(reopened).label("reopened"),
            func.count(CASES.c.rating).label("rated"),
            count_if(CASES.c.rating >= SATISFIED_FROM_STARS).label("satisfied"),
            count_if(resolved).label("resolved"),
            func.coalesce(func.sum(case((resolved, resolution))), 0).label("resolution_s"),
        )
        .where(*cohort(query))
        .group_by(*KEYS)
    )


def response_sums(session: Session, query: PanelQuery) -> Select[Any]:
    """Return the statement of the cases answered and their summed seconds to a first staff
    answer, per ward, category and channel."""
    firsts = (
        select(
            *KEYS,
            CASES.c.requested_at.label("requested_at"),
            func.min(EVENTS.c.at).label("first_at"),
        )
        .join(EVENTS, EVENTS.c.incident_id == CASES.c.id)
        .where(
            *cohort(query),
            EVENTS.c.action.not_in(NOT_RESPONSES),
            EVENTS.c.actor_role.in_(STAFF_ROLES),
            EVENTS.c.public.is_(True),
        )
        .group_by(CASES.c.id, CASES.c.requested_at, *KEYS)
        .subquery()
    )
    keys = (firsts.c.ward_code, firsts.c.service_code, firsts.c.source)
    waited = seconds_between(session, firsts.c.requested_at, firsts.c.first_at)
    return select(
        *keys, func.count().label("responded"), func.sum(waited).label("response_s")
    ).group_by(*keys)


def call_sums(query: PanelQuery) -> Select[Any]:
    """Return the statement of incoming calls and those turned into cases, per ward."""
    conditions = [
        CALLS.c.direction == "incoming",
        CALLS.c.at >= query.start,
        CALLS.c.at < query.end,
    ]
    if query.ward_code is not None:
        conditions.append(CALLS.c.ward_code == query.ward_code)
    return (
        select(
            CALLS.c.ward_code,
            func.count().label("calls_received"),
            func.count(CALLS.c.incident_id).label("calls_to_cases"),
        )
        .where(*conditions)
        .group_by(CALLS.c.ward_code)
    )


def case_tallies(session: Session, query: PanelQuery) -> dict[Key, Counter[str]]:
    """Return the sums of each (ward, category, channel) with cases in the period."""
    found: dict[Key, Counter[str]] = {}
    for statement in (case_sums(session, query), response_sums(session, query)):
        for row in session.execute(statement).mappings():
            key = (row["ward_code"], row["service_code"], row["source"])
            sums = {name: float(value or 0) for name, value in row.items() if name not in
                    ("ward_code", "service_code", "source")}  # fmt: skip
            found.setdefault(key, Counter()).update(sums)
    return found


def fold(tallies: dict[Key, Counter[str]], part: int | None) -> dict[Any, Counter[str]]:
    """Add the tallies up by ward, category or channel (None: all into one, under None)."""
    found: dict[Any, Counter[str]] = {}
    for key, sums in tallies.items():
        found.setdefault(None if part is None else key[part], Counter()).update(sums)
    return found


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


def bucket_start(day: date, bucket: Bucket, first: date) -> date:
    """Return the first day of the step holding `day` (never before the period's first day)."""
    if bucket is Bucket.WEEK:
        day -= timedelta(days=day.weekday())
    elif bucket is Bucket.MONTH:
        day = day.replace(day=1)
    return max(day, first)


def trend(session: Session, query: PanelQuery) -> list[TrendPoint]:
    """Return cumulative received and processed per step of the period (days counted in SQL)."""
    first = (query.start + timedelta(hours=7)).date()
    last = (query.end + timedelta(hours=7)).date() - timedelta(days=1)
    received_day = hue_day(session, CASES.c.requested_at)
    closed_day = hue_day(session, CASES.c.closed_at)
    received = select(received_day, func.count()).where(*cohort(query)).group_by(received_day)
    processed = (
        select(closed_day, func.count())
        .where(*cohort(query), CASES.c.status.in_(CLOSED_STATUSES), CASES.c.closed_at < query.end)
        .group_by(closed_day)
    )
    steps: dict[date, Counter[str]] = {}
    day = first
    while day <= last:
        steps.setdefault(bucket_start(day, query.bucket, first), Counter())
        day += timedelta(days=1)
    for kind, statement in (("received", received), ("processed", processed)):
        for day_text, count in session.execute(statement):
            start = bucket_start(date.fromisoformat(day_text), query.bucket, first)
            if start in steps:
                steps[start][kind] += count
    points, totals = [], Counter[str]()
    for start in sorted(steps):
        totals.update(steps[start])
        received_so_far, processed_so_far = totals["received"], totals["processed"]
        points.append(TrendPoint(start=start, received=received_so_far, processed=processed_so_far))
    return points


def slices(
    session: Session, query: PanelQuery, tallies: dict[Key, Counter[str]], part: int
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

    def read(self, session: Session, query: PanelQuery) -> CasesPanel:
        """Return the panel's figures (with trend, categories, channels and wards if asked)."""
        tallies = case_tallies(session, query)
        by_ward = fold(tallies, WARD)
        for row in session.execute(call_sums(query)).mappings():
            by_ward.setdefault(row["ward_code"], Counter()).update(
                calls_received=row["calls_received"], calls_to_cases=row["calls_to_cases"]
            )
        city = sum(by_ward.values(), Counter[str]())
        panel = CasesPanel(figures=figures_of(city), previous=CaseFigures())
        if not query.detail:
            return panel
        panel.trend = trend(session, query)
        panel.categories = slices(session, query, tallies, CATEGORY)
        panel.channels = slices(session, query, tallies, CHANNEL)
        if query.ward_code is None:
            panel.wards = [
                WardFigures(ward_code=code, ward_name=code, figures=figures_of(sums))
                for code, sums in by_ward.items()
                if code is not None
            ]
        return panel
