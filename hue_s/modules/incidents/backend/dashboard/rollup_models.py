"""The dashboard's roll-ups of the cases (tables of the incidents branch, incidents_0004) and
of the hotline's calls (incidents_0005), and the listeners on the cases' and calls' writes that
keep them in step (rollups.py and call_rollups.py do the work)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Float, Index, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column

from hue_s.backend.kernel.models import Base


class CaseSums:
    """The sums of some cases per ward, category and channel, as they stand now (rollups.py
    keeps them in step; sums.py says what each counts)."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ward_code: Mapped[str | None] = mapped_column(String(5))
    service_code: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(20))
    received: Mapped[int] = mapped_column(Integer)
    processed: Mapped[int] = mapped_column(Integer)
    on_time: Mapped[int] = mapped_column(Integer)
    late: Mapped[int] = mapped_column(Integer)
    open: Mapped[int] = mapped_column(Integer)
    reopened: Mapped[int] = mapped_column(Integer)
    rated: Mapped[int] = mapped_column(Integer)
    satisfied: Mapped[int] = mapped_column(Integer)
    resolved: Mapped[int] = mapped_column(Integer)
    resolution_s: Mapped[float] = mapped_column(Float)
    responded: Mapped[int] = mapped_column(Integer)
    response_s: Mapped[float] = mapped_column(Float)


class CaseDay(CaseSums, Base):
    """The dashboard's daily roll-up: the sums of the cases received on one day (Huế time)."""

    __tablename__ = "dashboard_case_days"
    __table_args__ = (
        Index("ix_dashboard_case_days_day", "day", "ward_code"),
        Index("ix_dashboard_case_days_ward", "ward_code", "day"),
    )

    day: Mapped[str] = mapped_column(String(10))
    """YYYY-MM-DD in Huế time of the cases' requested_at."""


class CaseMonth(CaseSums, Base):
    """The monthly roll-up: the sums of a month's daily roll-ups (a year reads 12 rows a key,
    not 365)."""

    __tablename__ = "dashboard_case_months"
    __table_args__ = (
        Index("ix_dashboard_case_months_month", "month", "ward_code"),
        Index("ix_dashboard_case_months_ward", "ward_code", "month"),
    )

    month: Mapped[str] = mapped_column(String(7))
    """YYYY-MM in Huế time of the cases' requested_at."""


class CaseClosingDay(Base):
    """The trend's daily roll-up: how many cases received on `day` in a ward are closed now,
    by their closing day (NULL: still open), both in Huế time."""

    __tablename__ = "dashboard_case_closings"
    __table_args__ = (
        Index("ix_dashboard_case_closings_day", "day", "ward_code"),
        Index("ix_dashboard_case_closings_ward", "ward_code", "day"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    day: Mapped[str] = mapped_column(String(10))
    ward_code: Mapped[str | None] = mapped_column(String(5))
    closed_day: Mapped[str | None] = mapped_column(String(10))
    cases: Mapped[int] = mapped_column(Integer)


class CityClosingDay(Base):
    """CaseClosingDay added up over the wards: the city's trend reads a few thousand rows a
    year, not a hundred thousand."""

    __tablename__ = "dashboard_city_closings"
    __table_args__ = (Index("ix_dashboard_city_closings_day", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    day: Mapped[str] = mapped_column(String(10))
    closed_day: Mapped[str | None] = mapped_column(String(10))
    cases: Mapped[int] = mapped_column(Integer)


class CallDay(Base):
    """The hotline's daily roll-up: the calls of one day (Huế time) in a ward, one way, and how
    many of them became cases (call_rollups.py keeps it in step)."""

    __tablename__ = "dashboard_call_days"
    __table_args__ = (
        Index("ix_dashboard_call_days_day", "day", "ward_code"),
        Index("ix_dashboard_call_days_ward", "ward_code", "day"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    day: Mapped[str] = mapped_column(String(10))
    ward_code: Mapped[str | None] = mapped_column(String(5))
    direction: Mapped[str] = mapped_column(String(10))
    calls: Mapped[int] = mapped_column(Integer)
    to_cases: Mapped[int] = mapped_column(Integer)


# Listeners on the cases' and entries' mappers, not on every Session: a flush that writes
# neither runs none of this. This file is imported at the end of models.py, once they exist.
from hue_s.modules.incidents.backend.models import HotlineCall, Incident, IncidentEvent  # noqa: E402


def note_old_days(_mapper: Any, connection: Connection, incident: Incident) -> None:
    """Before a case's UPDATE: note where it stood, if it moves (see rollups.py)."""
    from hue_s.modules.incidents.backend.dashboard import rollups

    rollups.note_old_days(connection, incident, deleting=False)


def note_deleted_days(_mapper: Any, connection: Connection, incident: Incident) -> None:
    """Before a case's DELETE: note where it stood (see rollups.py)."""
    from hue_s.modules.incidents.backend.dashboard import rollups

    rollups.note_old_days(connection, incident, deleting=True)


def note_written(_mapper: Any, _connection: Connection, item: Incident | IncidentEvent) -> None:
    """After a case or an entry is written: note its case for the flush's rebuild."""
    from hue_s.modules.incidents.backend.dashboard import rollups

    rollups.note_written(item)


event.listen(Incident, "before_update", note_old_days)
event.listen(Incident, "before_delete", note_deleted_days)
for written in (Incident, IncidentEvent):
    for when in ("after_insert", "after_update", "after_delete"):
        event.listen(written, when, note_written)


def note_old_call_day(_mapper: Any, connection: Connection, call: HotlineCall) -> None:
    """Before a call's UPDATE: note where it stood, if it moves (see call_rollups.py)."""
    from hue_s.modules.incidents.backend.dashboard import call_rollups

    call_rollups.note_old_call_day(connection, call, deleting=False)


def note_deleted_call_day(_mapper: Any, connection: Connection, call: HotlineCall) -> None:
    """Before a call's DELETE: note where it stood (see call_rollups.py)."""
    from hue_s.modules.incidents.backend.dashboard import call_rollups

    call_rollups.note_old_call_day(connection, call, deleting=True)


def note_written_call(_mapper: Any, _connection: Connection, call: HotlineCall) -> None:
    """After a call is written: note it for the flush's rebuild."""
    from hue_s.modules.incidents.backend.dashboard import call_rollups

    call_rollups.note_written_call(call)


event.listen(HotlineCall, "before_update", note_old_call_day)
event.listen(HotlineCall, "before_delete", note_deleted_call_day)
for when in ("after_insert", "after_update", "after_delete"):
    event.listen(HotlineCall, when, note_written_call)
