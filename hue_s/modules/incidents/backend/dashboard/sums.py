"""The SQL of the dashboard's case sums over the cases themselves: the raw path of the incidents
panel (dashboard.py) and the filling of its daily roll-ups (rollups.py) use the same statements,
so a roll-up holds exactly what the raw path would count (figures defined in dashboard/wire.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, Label, Select, Table, and_, case, extract, func, select

from hue_s.backend.accounts.models import STAFF_ROLES
from hue_s.modules.dashboard.wire import SATISFIED_FROM_STARS
from hue_s.modules.incidents.backend.cases.status import CLOSED_STATUSES, OPEN_STATUSES
from hue_s.modules.incidents.backend.models import HotlineCall, Incident, IncidentEvent

CASES = cast(Table, Incident.__table__)
EVENTS = cast(Table, IncidentEvent.__table__)
CALLS = cast(Table, HotlineCall.__table__)
NOT_RESPONSES = ("received", "rated", "reopened")
"""Timeline entries that are not staff answering: the filing, the citizen's own moves."""
KEYS = (CASES.c.ward_code, CASES.c.service_code, CASES.c.source)
"""Cases are summed per ward, category and channel in one statement, then folded in Python
(at most wards x categories x channels rows): one scan for every breakdown."""
KEY_NAMES = ("ward_code", "service_code", "source")
SUMS = ("received", "processed", "on_time", "late", "open", "reopened", "rated", "satisfied",
        "resolved", "resolution_s", "responded", "response_s")  # fmt: skip
"""What is summed per key, the same in the raw path and in a roll-up row. `open` (not closed)
is split into not yet due and overdue against the asker's clock (open_not_due_sums)."""


def seconds_between(dialect: str, start: Any, end: Any) -> ColumnElement[Any]:
    """Return the SQL of the seconds from `start` to `end` (two timestamp columns)."""
    if dialect == "postgresql":
        return extract("epoch", end - start)
    return (func.julianday(end) - func.julianday(start)) * 86400.0


def hue_day(dialect: str, moment: Any) -> ColumnElement[Any]:
    """Return the SQL of a timestamp's day in Huế (UTC+7, no daylight saving) as YYYY-MM-DD."""
    if dialect == "postgresql":
        return func.to_char(func.timezone("Asia/Ho_Chi_Minh", moment), "YYYY-MM-DD")
    return func.strftime("%Y-%m-%d", moment, "+7 hours")


def received_between(
    start: datetime, end: datetime, ward_code: str | None
) -> list[ColumnElement[bool]]:
    """Return the conditions of the cases received in [start, end), in a ward (None: city)."""
    found = [CASES.c.requested_at >= start, CASES.c.requested_at < end]
    if ward_code is not None:
        found.append(CASES.c.ward_code == ward_code)
    return found


def count_if(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    """Return SUM(CASE WHEN condition THEN 1 ELSE 0 END)."""
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def case_sums(dialect: str, where: Any, *extra: Label[Any]) -> Select[Any]:
    """Return the statement of the case counts and summed times per ward, category, channel
    (and the labelled `extra` columns first) of the cases meeting `where`."""
    closed = CASES.c.status.in_(CLOSED_STATUSES)
    resolved = CASES.c.status == "resolved"
    reopened = CASES.c.id.in_(select(EVENTS.c.incident_id).where(EVENTS.c.action == "reopened"))
    resolution = seconds_between(dialect, CASES.c.requested_at, CASES.c.closed_at)
    return (
        select(
            *extra,
            *KEYS,
            func.count().label("received"),
            count_if(closed).label("processed"),
            count_if(and_(closed, CASES.c.closed_at <= CASES.c.deadline_at)).label("on_time"),
            count_if(and_(closed, CASES.c.closed_at > CASES.c.deadline_at)).label("late"),
            count_if(CASES.c.status.in_(OPEN_STATUSES)).label("open"),
            count_if(reopened).label("reopened"),
            func.count(CASES.c.rating).label("rated"),
            count_if(CASES.c.rating >= SATISFIED_FROM_STARS).label("satisfied"),
            count_if(resolved).label("resolved"),
            func.coalesce(func.sum(case((resolved, resolution))), 0).label("resolution_s"),
        )
        .where(where)
        .group_by(*extra, *KEYS)
    )


def response_sums(dialect: str, where: Any, *extra: Label[Any]) -> Select[Any]:
    """Return the statement of the cases answered and their summed seconds to a first staff
    answer, per ward, category and channel (and the labelled `extra` columns first)."""
    firsts = (
        select(
            *extra,
            *KEYS,
            CASES.c.requested_at.label("requested_at"),
            func.min(EVENTS.c.at).label("first_at"),
        )
        .join(EVENTS, EVENTS.c.incident_id == CASES.c.id)
        .where(
            where,
            EVENTS.c.action.not_in(NOT_RESPONSES),
            EVENTS.c.actor_role.in_(STAFF_ROLES),
            EVENTS.c.public.is_(True),
        )
        .group_by(CASES.c.id, CASES.c.requested_at, *extra, *KEYS)
        .subquery()
    )
    keys = [firsts.c[name] for name in (*(column.name for column in extra), *KEY_NAMES)]
    waited = seconds_between(dialect, firsts.c.requested_at, firsts.c.first_at)
    return select(
        *keys, func.count().label("responded"), func.sum(waited).label("response_s")
    ).group_by(*keys)


def open_not_due_sums(where: Any, now: datetime) -> Select[Any]:
    """Return the statement of the open cases whose deadline is still ahead of `now`, per ward,
    category and channel (found through the open cases' deadlines: few are ahead of now)."""
    return (
        select(*KEYS, func.count().label("open_not_due"))
        .where(where, CASES.c.status.in_(OPEN_STATUSES), CASES.c.deadline_at >= now)
        .group_by(*KEYS)
    )


def call_sums(start: datetime, end: datetime, ward_code: str | None) -> Select[Any]:
    """Return the statement of incoming calls and those turned into cases, per ward."""
    conditions = [CALLS.c.direction == "incoming", CALLS.c.at >= start, CALLS.c.at < end]
    if ward_code is not None:
        conditions.append(CALLS.c.ward_code == ward_code)
    return (
        select(
            CALLS.c.ward_code,
            func.count().label("calls_received"),
            func.count(CALLS.c.incident_id).label("calls_to_cases"),
        )
        .where(*conditions)
        .group_by(CALLS.c.ward_code)
    )
