"""Turn an uploaded photo into a safe one: checked, place and time read, re-encoded bare."""

from __future__ import annotations

import io
import uuid
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from hue_s.backend.incidents.models import IncidentPhoto
from hue_s.backend.incidents.photo_checks import (
    CONTENT_TYPES,
    check_dimensions,
    check_single_image,
    check_size,
    malformed,
    sniff_format,
    too_many_pixels,
)
from hue_s.backend.incidents.photo_exif import PlaceAndTime, place_and_time, with_sent

STORED_MAX_SIDE = 4096
"""Larger photos are scaled down before storage."""
JPEG_QUALITY = 85
MODES_KEPT = {
    "JPEG": ("RGB", "L"),
    "PNG": ("1", "L", "LA", "P", "RGB", "RGBA"),
    "WEBP": ("RGB", "RGBA"),
}


@dataclass(frozen=True)
class CleanPhoto:
    """A photo re-encoded without any metadata, and what its EXIF said before stripping."""

    content_type: str
    data: bytes
    width: int
    height: int
    place_and_time: PlaceAndTime


def open_header(data: bytes, image_format: str) -> Image.Image:
    """Open the image lazily (header only) and check its announced dimensions."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[image_format])
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise too_many_pixels() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise malformed() from None
    check_dimensions(*image.size)
    return image


def bare_copy(image: Image.Image, image_format: str) -> Image.Image:
    """Decode, apply the EXIF orientation, scale down and drop every metadata of the image."""
    if image_format == "JPEG":
        image.draft("RGB", (STORED_MAX_SIDE, STORED_MAX_SIDE))
    try:
        image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise malformed() from None
    upright = ImageOps.exif_transpose(image)
    upright.thumbnail((STORED_MAX_SIDE, STORED_MAX_SIDE))
    if upright.mode not in MODES_KEPT[image_format]:
        has_alpha = "A" in upright.getbands() or "transparency" in upright.info
        wanted = "RGBA" if has_alpha and image_format != "JPEG" else "RGB"
        upright = upright.convert(wanted)
    upright.info = {}
    return upright


def encode(image: Image.Image, image_format: str) -> bytes:
    """Encode an image with no EXIF, XMP, ICC or text chunks."""
    output = io.BytesIO()
    options: dict[str, object] = {"exif": b""}
    if image_format in ("JPEG", "WEBP"):
        options["quality"] = JPEG_QUALITY
    image.save(output, format=image_format, **options)
    return output.getvalue()


def clean_photo(data: bytes, sent: PlaceAndTime | None = None) -> CleanPhoto:
    """Check an uploaded photo, read its place and time, and re-encode it without metadata.

    `sent` is the place and time sent beside the photo; it counts where the EXIF is silent.
    """
    check_size(data)
    image_format = sniff_format(data)
    image = open_header(data, image_format)
    check_single_image(data, image_format)
    found = with_sent(place_and_time(image), sent)
    bare = bare_copy(image, image_format)
    return CleanPhoto(
        content_type=CONTENT_TYPES[image_format],
        data=encode(bare, image_format),
        width=bare.width,
        height=bare.height,
        place_and_time=found,
    )


def photo_row(photo: CleanPhoto, incident_id: int, kind: str, user_id: int | None) -> IncidentPhoto:
    """Return the database row storing a clean photo of a case."""
    return IncidentPhoto(
        id=uuid.uuid4().hex,
        incident_id=incident_id,
        kind=kind,
        content_type=photo.content_type,
        data=photo.data,
        width=photo.width,
        height=photo.height,
        taken_at=photo.place_and_time.taken_at,
        gps_lat=photo.place_and_time.lat,
        gps_lon=photo.place_and_time.lon,
        uploaded_by=user_id,
    )
