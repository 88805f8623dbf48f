"""The hotline's daily roll-up (CallDay: calls per Huế day, ward and direction, and how many
became cases), kept in step with the calls the way rollups.py keeps the cases' roll-ups: every
flush that writes a call rebuilds the rows of the days and wards it touched (before and after
the write) from the calls themselves, in the same transaction. The dashboard's hotline figures
and the hotline's daily counts read whole days from it, so they cost tens of rows a ward and
month, not every call."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    Connection,
    Select,
    Table,
    and_,
    delete,
    event,
    false,
    func,
    insert,
    or_,
    select,
)
from sqlalchemy import inspect as inspect_object
from sqlalchemy.orm import Session

from hue_s.modules.incidents.backend.cases.lifecycle import CASE_EVENTS_LOCK_ID
from hue_s.modules.incidents.backend.dashboard.rollup_models import CallDay
from hue_s.modules.incidents.backend.dashboard.rollups import DayWard, day_of, day_start
from hue_s.modules.incidents.backend.dashboard.sums import CALLS, call_sums, hue_day
from hue_s.modules.incidents.backend.models import HotlineCall

CALL_DAYS = cast(Table, CallDay.__table__)
PENDING_CALLS = "hue_s.rollups.pending_calls"
"""Where a session notes, during a flush, the days and wards of the calls it writes."""
KEY_COLUMNS = ("at", "ward_code")


def call_day_sums(dialect: str, where: Any) -> Select[Any]:
    """Return the statement of the calls, and of those turned into cases, per Huế day, ward and
    direction, of the calls meeting `where`."""
    keys = [hue_day(dialect, CALLS.c.at).label("day"), CALLS.c.ward_code, CALLS.c.direction]
    to_cases = func.count(CALLS.c.incident_id).label("to_cases")
    return select(*keys, func.count().label("calls"), to_cases).where(where).group_by(*keys)


def call_statements(
    start: datetime, end: datetime, ward_code: str | None, whole: tuple[str, str] | None
) -> list[Select[Any]]:
    """Return the statements of the incoming calls of [start, end) and those turned into cases,
    per ward: its whole days [whole) from the roll-up, the parts of days around from the calls
    (None: every call from the calls)."""
    if whole is None:
        return [call_sums(start, end, ward_code)]
    table = CALL_DAYS
    where = [table.c.direction == "incoming", table.c.day >= whole[0], table.c.day < whole[1]]
    if ward_code is not None:
        where.append(table.c.ward_code == ward_code)
    days = select(
        table.c.ward_code,
        func.sum(table.c.calls).label("calls_received"),
        func.sum(table.c.to_cases).label("calls_to_cases"),
    )
    edges = [(start, day_start(whole[0])), (day_start(whole[1]), end)]
    return [
        days.where(*where).group_by(table.c.ward_code),
        *(call_sums(first, after, ward_code) for first, after in edges if first < after),
    ]


def of_day(day: str, ward: str | None) -> Any:
    """Return the condition of the calls of a day (Huế time) in a ward (None: no ward)."""
    start = day_start(day)
    return and_(
        CALLS.c.at >= start,
        CALLS.c.at < start + timedelta(days=1),
        CALLS.c.ward_code.is_not_distinct_from(ward),
    )


def rebuild_call_days(connection: Connection, keys: Iterable[DayWard] | None = None) -> None:
    """Count again the roll-up rows of these days and wards (None: of every call)."""
    keys = None if keys is None else sorted(set(keys), key=str)
    if keys == []:
        return
    if connection.dialect.name == "postgresql":
        # The cases' lock (see rollups.py): no two rebuilds of a day from different snapshots.
        connection.execute(select(func.pg_advisory_xact_lock(CASE_EVENTS_LOCK_ID)))
    if keys is None:
        connection.execute(delete(CALL_DAYS))
        where: Any = CALLS.c.id.is_not(None)
    else:
        table = CALL_DAYS
        mine = [and_(table.c.day == day, table.c.ward_code.is_not_distinct_from(ward))
                for day, ward in keys]  # fmt: skip
        connection.execute(delete(table).where(or_(*mine)))
        where = or_(false(), *(of_day(day, ward) for day, ward in keys))
    rows = connection.execute(call_day_sums(connection.dialect.name, where)).mappings().all()
    if rows:
        connection.execute(insert(CALL_DAYS), [dict(row) for row in rows])


def fill_calls_if_missing(connection: Connection) -> None:
    """Count every call into the roll-up when there are calls and no roll-up yet (an upgrade)."""
    calls = connection.scalar(select(CALLS.c.id).limit(1))
    if calls is not None and connection.scalar(select(CALL_DAYS.c.id).limit(1)) is None:
        rebuild_call_days(connection)


def call_days(connection: Connection, ids: set[int]) -> set[DayWard]:
    """Return the days and wards of these calls as the transaction sees them."""
    if not ids:
        return set()
    rows = connection.execute(select(CALLS.c.at, CALLS.c.ward_code).where(CALLS.c.id.in_(ids)))
    return {(day_of(at), ward) for at, ward in rows}


def pending_calls(session: Session) -> tuple[set[DayWard], set[int]]:
    """Return the old days and the call ids noted for this session's flush; at its first call
    write, also hook the rebuild on its flushes."""
    found: tuple[set[DayWard], set[int]] | None = session.info.get(PENDING_CALLS)
    if found is None:
        found = session.info[PENDING_CALLS] = (set(), set())
        event.listen(session, "after_flush", keep_call_rollups)
    return found


def note_old_call_day(connection: Connection, call: HotlineCall, deleting: bool) -> None:
    """Before a call's UPDATE or DELETE: note its day and ward if the write may move them."""
    state = inspect_object(call)
    if deleting or any(state.attrs[name].history.has_changes() for name in KEY_COLUMNS):
        assert state.session is not None and state.identity is not None
        pending_calls(state.session)[0].update(call_days(connection, {state.identity[0]}))


def note_written_call(call: HotlineCall) -> None:
    """After a call is inserted, updated or deleted: note it for the flush's rebuild."""
    state = inspect_object(call)
    number = state.identity[0] if state.identity else state.dict.get("id")
    if number is not None and state.session is not None:
        pending_calls(state.session)[1].add(number)


def keep_call_rollups(session: Session, _context: Any) -> None:
    """After a flush that wrote calls: rebuild the roll-up rows of their days and wards."""
    days, ids = session.info[PENDING_CALLS]
    if days or ids:
        connection = session.connection()
        keys = days | call_days(connection, ids)
        days.clear()
        ids.clear()
        rebuild_call_days(connection, keys)
