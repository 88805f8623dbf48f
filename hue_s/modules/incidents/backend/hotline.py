"""The 19001075 hotline log: calls officers take or make, turned into cases, counted by day.

An officer sees, and turns into cases, only the calls of the ward they serve; a call about
another ward is logged with that ward's code, and its officers make the case. City-wide staff
(operators, leaders, admins) see every call, also those logged without a ward.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, Select, func, select, true
from sqlalchemy.orm import Session

from hue_s.backend.accounts.models import User
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.kernel.models import Ward
from hue_s.modules.incidents.backend.auth import CITY_WIDE_ROLES, actor_of, check_files_in_own_ward
from hue_s.modules.incidents.backend.cases.reporting import file_incident
from hue_s.modules.incidents.backend.cases.submission import Submission
from hue_s.modules.incidents.backend.dashboard.call_rollups import CALL_DAYS
from hue_s.modules.incidents.backend.models import HotlineCall, Incident
from hue_s.modules.incidents.backend.photos.exif import HUE_TIME
from hue_s.modules.incidents.backend.schemas import CallIn, CallToCase, DailyCalls

HOTLINE_NUMBER = "19001075"


def log_call(session: Session, call: CallIn, user: User, now: datetime) -> HotlineCall:
    """Store a call (422 ward_not_found for an unknown ward)."""
    if call.ward_code is not None and session.get(Ward, call.ward_code) is None:
        raise APIError(
            422, "ward_not_found", f"No ward or commune has the code {call.ward_code!r}."
        )
    row = HotlineCall(
        direction=call.direction,
        number=call.number.strip(),
        summary=call.summary.strip(),
        at=now,
        officer_id=user.id,
        ward_code=call.ward_code or user.ward_code,
    )
    session.add(row)
    session.commit()
    return row


def served_calls(user: User) -> ColumnElement[bool]:
    """Return the condition for the calls a staff member sees: their ward's, or all city-wide."""
    if user.role in CITY_WIDE_ROLES:
        return true()
    return HotlineCall.ward_code == user.ward_code


def calls_between(user: User, start: datetime, end: datetime) -> Select[HotlineCall]:
    """Return the query of the calls a staff member sees in [start, end), oldest first."""
    return (
        select(HotlineCall)
        .where(served_calls(user), HotlineCall.at >= start, HotlineCall.at < end)
        .order_by(HotlineCall.at, HotlineCall.id)
    )


def call_for_staff(session: Session, call_id: int, user: User) -> HotlineCall:
    """Return a call of a ward the staff member serves (404 call_not_found otherwise)."""
    call = session.get(HotlineCall, call_id)
    if call is None or not (user.role in CITY_WIDE_ROLES or call.ward_code == user.ward_code):
        raise APIError(404, "call_not_found", f"No hotline call {call_id}.")
    return call


def call_to_case(
    session: Session, call_id: int, details: CallToCase, user: User, now: datetime
) -> Incident:
    """Create the case a call reports, in the officer's ward (409 call_already_has_case)."""
    call = call_for_staff(session, call_id, user)
    if call.incident_id is not None:
        raise APIError(409, "call_already_has_case", "This call was already turned into a case.")
    answers: dict[str, str | list[str]] = {"urgency": details.urgency}
    ward_code = details.ward_code or call.ward_code
    if ward_code:
        answers["ward_code"] = ward_code
    texts = {"description": details.description or call.summary, "phone": call.number}
    if details.address:
        texts["address_string"] = details.address
    submission = Submission(
        service_code=details.service_code,
        lat=details.lat,
        lon=details.lon,
        texts=texts,
        answers=answers,
    )
    filed = file_incident(
        session,
        submission,
        actor_of(user),
        now,
        source="hotline",
        photos=[],
        actor_is_reporter=False,
    )
    incident = session.get_one(Incident, filed.id)
    check_files_in_own_ward(session, user, incident.ward_code)
    call.incident_id = filed.id
    session.commit()
    return incident


def day_bounds(first: date, last: date | None = None) -> tuple[datetime, datetime]:
    """Return the start of the first day and the end of the last (Huế time)."""
    start = datetime.combine(first, time(), HUE_TIME)
    end = datetime.combine((last or first) + timedelta(days=1), time(), HUE_TIME)
    return start, end


def daily_counts(session: Session, first: date, last: date, user: User) -> list[DailyCalls]:
    """Return per day (Huế time) the calls the user sees, in and out, and the cases made of them
    (read from the calls' daily roll-up, call_rollups.py)."""
    table = CALL_DAYS
    where = [table.c.day >= first.isoformat(), table.c.day <= last.isoformat()]
    if user.role not in CITY_WIDE_ROLES:
        where.append(table.c.ward_code == user.ward_code)
    rows = session.execute(
        select(table.c.day, table.c.direction, func.sum(table.c.calls), func.sum(table.c.to_cases))
        .where(*where)
        .group_by(table.c.day, table.c.direction)
    )
    counts: Counter[tuple[date, str]] = Counter()
    for day_text, direction, calls, to_cases in rows:
        day = date.fromisoformat(day_text)
        counts[(day, direction)] += calls
        counts[(day, "cases")] += to_cases
    days = [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
    return [
        DailyCalls(
            day=day,
            incoming=counts[(day, "incoming")],
            outgoing=counts[(day, "outgoing")],
            cases=counts[(day, "cases")],
        )
        for day in days
    ]
