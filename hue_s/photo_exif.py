"""What a photo's EXIF says before it is stripped: where, when, and which way up.

One reader for both sides: the app reads a photo on the device before it strips the tags,
and the backend reads a photo that still has them (a plain Open311 client's).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from PIL import Image

GPS_IFD = 0x8825
EXIF_IFD = 0x8769
ORIENTATION = 0x0112
DATETIME = 306
DATETIME_ORIGINAL = 36867
OFFSET_TIME_ORIGINAL = 36881
GPS_LATITUDE_REF, GPS_LATITUDE, GPS_LONGITUDE_REF, GPS_LONGITUDE = 1, 2, 3, 4
GPS_TIME, GPS_DATE = 7, 29

ORIENTATION_TRANSPOSES = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
"""How to turn a photo upright for each EXIF orientation value."""


@dataclass(frozen=True)
class PhotoFacts:
    """Where (WGS84) and when a photo says it was taken, and its EXIF orientation.

    `taken_at` has a zone when the photo says which (an offset tag, or the GPS clock in UTC);
    without one it is the camera's own clock, which the backend takes to be Huế's.
    No place when the tags are broken, out of range or (0, 0) (cameras without a fix).
    """

    lat: float | None = None
    lon: float | None = None
    taken_at: datetime | None = None
    orientation: int = 1


def degrees(value: Any, reference: Any, negative: str) -> float | None:
    """Convert EXIF (degrees, minutes, seconds) and its N/S/E/W reference to signed degrees."""
    try:
        whole, minutes, seconds = (float(part) for part in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    result = whole + minutes / 60 + seconds / 3600
    if not math.isfinite(result):
        return None
    return -result if str(reference).strip("\x00 ").upper() == negative else result


def capture_time(text: Any, offset: Any = None) -> datetime | None:
    """Parse EXIF's 'YYYY:MM:DD HH:MM:SS' with its '+07:00' offset tag, if there is one."""
    try:
        moment = datetime.strptime(str(text).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    try:
        zone = datetime.strptime(str(offset).strip("\x00 "), "%z").tzinfo if offset else None
    except ValueError:
        zone = None
    return moment.replace(tzinfo=zone)


def gps_time(gps: Any) -> datetime | None:
    """Return the GPS date and time stamp (UTC) if both are present."""
    date, clock = gps.get(GPS_DATE), gps.get(GPS_TIME)
    if not date or not clock:
        return None
    try:
        hours, minutes, seconds = (float(part) for part in clock)
        day = datetime.strptime(str(date).strip("\x00 "), "%Y:%m:%d").replace(tzinfo=UTC)
        return day + timedelta(hours=hours, minutes=minutes, seconds=seconds)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return None


def taken_time(exif: Any, details: Any, gps: Any) -> datetime | None:
    """Return when the photo was taken: DateTimeOriginal, else the GPS clock, else DateTime.

    The same order as the backend's reading of a photo that still has its EXIF.
    """
    original = details.get(DATETIME_ORIGINAL)
    found = capture_time(original, details.get(OFFSET_TIME_ORIGINAL)) if original else None
    return found or gps_time(gps) or capture_time(exif.get(DATETIME))


def photo_facts(image: Image.Image) -> PhotoFacts:
    """Return the GPS position, capture time and orientation recorded in a photo's EXIF."""
    try:
        exif = image.getexif()
        gps = exif.get_ifd(GPS_IFD)
        details = exif.get_ifd(EXIF_IFD)
    except Exception:  # a broken EXIF block must not stop the photo itself
        return PhotoFacts()
    lat = degrees(gps.get(GPS_LATITUDE), gps.get(GPS_LATITUDE_REF), "S")
    lon = degrees(gps.get(GPS_LONGITUDE), gps.get(GPS_LONGITUDE_REF), "W")
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        lat = lon = None
    if lat == 0 and lon == 0:  # cameras without a fix write zeros
        lat = lon = None
    orientation = exif.get(ORIENTATION, 1)
    return PhotoFacts(
        lat=lat,
        lon=lon,
        taken_at=taken_time(exif, details, gps),
        orientation=orientation if isinstance(orientation, int) else 1,
    )
