"""What a photo's EXIF says before it is stripped: where, when, and which way up."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PIL import Image

GPS_IFD = 0x8825
EXIF_IFD = 0x8769
ORIENTATION = 0x0112
DATETIME_ORIGINAL = 36867
GPS_LATITUDE_REF, GPS_LATITUDE, GPS_LONGITUDE_REF, GPS_LONGITUDE = 1, 2, 3, 4

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
    """Where (WGS84) and when a photo says it was taken, and its EXIF orientation."""

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


def capture_time(text: Any) -> datetime | None:
    """Parse EXIF's 'YYYY:MM:DD HH:MM:SS' (local time of the camera, no zone)."""
    try:
        return datetime.strptime(str(text).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None


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
        taken_at=capture_time(details.get(DATETIME_ORIGINAL)),
        orientation=orientation if isinstance(orientation, int) else 1,
    )
