"""News rows: a feed's entries merged in (added, updated in place, unchanged), staff's added."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from hue_s.modules.news.backend.feeds import Entry
from hue_s.modules.news.backend.models import NewsRow
from hue_s.modules.news.wire import NewsDraft, NewsItem

STAFF = "staff"


@dataclass(frozen=True)
class Merged:
    """What merging a feed did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0


def merge_feed(
    session: Session, source: str, entries: list[Entry], ward_code: str | None = None
) -> Merged:
    """Add a feed's new entries, update those it changed, leave the rest (no commit)."""
    known = {
        row.guid: row
        for row in session.scalars(
            select(NewsRow).where(
                NewsRow.source == source, NewsRow.guid.in_([e.guid for e in entries])
            )
        )
    }
    added = updated = 0
    for entry in entries:
        row = known.get(entry.guid)
        values = {
            "title": entry.title, "summary": entry.summary, "link": entry.link,
            "category": entry.category, "ward_code": ward_code,
            "published_at": entry.published_at, "updated_at": entry.updated_at,
        }  # fmt: skip
        if row is None:
            session.add(NewsRow(source=source, guid=entry.guid, **values))
            added += 1
        elif any(_differs(getattr(row, name), value) for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            updated += 1
    return Merged(added, updated, len(entries) - added - updated)


def _differs(stored: object, new: object) -> bool:
    """Compare a stored value with a new one (SQLite returns times without their zone)."""
    if isinstance(stored, datetime) and isinstance(new, datetime) and stored.tzinfo is None:
        return stored != new.replace(tzinfo=None)
    return stored != new


def publish(session: Session, draft: NewsDraft, author_id: int, now: datetime) -> NewsRow:
    """Add a staff announcement (no commit)."""
    row = NewsRow(
        source=STAFF, guid=f"urn:uuid:{uuid.uuid4()}", title=draft.title.strip(),
        summary=draft.body.strip(), category=draft.category, ward_code=draft.ward_code,
        link=None, author_id=author_id, published_at=now, updated_at=now,
    )  # fmt: skip
    session.add(row)
    session.flush()
    return row


def as_utc(moment: datetime) -> datetime:
    """Return a stored time as aware UTC (SQLite gives it back naive)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def item_of(row: NewsRow) -> NewsItem:
    """Return a row as the API shows it."""
    return NewsItem(
        id=row.id, title=row.title, summary=row.summary, category=row.category,  # type: ignore[arg-type]
        ward_code=row.ward_code, link=row.link,
        source="staff" if row.source == STAFF else "feed",
        published_at=as_utc(row.published_at), updated_at=as_utc(row.updated_at),
    )  # fmt: skip


def list_items(
    session: Session, *, category: str | None, ward: str | None, query: str | None, limit: int
) -> list[NewsItem]:
    """Return the newest items: of a category, for a ward (and the whole city), matching words."""
    statement = select(NewsRow).order_by(NewsRow.published_at.desc(), NewsRow.id.desc())
    if category is not None:
        statement = statement.where(NewsRow.category == category)
    if ward is not None:
        statement = statement.where(or_(NewsRow.ward_code.is_(None), NewsRow.ward_code == ward))
    for word in (query or "").split()[:5]:
        pattern = f"%{word.replace('%', '').replace('_', '')}%"
        statement = statement.where(
            or_(NewsRow.title.ilike(pattern), NewsRow.summary.ilike(pattern))
        )
    return [item_of(row) for row in session.scalars(statement.limit(limit))]
