"""A small RFC 5545 reader: the VEVENTs of an iCalendar text, as Schema.org Event fields.

Reads SUMMARY, DTSTART, DTEND (or DURATION), LOCATION, STATUS, ORGANIZER, DESCRIPTION, URL,
UID and the non-standard X-PRICE; unfolds lines, unescapes text, honours TZID by IANA name
(unknown zones and floating times are Huế's clock). Recurrence rules are not expanded: a
recurring event is kept at its first occurrence. Nested components (VALARM) are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

HUE_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
STATUSES = {"CONFIRMED": "scheduled", "TENTATIVE": "tentative", "CANCELLED": "cancelled"}
DURATION = re.compile(r"^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")


@dataclass(frozen=True)
class ContentLine:
    """One property: its name, parameters (upper-case names) and raw value."""

    name: str
    params: dict[str, str]
    value: str


@dataclass(frozen=True)
class CalendarEvent:
    """One VEVENT read from a calendar."""

    uid: str
    name: str
    start: datetime
    end: datetime | None
    place: str | None
    status: str
    organizer: str | None
    price: str | None
    description: str | None
    url: str | None


def unfold(text: str) -> list[str]:
    """Return the logical lines: a line break followed by a space or tab continues a line."""
    joined = re.sub(r"\r?\n[ \t]", "", text.replace("\r\n", "\n"))
    return [line for line in joined.split("\n") if line.strip()]


def parse_line(line: str) -> ContentLine:
    """Split `NAME;PARAM=a,"b:c":value` into its parts (quoted parameter values may hold ':')."""
    params: dict[str, str] = {}
    quoted, index = False, -1
    for position, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            index = position
            break
    if index < 0:
        raise ValueError(f"no value in {line[:40]!r}")
    head, value = line[:index], line[index + 1 :]
    name, *parts = re.findall(r'(?:[^;"]|"[^"]*")+', head)
    for part in parts:
        key, _, raw = part.partition("=")
        params[key.strip().upper()] = raw.strip().strip('"')
    return ContentLine(name.strip().upper(), params, value)


def unescape(value: str) -> str:
    """Undo TEXT escaping: \\n, \\N, \\, \\; \\\\."""
    return re.sub(r"\\([nN,;\\])", lambda m: "\n" if m[1] in "nN" else m[1], value).strip()


def moment(line: ContentLine) -> datetime:
    """Read a DATE or DATE-TIME value (UTC, with a TZID, or floating) as an aware datetime."""
    value = line.value.strip()
    if line.params.get("VALUE") == "DATE" or re.fullmatch(r"\d{8}", value):
        day = date(int(value[:4]), int(value[4:6]), int(value[6:8]))
        return datetime.combine(day, time(), HUE_ZONE)
    stamp = datetime.strptime(value.rstrip("Z"), "%Y%m%dT%H%M%S")
    if value.endswith("Z"):
        return stamp.replace(tzinfo=UTC)
    try:
        zone = ZoneInfo(line.params["TZID"]) if "TZID" in line.params else HUE_ZONE
    except (ZoneInfoNotFoundError, ValueError):
        zone = HUE_ZONE
    return stamp.replace(tzinfo=zone)


def duration(value: str) -> timedelta:
    """Read a DURATION value (P1D, PT2H30M, P1W...)."""
    found = DURATION.match(value.strip())
    if found is None or not any(found.groups()[1:]):
        raise ValueError(f"bad duration {value!r}")
    weeks, days, hours, minutes, seconds = (int(part or 0) for part in found.groups()[1:])
    span = timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)
    return -span if found[1] == "-" else span


def organizer(line: ContentLine) -> str:
    """Return an organiser's common name, else its address without `mailto:`."""
    return line.params.get("CN") or re.sub(r"(?i)^mailto:", "", line.value.strip())


def event_of(lines: dict[str, ContentLine]) -> CalendarEvent:
    """Build one event from its properties; raise ValueError when it cannot be read."""
    if "DTSTART" not in lines or not unescape(lines.get("SUMMARY", ContentLine("", {}, "")).value):
        raise ValueError("an event needs SUMMARY and DTSTART")
    start = moment(lines["DTSTART"])
    end = moment(lines["DTEND"]) if "DTEND" in lines else None
    if end is None and "DURATION" in lines:
        end = start + duration(lines["DURATION"].value)
    if end is not None and end < start:
        raise ValueError("an event ends before it starts")

    def text(name: str) -> str | None:
        return unescape(lines[name].value) or None if name in lines else None

    status = STATUSES.get((text("STATUS") or "CONFIRMED").upper(), "scheduled")
    name = text("SUMMARY") or ""
    uid = text("UID") or f"{name}@{start.isoformat()}"
    return CalendarEvent(
        uid=uid[:255], name=name[:300], start=start, end=end, place=text("LOCATION"),
        status=status, organizer=organizer(lines["ORGANIZER"]) if "ORGANIZER" in lines else None,
        price=text("X-PRICE"), description=text("DESCRIPTION"), url=text("URL"),
    )  # fmt: skip


def read_events(text: str) -> tuple[list[CalendarEvent], int]:
    """Return the readable VEVENTs of a calendar and how many were skipped (ValueError when
    the text is no calendar)."""
    events: list[CalendarEvent] = []
    skipped = 0
    stack: list[str] = []
    current: dict[str, ContentLine] | None = None
    lines = unfold(text.lstrip("\ufeff"))
    if not lines or lines[0].strip().upper() != "BEGIN:VCALENDAR":
        raise ValueError("not an iCalendar text")
    for raw in lines:
        try:
            line = parse_line(raw)
        except ValueError:
            continue
        if line.name == "BEGIN":
            stack.append(line.value.strip().upper())
            if stack[-1] == "VEVENT":
                current = {}
        elif line.name == "END":
            ended = stack.pop() if stack else ""
            if ended == "VEVENT" and current is not None:
                try:
                    events.append(event_of(current))
                except ValueError:
                    skipped += 1
                current = None
        elif current is not None and stack and stack[-1] == "VEVENT":
            current.setdefault(line.name, line)
    return events, skipped
