"""Read where and when a photo was taken from its EXIF tags (before they are stripped)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from PIL import Image

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
