"""The incidents panel of the leaders' dashboard: the figures of hue_s/modules/dashboard/wire.py
computed by SQL aggregates (a few grouped SELECTs per request; no case is loaded in Python)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, Table, and_, case, exists, extract, func, null, select
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
GROUPS = {"ward": CASES.c.ward_code, "category": CASES.c.service_code, "channel": CASES.c.source}
COUNTS = ("received", "processed", "on_time", "late", "open_not_due", "overdue", "reopened")


def group_key(group: str | None) -> tuple[ColumnElement[Any], list[ColumnElement[Any]]]:
    """Return the key column of a grouping and what to GROUP BY (NULL and nothing: no groups)."""
    if group is None:
        return null(), []
    return GROUPS[group], [GROUPS[group]]


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


def case_counts(session: Session, query: PanelQuery, group: str | None) -> Select[Any]:
    """Return the statement of the case figures, one row per group (or one row)."""
    closed = CASES.c.status.in_(CLOSED_STATUSES)
    reopened = exists().where(EVENTS.c.incident_id == CASES.c.id, EVENTS.c.action == "reopened")
    resolution = seconds_between(session, CASES.c.requested_at, CASES.c.closed_at)
    key, grouping = group_key(group)
    return (
        select(
            key.label("key"),
            func.count().label("received"),
            count_if(closed).label("processed"),
            count_if(and_(closed, CASES.c.closed_at <= CASES.c.deadline_at)).label("on_time"),
            count_if(and_(closed, CASES.c.closed_at > CASES.c.deadline_at)).label("late"),
            count_if(and_(~closed, CASES.c.deadline_at >= query.now)).label("open_not_due"),
            count_if(and_(~closed, CASES.c.deadline_at < query.now)).label("overdue"),
            count_if(reopened).label("reopened"),
            func.count(CASES.c.rating).label("rated"),
            count_if(CASES.c.rating >= SATISFIED_FROM_STARS).label("satisfied"),
            func.avg(case((CASES.c.status == "resolved", resolution))).label("resolution_s"),
        )
        .where(*cohort(query))
        .group_by(*grouping)
    )


def first_responses(session: Session, query: PanelQuery, group: str | None) -> Select[Any]:
    """Return the statement of the mean seconds to a first staff answer, per group."""
    key, grouping = group_key(group)
    firsts = (
        select(
            key.label("key"),
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
        .group_by(CASES.c.id, CASES.c.requested_at, *grouping)
        .subquery()
    )
    waited = seconds_between(session, firsts.c.requested_at, firsts.c.first_at)
    if not grouping:
        return select(null().label("key"), func.avg(waited).label("seconds"))
    return select(firsts.c.key, func.avg(waited).label("seconds")).group_by(firsts.c.key)


def call_counts(query: PanelQuery, by_ward: bool) -> Select[Any]:
    """Return the statement of incoming calls and those turned into cases, per ward or all."""
    key, grouping = (CALLS.c.ward_code, [CALLS.c.ward_code]) if by_ward else (null(), [])
    conditions = [
        CALLS.c.direction == "incoming",
        CALLS.c.at >= query.start,
        CALLS.c.at < query.end,
    ]
    if query.ward_code is not None:
        conditions.append(CALLS.c.ward_code == query.ward_code)
    return (
        select(
            key.label("key"),
            func.count().label("calls"),
            func.count(CALLS.c.incident_id).label("to_cases"),
        )
        .where(*conditions)
        .group_by(*grouping)
    )


def hours(seconds: Any) -> float | None:
    """Return seconds as hours rounded to 0.1 (None stays None)."""
    return None if seconds is None else round(float(seconds) / 3600, 1)


def figures_by(session: Session, query: PanelQuery, group: str | None) -> dict[Any, CaseFigures]:
    """Return the figures per group key (None: the one row of the whole scope)."""
    found: dict[Any, CaseFigures] = {}
    for row in session.execute(case_counts(session, query, group)):
        counts = {name: int(row._mapping[name]) for name in (*COUNTS, "rated", "satisfied")}
        found[row.key] = CaseFigures(
            **counts,
            processed_pct=percent(counts["processed"], counts["received"]),
            on_time_pct=percent(counts["on_time"], counts["processed"]),
            satisfaction_pct=percent(counts["satisfied"], counts["rated"]),
            avg_resolution_hours=hours(row.resolution_s),
        )
    for row in session.execute(first_responses(session, query, group)):
        if row.key in found:
            found[row.key].avg_first_response_hours = hours(row.seconds)
    if group in (None, "ward"):
        for row in session.execute(call_counts(query, by_ward=group == "ward")):
            figures = found.setdefault(row.key, CaseFigures())
            figures.calls_received, figures.calls_to_cases = row.calls, row.to_cases
    return found


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


def slices(session: Session, query: PanelQuery, group: str) -> list[Slice]:
    """Return the figures per category or channel, most overdue first."""
    names: dict[str, str] = {}
    if group == "category":
        name = SERVICES.c.name_en if query.language == "en" else SERVICES.c.name_vi
        names = {code: label for code, label in session.execute(select(SERVICES.c.code, name))}
    found = [
        Slice(
            key=key,
            label=names.get(key, key),
            received=figures.received,
            processed=figures.processed,
            overdue=figures.overdue,
        )
        for key, figures in figures_by(session, query, group).items()
    ]
    return sorted(found, key=lambda item: (-item.overdue, -item.received, item.key))


class CasesPanelProvider:
    """The incidents panel: case and hotline figures for a scope and a period."""

    id = "cases"

    def read(self, session: Session, query: PanelQuery) -> CasesPanel:
        """Return the panel's figures (with trend, categories, channels and wards if asked)."""
        figures = figures_by(session, query, None).get(None, CaseFigures())
        panel = CasesPanel(figures=figures, previous=CaseFigures())
        if not query.detail:
            return panel
        panel.trend = trend(session, query)
        panel.categories = slices(session, query, "category")
        panel.channels = slices(session, query, "channel")
        if query.ward_code is None:
            panel.wards = [
                WardFigures(ward_code=code, ward_name=code, figures=ward_figures)
                for code, ward_figures in figures_by(session, query, "ward").items()
                if code is not None
            ]
        return panel
