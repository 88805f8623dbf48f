"""The incidents panel's trend: cases received and processed per day, week or month of the
period, cumulative; days counted in SQL, from the closings roll-up when the period is whole
Huế days, else from the cases."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Select,
    func,
    select,
)
from sqlalchemy.orm import Session

from hue_s.hue_time import HUE_TIME
from hue_s.modules.dashboard.wire import (
    Bucket,
    PanelQuery,
    TrendPoint,
)
from hue_s.modules.incidents.backend.cases.status import CLOSED_STATUSES
from hue_s.modules.incidents.backend.dashboard.rollups import (
    CITY_CLOSINGS,
    CLOSINGS,
    day_of,
    day_start,
)
from hue_s.modules.incidents.backend.dashboard.sums import (
    CASES,
    hue_day,
    received_between,
)


def whole_days(start: datetime, end: datetime) -> tuple[str, str] | None:
    """Return the first and the after-last whole Huế day of [start, end), None if none."""
    first = start.astimezone(HUE_TIME)
    if first.time() != datetime.min.time():
        first = first.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    after = day_of(end)
    if first.date().isoformat() >= after:
        return None
    return first.date().isoformat(), after


def bucket_start(day: date, bucket: Bucket, first: date) -> date:
    """Return the first day of the step holding `day` (never before the period's first day)."""
    if bucket is Bucket.WEEK:
        day -= timedelta(days=day.weekday())
    elif bucket is Bucket.MONTH:
        day = day.replace(day=1)
    return max(day, first)


def daily_counts(session: Session, query: PanelQuery, rollups: bool) -> list[Select[Any]]:
    """Return the statements of the period's cases received per day and closed per day (before
    the period's end), as (day, count) rows: from the closings roll-up when the period is whole
    days (as the dashboard's routes ask), else from the cases."""
    whole = whole_days(query.start, query.end) if rollups else None
    if whole is not None and (query.start, query.end) == tuple(map(day_start, whole)):
        table = CITY_CLOSINGS if query.ward_code is None else CLOSINGS
        where = [table.c.day >= whole[0], table.c.day < whole[1]]
        if query.ward_code is not None:
            where.append(table.c.ward_code == query.ward_code)
        closed = [*where, table.c.closed_day.is_not(None), table.c.closed_day < whole[1]]
        cases = func.sum(table.c.cases)
        return [
            select(table.c.day, cases).where(*where).group_by(table.c.day),
            select(table.c.closed_day, cases).where(*closed).group_by(table.c.closed_day),
        ]
    dialect = session.get_bind().dialect.name
    cohort = received_between(query.start, query.end, query.ward_code)
    received_day = hue_day(dialect, CASES.c.requested_at)
    closed_day = hue_day(dialect, CASES.c.closed_at)
    closed = [*cohort, CASES.c.status.in_(CLOSED_STATUSES), CASES.c.closed_at < query.end]
    return [
        select(received_day, func.count()).where(*cohort).group_by(received_day),
        select(closed_day, func.count()).where(*closed).group_by(closed_day),
    ]


def trend(session: Session, query: PanelQuery, rollups: bool) -> list[TrendPoint]:
    """Return cumulative received and processed per step of the period (days counted in SQL)."""
    first = query.start.astimezone(HUE_TIME).date()
    last = query.end.astimezone(HUE_TIME).date() - timedelta(days=1)
    received, processed = daily_counts(session, query, rollups)
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
