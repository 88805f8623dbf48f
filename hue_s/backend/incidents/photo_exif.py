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
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from PIL import Image

from hue_s.backend.api_errors import APIError

GPS_IFD = 0x8825
EXIF_IFD = 0x8769
DATETIME = 306
DATETIME_ORIGINAL = 36867
OFFSET_TIME_ORIGINAL = 36881
GPS_LATITUDE_REF, GPS_LATITUDE, GPS_LONGITUDE_REF, GPS_LONGITUDE = 1, 2, 3, 4
GPS_TIME, GPS_DATE = 7, 29
HUE_TIME = timezone(timedelta(hours=7), "ICT")
"""Cameras without an offset tag are taken to run on Huế's local time."""


@dataclass(frozen=True)
class PlaceAndTime:
    """Where (WGS84) and when (aware datetime) a photo says it was taken, if it says so."""

    lat: float | None = None
    lon: float | None = None
    taken_at: datetime | None = None


def degrees(value: Any, reference: Any, negative: str) -> float | None:
    """Convert EXIF (degrees, minutes, seconds) and its N/S/E/W reference to signed degrees."""
    try:
        whole, minutes, seconds = (float(part) for part in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    result = whole + minutes / 60 + seconds / 3600
    return -result if str(reference).strip().upper() == negative else result


def parse_exif_time(text: Any, offset: Any) -> datetime | None:
    """Parse 'YYYY:MM:DD HH:MM:SS' with an optional '+07:00' offset."""
    try:
        moment = datetime.strptime(str(text).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    try:
        zone = datetime.strptime(str(offset).strip("\x00 "), "%z").tzinfo if offset else None
    except ValueError:
        zone = None
    return moment.replace(tzinfo=zone or HUE_TIME)


def gps_time(gps: Any) -> datetime | None:
    """Return the GPS date and time stamp (UTC) if both are present."""
    date, clock = gps.get(GPS_DATE), gps.get(GPS_TIME)
    if not date or not clock:
        return None
    try:
        hours, minutes, seconds = (float(part) for part in clock)
        day = datetime.strptime(str(date).strip("\x00 "), "%Y:%m:%d").replace(tzinfo=UTC)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return day + timedelta(hours=hours, minutes=minutes, seconds=seconds)


def place_and_time(image: Image.Image) -> PlaceAndTime:
    """Return the GPS position and the capture time recorded in the photo's EXIF."""
    exif = image.getexif()
    gps = exif.get_ifd(GPS_IFD)
    details = exif.get_ifd(EXIF_IFD)
    lat = degrees(gps.get(GPS_LATITUDE), gps.get(GPS_LATITUDE_REF), "S")
    lon = degrees(gps.get(GPS_LONGITUDE), gps.get(GPS_LONGITUDE_REF), "W")
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        lat = lon = None
    taken_at = None
    if details.get(DATETIME_ORIGINAL):
        taken_at = parse_exif_time(details[DATETIME_ORIGINAL], details.get(OFFSET_TIME_ORIGINAL))
    taken_at = taken_at or gps_time(gps) or parse_exif_time(exif.get(DATETIME), None)
    return PlaceAndTime(lat=lat, lon=lon, taken_at=taken_at)


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
