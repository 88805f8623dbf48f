"""Read CAP field values leniently: times, enumerations, polygons, circles, references."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from hue_s.modules.alerts.backend.cap.record import CapCircle, CapReference

NUMBER = r"[-+]?\d+(?:\.\d*)?|[-+]?\.\d+"
POINT = re.compile(rf"^({NUMBER}),({NUMBER}),?$")
NOT_IN_POINTS = re.compile(r"[^0-9.,+\-\s]")
TRAILING_COMMA = re.compile(r",(?=\s|$)")
CIRCLE = re.compile(rf"^\s*({NUMBER})\s*,\s*({NUMBER})\s+({NUMBER})\s*$")
MIN_RING_POINTS = 4
MAX_LONGITUDE = 360.0
"""Rings crossing the antimeridian run a little past ±180° (GDACS writes -180.005)."""


def parse_cap_time(text: str) -> datetime | None:
    """Return a CAP dateTime as an aware datetime (no zone means UTC), or None if unreadable."""
    cleaned = text.strip().replace(" ", "T", 1) if "T" not in text else text.strip()
    if not cleaned:
        return None
    try:
        moment = datetime.fromisoformat(cleaned)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def format_cap_time(moment: datetime) -> str:
    """Write a datetime as CAP wants it: seconds precision, numeric offset, UTC as -00:00."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    text = aware.replace(microsecond=0).isoformat()
    return text[:-6] + "-00:00" if text.endswith("+00:00") else text


def pick_enumerated(text: str, allowed: tuple[str, ...]) -> str | None:
    """Return the allowed value matching text case- and space-insensitively, else None."""
    wanted = re.sub(r"\s+", "", text).lower()
    if wanted == "verylikely":  # CAP 1.0/1.1 spelling, folded into Likely by CAP 1.2
        wanted = "likely"
    for value in allowed:
        if value.lower() == wanted:
            return value
    return None


def parse_polygon(text: str) -> list[tuple[float, float]] | None:
    """Return a closed ring of (lat, lon) points, or None if it is unusable.

    Lenient about stray commas and parentheses; refuses rings of fewer than 3 points.
    """
    cleaned = TRAILING_COMMA.sub("", text.replace("(", "").replace(")", ""))
    tokens = cleaned.split()
    if NOT_IN_POINTS.search(cleaned) or any(token.count(",") != 1 for token in tokens):
        return None
    try:
        numbers = [float(number) for number in cleaned.replace(",", " ").split()]
    except ValueError:
        return None
    if len(numbers) != 2 * len(tokens):  # an empty number, as in ',5'
        return None
    points = list(zip(numbers[0::2], numbers[1::2], strict=True))
    for lat, lon in points:
        if not (-90 <= lat <= 90 and -MAX_LONGITUDE <= lon <= MAX_LONGITUDE):
            return None
    if points and points[0] != points[-1]:
        points.append(points[0])
    return points if len(points) >= MIN_RING_POINTS else None


def parse_circle(text: str) -> CapCircle | None:
    """Return the circle 'lat,lon radius_km', or None if unreadable."""
    match = CIRCLE.match(text)
    if match is None:
        return None
    lat, lon, radius = (float(match.group(index)) for index in (1, 2, 3))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or radius < 0:
        return None
    return CapCircle(lat=lat, lon=lon, radius_km=radius)


def parse_references(text: str) -> list[CapReference]:
    """Return the 'sender,identifier,sent' triples of a <references> value (others skipped)."""
    references = []
    for token in text.split():
        parts = token.split(",")
        if len(parts) < 2 or not parts[0] or not parts[1]:
            continue
        sent = parse_cap_time(",".join(parts[2:])) if len(parts) > 2 else None
        references.append(CapReference(sender=parts[0], identifier=parts[1], sent=sent))
    return references


def format_references(references: list[CapReference]) -> str:
    """Write references back as space-separated 'sender,identifier,sent' triples."""
    return " ".join(
        f"{ref.sender},{ref.identifier}" + (f",{format_cap_time(ref.sent)}" if ref.sent else "")
        for ref in references
    )


def parse_decimal(text: str) -> float | None:
    """Return a decimal number, or None if the text is not one."""
    try:
        return float(text.strip())
    except ValueError:
        return None
