"""Where and when a photo was taken: from its EXIF tags (before they are stripped), or as sent.

The app strips EXIF on the device, so it sends a photo's place and time as form fields beside
it: `taken_at` (ISO 8601; without a zone it is Huế's clock, as in EXIF), `lat`, `long` (WGS84)
on a resolve; `media_taken_at[i]`, `media_lat[i]`, `media_long[i]` for the i-th (from 0) `media`
file of an Open311 POST. A photo's own EXIF wins over what is sent beside it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PIL import Image

from hue_s.backend.kernel.api_errors import APIError
from hue_s.hue_time import HUE_TIME
from hue_s.photo_exif import photo_facts


@dataclass(frozen=True)
class PlaceAndTime:
    """Where (WGS84) and when (aware datetime) a photo says it was taken, if it says so."""

    lat: float | None = None
    lon: float | None = None
    taken_at: datetime | None = None


def place_and_time(image: Image.Image) -> PlaceAndTime:
    """Return the GPS position and the capture time recorded in the photo's EXIF."""
    facts = photo_facts(image)
    taken_at = facts.taken_at
    if taken_at is not None and taken_at.tzinfo is None:
        taken_at = taken_at.replace(tzinfo=HUE_TIME)
    return PlaceAndTime(lat=facts.lat, lon=facts.lon, taken_at=taken_at)


def sent_time(text: str | None, *, field: str, status: int = 400) -> datetime | None:
    """Parse a sent capture time (ISO 8601; no zone means Huế's clock), or refuse it."""
    if text is None or not text.strip():
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise APIError(
            status, "invalid_photo_time", f"{field} must be a date and time in ISO 8601."
        ) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=HUE_TIME)


def sent_place(
    lat: str | float | None, lon: str | float | None, *, fields: str, status: int = 400
) -> tuple[float, float] | None:
    """Parse a sent place (both coordinates or neither), or refuse it."""
    given = [value for value in (lat, lon) if value is not None and str(value).strip()]
    if not given:
        return None
    try:
        if len(given) != 2:
            raise ValueError
        place = (float(str(lat)), float(str(lon)))
    except ValueError:
        raise APIError(
            status, "invalid_photo_place", f"{fields}: give both coordinates, as numbers."
        ) from None
    if not all(math.isfinite(v) for v in place) or abs(place[0]) > 90 or abs(place[1]) > 180:
        raise APIError(status, "invalid_photo_place", f"{fields}: not a place on Earth.")
    return place


def sent_place_and_time(
    taken_at: str | None,
    lat: str | float | None,
    lon: str | float | None,
    *,
    names: tuple[str, str, str] = ("taken_at", "lat", "long"),
    status: int = 400,
) -> PlaceAndTime:
    """Return the place and time sent beside a photo as form fields (400/422 if malformed)."""
    place = sent_place(lat, lon, fields=f"{names[1]} and {names[2]}", status=status)
    return PlaceAndTime(
        lat=place[0] if place else None,
        lon=place[1] if place else None,
        taken_at=sent_time(taken_at, field=names[0], status=status),
    )


def sent_media_facts(form: Mapping[str, Any], count: int) -> list[PlaceAndTime]:
    """Return the place and time sent for each of `count` media files of an Open311 POST."""
    facts = []
    for index in range(count):
        names = (f"media_taken_at[{index}]", f"media_lat[{index}]", f"media_long[{index}]")
        values = [form.get(name) for name in names]
        texts = [value if isinstance(value, str) else None for value in values]
        facts.append(sent_place_and_time(*texts, names=names))
    return facts


def with_sent(found: PlaceAndTime, sent: PlaceAndTime | None) -> PlaceAndTime:
    """Return the photo's own place and time, completed by what was sent where EXIF had none."""
    if sent is None:
        return found
    has_place = found.lat is not None and found.lon is not None
    return PlaceAndTime(
        lat=found.lat if has_place else sent.lat,
        lon=found.lon if has_place else sent.lon,
        taken_at=found.taken_at or sent.taken_at,
    )
