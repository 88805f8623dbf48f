"""Events: an iCalendar import kept once per UID, and the upcoming ones."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from hue_s.modules.tourism.backend.ical import CalendarEvent, read_events
from hue_s.modules.tourism.backend.models import EventRow
from hue_s.modules.tourism.wire import Event, ImportResult


def as_utc(moment: datetime) -> datetime:
    """Return a moment in UTC (SQLite gives naive UTC back)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def event_of(row: EventRow) -> Event:
    """Return an event as the API shows it."""
    return Event(
        id=row.id, name=row.name, start=as_utc(row.start_at),
        end=None if row.end_at is None else as_utc(row.end_at), place=row.place,
        status=row.status,  # type: ignore[arg-type]
        organizer=row.organizer, price=row.price, description=row.description, url=row.url,
    )  # fmt: skip


def keep(row: EventRow, found: CalendarEvent) -> None:
    """Copy what a calendar says about an event into its row."""
    row.name, row.place, row.status = found.name, found.place, found.status
    row.start_at = as_utc(found.start)
    row.end_at = None if found.end is None else as_utc(found.end)
    row.organizer = None if found.organizer is None else found.organizer[:300]
    row.price = None if found.price is None else found.price[:100]
    row.description = found.description
    row.url = found.url if found.url and found.url.startswith(("http://", "https://")) else None


def import_calendar(session: Session, text: str, user_id: int, now: datetime) -> ImportResult:
    """Add or update (by UID) the calendar's events; raise ValueError if it is no calendar."""
    found, skipped = read_events(text)
    added = updated = 0
    for item in found:
        row = session.scalars(select(EventRow).where(EventRow.uid == item.uid)).one_or_none()
        if row is None:
            row = EventRow(uid=item.uid)
            session.add(row)
            added += 1
        else:
            updated += 1
        keep(row, item)
        row.imported_by, row.imported_at = user_id, now
        session.flush()
    return ImportResult(added=added, updated=updated, skipped=skipped)


def upcoming(session: Session, now: datetime, limit: int = 100) -> list[Event]:
    """Return the events not over yet at `now`, soonest first (cancelled ones included)."""
    moment = as_utc(now)
    statement = (
        select(EventRow)
        .where(
            or_(
                EventRow.end_at >= moment,
                (EventRow.end_at.is_(None)) & (EventRow.start_at >= moment),
            )
        )
        .order_by(EventRow.start_at, EventRow.id)
        .limit(limit)
    )
    return [event_of(row) for row in session.scalars(statement)]
