"""The dashboard's daily roll-ups (CaseDay, CaseClosingDay), kept in step with the cases.

A case's figures change when it is filed, moved (accepted, closed, reopened...), transferred,
rated, or gets a timeline entry (the first staff answer, a reopening). Rather than add or take
deltas at each of those places, every flush that writes a case or a timeline entry rebuilds the
roll-up rows of the days and wards it touched (the old ward too after a transfer) from the cases
themselves, in the same transaction, with the raw path's own statements (sums.py): a
roll-up row cannot drift from what the raw path counts, and a new way of changing a case through
the ORM is covered without anyone remembering it. A day of one ward is a few dozen cases, so the
rebuild costs a few small statements per write. Only the cases' and entries' own writes run this
code: their mappers' events (rollup_models.py) note what changes, and hook the rebuild on the
session that wrote them; a flush of other rows (payments, news) never reaches it. Bulk loads
that bypass the ORM (the benchmark) call rebuild_days(connection) once afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast

from sqlalchemy import (
    Connection,
    Table,
    and_,
    case,
    delete,
    event,
    false,
    func,
    insert,
    or_,
    select,
    true,
)
from sqlalchemy import inspect as inspect_object
from sqlalchemy.orm import InstanceState, Session

from hue_s.hue_time import HUE_TIME
from hue_s.modules.incidents.backend.cases.lifecycle import CASE_EVENTS_LOCK_ID
from hue_s.modules.incidents.backend.cases.status import CLOSED_STATUSES
from hue_s.modules.incidents.backend.dashboard.sums import (
    CASES,
    KEY_NAMES,
    SUMS,
    case_sums,
    hue_day,
    response_sums,
)
from hue_s.modules.incidents.backend.models import (
    CaseClosingDay,
    CaseDay,
    CaseMonth,
    CityClosingDay,
    Incident,
    IncidentEvent,
)

CASE_DAYS = cast(Table, CaseDay.__table__)
CASE_MONTHS = cast(Table, CaseMonth.__table__)
CLOSINGS = cast(Table, CaseClosingDay.__table__)
CITY_CLOSINGS = cast(Table, CityClosingDay.__table__)
DayWard = tuple[str, str | None]
"""A day (YYYY-MM-DD, Huế time) and a ward (None: no ward holds the case)."""


def day_of(moment: datetime) -> str:
    """Return the day in Huế of a moment (naive moments are UTC) as YYYY-MM-DD."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(HUE_TIME).date().isoformat()


def day_start(day: str) -> datetime:
    """Return the first moment of a day in Huế."""
    return datetime.combine(date.fromisoformat(day), time(), HUE_TIME)


def of_days(keys: Iterable[DayWard]) -> Any:
    """Return the condition of the cases received on one of the days in its ward."""
    found = [
        and_(
            CASES.c.requested_at >= day_start(day),
            CASES.c.requested_at < day_start(day) + timedelta(days=1),
            CASES.c.ward_code.is_not_distinct_from(ward),
        )
        for day, ward in keys
    ]
    return or_(false(), *found)


def rows_of(connection: Connection, where: Any) -> tuple[list[dict[str, Any]], list[Any]]:
    """Return the roll-up rows (days, closings) of the cases meeting `where`."""
    dialect = connection.dialect.name
    day = hue_day(dialect, CASES.c.requested_at).label("day")
    sums: dict[tuple[Any, ...], dict[str, Any]] = {}
    for statement in (case_sums(dialect, where, day), response_sums(dialect, where, day)):
        for row in connection.execute(statement).mappings():
            key = (row["day"], *(row[name] for name in KEY_NAMES))
            found = sums.setdefault(key, dict.fromkeys(SUMS, 0))
            found.update({name: row[name] or 0 for name in SUMS if name in row})
    days = [dict(zip(("day", *KEY_NAMES), key, strict=True), **row) for key, row in sums.items()]
    closed_day = case(
        (CASES.c.status.in_(CLOSED_STATUSES), hue_day(dialect, CASES.c.closed_at)), else_=None
    )
    closings = connection.execute(
        select(day, CASES.c.ward_code, closed_day, func.count())
        .where(where)
        .group_by(day, CASES.c.ward_code, closed_day)
    ).all()
    names = ("day", "ward_code", "closed_day", "cases")
    return days, [dict(zip(names, row, strict=True)) for row in closings]


def rebuild_days(connection: Connection, keys: Iterable[DayWard] | None = None) -> None:
    """Compute again the roll-up rows of these days and wards (None: of every case)."""
    keys = None if keys is None else sorted(set(keys), key=str)
    if keys == []:
        return
    if connection.dialect.name == "postgresql":
        # The timeline's lock: one lock for every case write, so no two rebuilds of a day mix
        # and none waits for the other's lock in the opposite order.
        connection.execute(select(func.pg_advisory_xact_lock(CASE_EVENTS_LOCK_ID)))
    where = of_days(keys) if keys is not None else CASES.c.id.is_not(None)
    for table in (CASE_DAYS, CLOSINGS):
        mine = [and_(table.c.day == day, table.c.ward_code.is_not_distinct_from(ward))
                for day, ward in keys or ()]  # fmt: skip
        connection.execute(delete(table).where(or_(*mine)) if keys else delete(table))
    days, closings = rows_of(connection, where)
    if days:
        connection.execute(insert(CASE_DAYS), days)
    if closings:
        connection.execute(insert(CLOSINGS), closings)
    rebuild_months(connection, None if keys is None else {(day[:7], ward) for day, ward in keys})
    rebuild_city_closings(connection, None if keys is None else {day for day, _ward in keys})


def fill_if_missing(connection: Connection) -> None:
    """Build every roll-up when there are cases (calls) and no roll-up yet (an install upgraded)."""
    from hue_s.modules.incidents.backend.dashboard.call_rollups import fill_calls_if_missing

    cases = connection.scalar(select(CASES.c.id).limit(1))
    if cases is not None and connection.scalar(select(CASE_DAYS.c.id).limit(1)) is None:
        rebuild_days(connection)
    fill_calls_if_missing(connection)


def rebuild_city_closings(connection: Connection, days: set[str] | None) -> None:
    """Add the wards' closings of these days (None: all) up again for the city."""
    table = CITY_CLOSINGS
    connection.execute(delete(table).where(table.c.day.in_(days)) if days else delete(table))
    added = (
        select(CLOSINGS.c.day, CLOSINGS.c.closed_day, func.sum(CLOSINGS.c.cases))
        .where(CLOSINGS.c.day.in_(days) if days else true())
        .group_by(CLOSINGS.c.day, CLOSINGS.c.closed_day)
    )
    connection.execute(insert(table).from_select(["day", "closed_day", "cases"], added))


def rebuild_months(connection: Connection, keys: set[DayWard] | None) -> None:
    """Add the daily roll-ups of these months and wards (None: all) up again."""
    month = func.substr(CASE_DAYS.c.day, 1, 7)
    mine = [and_(CASE_MONTHS.c.month == key, CASE_MONTHS.c.ward_code.is_not_distinct_from(ward))
            for key, ward in keys or ()]  # fmt: skip
    days = [and_(month == key, CASE_DAYS.c.ward_code.is_not_distinct_from(ward))
            for key, ward in keys or ()]  # fmt: skip
    connection.execute(delete(CASE_MONTHS).where(or_(*mine)) if keys else delete(CASE_MONTHS))
    keys_of = [CASE_DAYS.c[name] for name in KEY_NAMES]
    sums = [func.sum(CASE_DAYS.c[name]) for name in SUMS]
    added = (
        select(month, *keys_of, *sums)
        .where(or_(*days) if keys else true())
        .group_by(month, *keys_of)
    )
    columns = ["month", *KEY_NAMES, *SUMS]
    connection.execute(insert(CASE_MONTHS).from_select(columns, added))


PENDING = "hue_s.rollups.pending"
"""Where a session notes, during a flush, the days and wards its cases had before it (a transfer
leaves a ward) and the ids of the cases it writes; present once the session wrote a case."""
KEY_COLUMNS = ("requested_at", "ward_code")
"""The columns that place a case's roll-up rows: its day and its ward."""


def case_days(connection: Connection, ids: set[int]) -> set[DayWard]:
    """Return the days and wards of these cases as the transaction sees them."""
    if not ids:
        return set()
    rows = connection.execute(
        select(CASES.c.requested_at, CASES.c.ward_code).where(CASES.c.id.in_(ids))
    )
    return {(day_of(requested), ward) for requested, ward in rows}


def pending(session: Session) -> tuple[set[DayWard], set[int]]:
    """Return the old days and the case ids noted for this session's flush; at the session's
    first case write, also hook the rebuild on its flushes (sessions writing no case have none)."""
    found: tuple[set[DayWard], set[int]] | None = session.info.get(PENDING)
    if found is None:
        found = session.info[PENDING] = (set(), set())
        event.listen(session, "after_flush", keep_rollups)
    return found


def note_old_days(connection: Connection, incident: Incident, deleting: bool) -> None:
    """Before a case's UPDATE or DELETE: note its day and ward as they stand, if the write
    may change them (a deletion, a new ward or day)."""
    state = inspect_object(incident)
    if deleting or any(state.attrs[name].history.has_changes() for name in KEY_COLUMNS):
        assert state.session is not None and state.identity is not None
        pending(state.session)[0].update(case_days(connection, {state.identity[0]}))


def note_written(item: Incident | IncidentEvent) -> None:
    """After a case or a timeline entry is inserted, updated or deleted: note its case."""
    state: InstanceState[Any] = inspect_object(item)
    if isinstance(item, Incident):
        # A case just filed has its id but no identity until after the flush's listeners.
        number = state.identity[0] if state.identity else state.dict.get("id")
    else:
        number = state.dict.get("incident_id")
    if number is not None and state.session is not None:
        pending(state.session)[1].add(number)


def keep_rollups(session: Session, _context: Any) -> None:
    """After a flush of a session that wrote cases: rebuild the roll-ups of the days and wards
    this flush wrote (before and after), in its transaction."""
    days, ids = session.info[PENDING]
    if days or ids:
        connection = session.connection()
        keys = days | case_days(connection, ids)
        days.clear()
        ids.clear()
        rebuild_days(connection, keys)
