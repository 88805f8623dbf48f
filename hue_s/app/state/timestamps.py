"""How the store writes moments in time: ISO 8601 in UTC, which sorts as text."""

from datetime import UTC, datetime


def utc_now() -> datetime:
    """Return the current moment, timezone-aware, in UTC."""
    return datetime.now(UTC)


def to_db_time(moment: datetime) -> str:
    """Return the stored text of a moment; a naive datetime is taken to be UTC already."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_db_time(text: str) -> datetime:
    """Return the UTC moment a stored text stands for."""
    return datetime.fromisoformat(text).astimezone(UTC)
