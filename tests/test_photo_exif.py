"""One EXIF reader for the app and the backend: both read the same place and time."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from PIL import Image

from hue_s.hue_time import HUE_TIME
from hue_s.modules.incidents.backend.photos.exif import place_and_time
from hue_s.photo_exif import photo_facts

Angle = tuple[float, float, float]


def photo(lat: Angle, north: str, taken: str, lon: Angle = (107.0, 34.0, 30.0)) -> Image.Image:
    """Return a JPEG, read back, whose EXIF says where and when it was taken."""
    exif = Image.Exif()
    exif.get_ifd(0x8769)[36867] = taken
    exif.get_ifd(0x8825).update({1: north, 2: lat, 3: "E", 4: lon})
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, format="JPEG", exif=exif)
    return Image.open(io.BytesIO(buffer.getvalue()))


@pytest.mark.parametrize(
    ("lat", "north", "expected"),
    [((16.0, 28.0, 12.0), "N", 16.47), ((16.0, 28.0, 12.0), "S", -16.47)],
)
def test_both_sides_read_the_same_place_and_time(
    lat: tuple[float, float, float], north: str, expected: float
) -> None:
    image = photo(lat, north, "2026:11:26 08:30:00")
    on_device, on_server = photo_facts(image), place_and_time(image)
    assert on_device.lat == on_server.lat == pytest.approx(expected)
    assert on_device.lon == on_server.lon == pytest.approx(107.575)
    assert on_device.taken_at == datetime(2026, 11, 26, 8, 30)  # the camera's own clock...
    assert on_server.taken_at == datetime(2026, 11, 26, 8, 30, tzinfo=HUE_TIME)  # ...Huế's


def test_a_camera_without_a_fix_gives_no_place_on_either_side() -> None:
    image = photo((0.0, 0.0, 0.0), "N", "2026:11:26 08:30:00", lon=(0.0, 0.0, 0.0))
    assert photo_facts(image).lat is None
    assert place_and_time(image).lat is None  # the backend took (0, 0) for a place at sea
