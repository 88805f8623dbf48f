"""The on-device photo pipeline: shrunk, upright, every metadata stripped, EXIF place read first."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from PIL import Image

from hue_s.modules.incidents.app.photos import (
    NOT_A_PHOTO,
    TOO_MANY_PIXELS,
    PhotoError,
    prepare_photo,
    target_size,
)

HUE = (16.4637, 107.5909)


def dms(value: float) -> tuple[float, float, float]:
    """Return degrees, minutes and seconds of an angle."""
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    return float(degrees), float(minutes), round((value - degrees - minutes / 60) * 3600, 4)


def camera_jpeg(
    size: tuple[int, int] = (4000, 3000),
    *,
    gps: tuple[float, float] | None = HUE,
    orientation: int = 1,
) -> bytes:
    """Return a JPEG as a phone writes it: EXIF with GPS and time, an ICC profile, a comment."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "PhoneModel X"
    exif[0x0112] = orientation
    exif.get_ifd(0x8769)[36867] = "2026:11:26 08:30:00"
    if gps:
        exif.get_ifd(0x8825).update({1: "N", 2: dms(gps[0]), 3: "E", 4: dms(gps[1])})
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    output = io.BytesIO()
    image.save(
        output,
        format="JPEG",
        quality=90,
        exif=exif,
        icc_profile=b"\0" * 128,
        comment=b"secret note",
        xmp=b"<x:xmpmeta>owner=someone</x:xmpmeta>",
    )
    return output.getvalue()


def markers(jpeg: bytes) -> set[int]:
    """Return the JPEG segment markers before the image data (APPn, COM, ...)."""
    found, position = set(), 2
    while position + 4 <= len(jpeg) and jpeg[position] == 0xFF:
        marker = jpeg[position + 1]
        if marker == 0xDA:  # start of scan: the header is over
            break
        found.add(marker)
        position += 2 + int.from_bytes(jpeg[position + 2 : position + 4], "big")
    return found


def test_a_camera_photo_is_shrunk_and_loses_every_metadata() -> None:
    original = camera_jpeg()
    prepared = prepare_photo(original)
    assert (prepared.width, prepared.height) == (1600, 1200)
    assert prepared.facts.lat == pytest.approx(HUE[0], abs=1e-4)
    assert prepared.facts.lon == pytest.approx(HUE[1], abs=1e-4)
    assert prepared.facts.taken_at is not None
    header = markers(prepared.jpeg)
    assert not header & {0xE1, 0xE2, 0xFE}, f"APP1 (EXIF/XMP), APP2 (ICC) or COM left: {header}"
    for secret in (b"Exif", b"PhoneModel", b"secret note", b"xmpmeta", b"ICC_PROFILE"):
        assert secret not in prepared.jpeg
    with Image.open(io.BytesIO(prepared.jpeg)) as reread:
        assert not reread.getexif() and reread.size == (1600, 1200)
    assert len(prepared.jpeg) < len(original)


def test_place_and_time_leave_the_jpeg_and_travel_as_fields() -> None:
    draft_photo = prepare_photo(camera_jpeg((800, 600))).to_draft()
    assert draft_photo.place is not None
    assert draft_photo.place.lat == pytest.approx(HUE[0], abs=1e-4)
    assert draft_photo.taken_at == datetime(2026, 11, 26, 8, 30)  # the camera's clock
    assert b"Exif" not in draft_photo.data
    fields = draft_photo.place_time_fields()
    assert fields["taken_at"] == "2026-11-26T08:30:00"
    assert float(fields["lat"]) == pytest.approx(HUE[0], abs=1e-4)
    assert float(fields["long"]) == pytest.approx(HUE[1], abs=1e-4)
    again = type(draft_photo).model_validate(draft_photo.model_dump(mode="json"))
    assert again.taken_at == draft_photo.taken_at, "kept in the draft as it was read"


def test_the_capture_time_keeps_its_zone_or_falls_back_to_the_gps_clock() -> None:
    def photo(details: dict[int, str] | None = None, gps: dict[int, object] | None = None) -> bytes:
        exif = Image.Exif()
        exif.get_ifd(0x8769).update(details or {})
        exif.get_ifd(0x8825).update(gps or {})
        output = io.BytesIO()
        Image.new("RGB", (40, 30)).save(output, format="JPEG", exif=exif)
        return output.getvalue()

    with_offset = prepare_photo(photo({36867: "2026:11:26 08:30:00", 36881: "+07:00"}))
    assert with_offset.facts.taken_at == datetime(2026, 11, 26, 1, 30, tzinfo=UTC)
    from_gps = prepare_photo(photo(gps={7: (1.0, 30.0, 0.0), 29: "2026:11:26"}))
    assert from_gps.facts.taken_at == datetime(2026, 11, 26, 1, 30, tzinfo=UTC)
    assert prepare_photo(photo()).to_draft().place_time_fields() == {}


def test_a_sideways_photo_is_turned_upright() -> None:
    prepared = prepare_photo(camera_jpeg((4000, 3000), orientation=6))
    assert (prepared.width, prepared.height) == (1200, 1600)


def test_a_small_photo_is_not_enlarged_and_no_gps_means_no_suggestion() -> None:
    prepared = prepare_photo(camera_jpeg((640, 480), gps=None))
    assert (prepared.width, prepared.height) == (640, 480)
    assert prepared.to_draft().place is None


def test_a_transparent_png_becomes_a_jpeg_on_white() -> None:
    image = Image.new("RGBA", (100, 50), (0, 0, 0, 0))
    output = io.BytesIO()
    image.save(output, format="PNG")
    prepared = prepare_photo(output.getvalue())
    with Image.open(io.BytesIO(prepared.jpeg)) as reread:
        assert reread.format == "JPEG" and reread.mode == "RGB"
        assert reread.getpixel((50, 25)) == pytest.approx((255, 255, 255), abs=3)


@pytest.mark.parametrize("data", [b"", b"not a photo at all", b"\xff\xd8\xff\xe0broken"])
def test_what_is_not_a_photo_is_refused_with_a_message(data: bytes) -> None:
    with pytest.raises(PhotoError) as raised:
        prepare_photo(data)
    assert raised.value.message == NOT_A_PHOTO


def test_a_decompression_bomb_is_refused() -> None:
    image = Image.new("1", (12_000, 8_000))
    output = io.BytesIO()
    image.save(output, format="PNG")
    with pytest.raises(PhotoError) as raised:
        prepare_photo(output.getvalue())
    assert raised.value.message == TOO_MANY_PIXELS


def test_target_size_keeps_the_aspect_ratio() -> None:
    assert target_size(4032, 3024) == (1600, 1200)
    assert target_size(3024, 4032) == (1200, 1600)
    assert target_size(800, 600) == (800, 600)
