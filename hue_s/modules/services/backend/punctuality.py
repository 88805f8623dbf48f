"""On-time accounting of dossiers: every figure the leaders' dashboard shows, defined here once.

Source: Decision 766/QĐ-TTg (23 June 2022) on the index set for directing and assessing the
service of citizens and businesses in administrative procedures in real time; its progress
group ("tiến độ giải quyết") counts dossiers settled early or on time against those late, and
those in process within or past their time. The categories are those of the one-stop reports
(Decree 61/2018/NĐ-CP; report forms of Circular 01/2020/TT-VPCP): received in the period;
settled early, on time, late; in process not yet due, overdue; returned. Days are Huế days;
the due day is the appointment day (ngày hẹn trả, deadlines.py). For a period [start, end),
as of `as_of` = the earlier of `end` and now:

- received: filed in the period.
- early / on_time / late: approved in the period, on a day before / on / after its due day.
- returned: refused in the period, or waiting at `as_of` for the citizen's supplement (the
  clock is stopped; QĐ 766 does not score them as late).
- pending_not_due / pending_overdue: neither approved nor refused by `as_of` and not waiting
  for the citizen, with the day of `as_of`'s last moment on or before / after the due day then
  in force (the full time from the filing or the last supplement), whenever it was filed.
- on_time_pct: (early + on_time) / (early + on_time + late), in percent; None with none.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.modules.dashboard.wire import Punctuality, PunctualityPanel
from hue_s.modules.services.backend.deadlines import due_on, hue_date
from hue_s.modules.services.backend.models import (
    CataloguePart,
    DossierEventRow,
    DossierRow,
    ProcedureRow,
)
from hue_s.modules.services.wire import working_days

FIGURES = ("received", "early", "on_time", "late", "pending_not_due", "pending_overdue")
DECISIONS = ("approve", "reject")
CLOCK_STARTS = ("submit", "file_at_office", "supplement")


def online_days(document: dict[str, Any]) -> int:
    """Return a procedure's online processing time in working days (1 without a channel)."""
    online = [c for c in document.get("channels", []) if c.get("kind") == "online"]
    return working_days(online[0]["processing_time"]) if online else 1


def bucket_of(
    row: DossierRow, events: list[DossierEventRow], days: int, start: datetime, end: datetime,
    as_of: datetime,
) -> list[str]:  # fmt: skip
    """Return the figures one dossier counts in (its events before `as_of`, oldest first)."""
    counted = ["received"] if start <= row.submitted_at < end else []
    decision = next((e for e in events if e.action in DECISIONS), None)
    if decision is not None:
        if not start <= decision.at < end:
            return counted
        if decision.action == "reject":
            return [*counted, "returned"]
        day, due = hue_date(decision.at), row.due_on
        if due is None:
            return counted
        return [*counted, "early" if day < due else "on_time" if day == due else "late"]
    if events and events[-1].action == "request_supplement":
        return [*counted, "returned"]
    clock = [e for e in events if e.action in CLOCK_STARTS]
    started = clock[-1].at if clock else row.submitted_at
    due = due_on(hue_date(started), days)
    last_day = hue_date(as_of - timedelta(microseconds=1))  # a period's end is its next day
    return [*counted, "pending_not_due" if last_day <= due else "pending_overdue"]


def with_rate(figures: Punctuality) -> Punctuality:
    """Fill in the on-time percentage."""
    decided = figures.early + figures.on_time + figures.late
    if decided:
        figures.on_time_pct = round(100 * (figures.early + figures.on_time) / decided, 1)
    return figures


def punctuality(
    session: Session, ward_code: str | None, start: datetime, end: datetime, now: datetime,
    language: str = "vi",
) -> PunctualityPanel:  # fmt: skip
    """Return the figures of a ward (or the city) for [start, end), as of min(end, now)."""
    as_of = min(end, now)
    procedures = {row.code: row.document for row in session.scalars(select(ProcedureRow))}
    parts = session.scalars(select(CataloguePart).where(CataloguePart.kind == "field"))
    field_names = {part.code: part.document["name"].get(language, "") for part in parts}
    query = select(DossierRow).where(DossierRow.submitted_at < as_of)
    if ward_code is not None:
        query = query.where(DossierRow.ward_code == ward_code)
    rows = list(session.scalars(query))
    events = events_by_dossier(session, (row.id for row in rows), as_of)
    total = Punctuality()
    groups: dict[tuple[str, str], Punctuality] = {}
    for row in rows:
        document = procedures.get(row.procedure_code, {})
        field = document.get("field", "")
        counted = bucket_of(row, events.get(row.id, []), online_days(document), start, end, as_of)
        if not counted:
            continue
        group = groups.setdefault(
            (row.ward_code, field),
            Punctuality(ward_code=row.ward_code, field=field, field_name=field_names.get(field)),
        )
        for figure in counted:
            setattr(group, figure, getattr(group, figure) + 1)
            setattr(total, figure, getattr(total, figure) + 1)
    ordered = [with_rate(groups[key]) for key in sorted(groups)]
    return PunctualityPanel(total=with_rate(total), rows=ordered)


def events_by_dossier(
    session: Session, ids: Iterable[int], as_of: datetime
) -> dict[int, list[DossierEventRow]]:
    """Return the dossiers' timelines before `as_of`, oldest first."""
    wanted = list(ids)
    found: dict[int, list[DossierEventRow]] = {}
    for chunk in range(0, len(wanted), 500):
        query = select(DossierEventRow).where(
            DossierEventRow.dossier_id.in_(wanted[chunk : chunk + 500]), DossierEventRow.at < as_of
        )
        for event in session.scalars(query.order_by(DossierEventRow.at, DossierEventRow.id)):
            found.setdefault(event.dossier_id, []).append(event)
    return found


class PunctualityProvider:
    """The dashboard's public-services panel (the Panel protocol of the dashboard module)."""

    id = "services_punctuality"

    def read(self, session: Session, query: Any) -> PunctualityPanel:
        """Return the figures for the query's scope (ward or city) and period, as of its now."""
        return punctuality(
            session, query.ward_code, query.start, query.end, query.now, query.language
        )
