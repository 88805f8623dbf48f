"""Turn an uploaded photo into a safe one: checked, place and time read, re-encoded bare.

A photo is checked from its bytes and header first (open_photo: no pixel decoded), and decoded
only then (clean_opened), within the process's decoding budget.
"""

from __future__ import annotations

import io
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from hue_s.backend.kernel.api_errors import APIError
from hue_s.modules.incidents.backend.photos.checks import (
    CONTENT_TYPES,
    MAX_PIXELS,
    check_dimensions,
    check_single_image,
    check_size,
    malformed,
    sniff_format,
    too_many_pixels,
)
from hue_s.modules.incidents.backend.photos.exif import PlaceAndTime, place_and_time, with_sent

STORED_MAX_SIDE = 4096
"""Larger photos are scaled down before storage."""
JPEG_QUALITY = 85
DECODING_WAIT_SECONDS = 30.0
"""How long a photo waits for its turn to be decoded before the request gives up (503)."""
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


class PixelBudget:
    """Pixels this process decodes at once (about 4 bytes each): photos beyond wait their turn."""

    def __init__(self, pixels: int, wait_seconds: float) -> None:
        """Allow `pixels` at once; a photo waits at most `wait_seconds` for its share."""
        self.pixels = pixels
        self.wait_seconds = wait_seconds
        self.used = 0
        self.changed = threading.Condition()

    @contextmanager
    def reserve(self, pixels: int) -> Iterator[None]:
        """Hold a photo's pixels of the budget while it is decoded (503 photo_decoding_busy)."""
        pixels = min(pixels, self.pixels)
        with self.changed:
            if not self.changed.wait_for(
                lambda: self.used + pixels <= self.pixels, self.wait_seconds
            ):
                raise APIError(
                    503,
                    "photo_decoding_busy",
                    "The server is busy with other photos; send again in a minute.",
                    {"Retry-After": "60"},
                )
            self.used += pixels
        try:
            yield
        finally:
            with self.changed:
                self.used -= pixels
                self.changed.notify_all()


DECODING = PixelBudget(MAX_PIXELS, DECODING_WAIT_SECONDS)
"""One photo of the largest size, or several smaller ones, decoded at a time."""
Image.core.set_block_size(64 * 1024 * 1024)
"""Pillow allocates a decoded image in blocks of this size: above glibc's largest mmap threshold
(32 MiB), so that a freed photo goes back to the system rather than stay in the malloc arena of
the worker thread that decoded it (3 concurrent uploads of 2 x 40 MP: peak +572 -> +371 MB,
kept afterwards +348 -> +45 MB, tests/perf/preauth_attack.py)."""


@dataclass(frozen=True)
class OpenedPhoto:
    """An upload whose bytes and header passed the checks; its pixels are not decoded yet."""

    image: Image.Image
    image_format: str

    @property
    def pixels(self) -> int:
        """Return how many pixels decoding it makes (a JPEG's at its reduced scale)."""
        width, height = self.image.size
        return width * height


def stored_size(width: int, height: int) -> tuple[int, int]:
    """Return the size a photo is stored at: within STORED_MAX_SIDE, in proportion."""
    scale = min(1.0, STORED_MAX_SIDE / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def open_photo(data: bytes) -> OpenedPhoto:
    """Check an upload's size, type, announced dimensions and single image, decoding nothing."""
    check_size(data)
    image_format = sniff_format(data)
    image = open_header(data, image_format)
    check_single_image(data, image_format)
    if image_format == "JPEG":
        image.draft("RGB", stored_size(*image.size))  # decode at 1/2, 1/4 or 1/8 where enough
    return OpenedPhoto(image, image_format)


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


def decode(image: Image.Image) -> None:
    """Decode the pixels of an opened image (422 photo_unreadable if they are damaged)."""
    try:
        image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise malformed() from None


def bare_copy(image: Image.Image, image_format: str) -> Image.Image:
    """Scale a decoded image down, apply its EXIF orientation and drop every metadata."""
    image.thumbnail((STORED_MAX_SIDE, STORED_MAX_SIDE))  # frees the full-size pixels
    upright = ImageOps.exif_transpose(image)
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


def clean_opened(photo: OpenedPhoto, sent: PlaceAndTime | None = None) -> CleanPhoto:
    """Decode a checked photo within the budget, read its place and time, re-encode it bare.

    `sent` is the place and time sent beside the photo; it counts where the EXIF is silent.
    """
    with DECODING.reserve(photo.pixels):
        decode(photo.image)  # first: a PNG's EXIF may come after its pixels
        found = with_sent(place_and_time(photo.image), sent)
        bare = bare_copy(photo.image, photo.image_format)
        data = encode(bare, photo.image_format)
    return CleanPhoto(
        content_type=CONTENT_TYPES[photo.image_format],
        data=data,
        width=bare.width,
        height=bare.height,
        place_and_time=found,
    )


def clean_photo(data: bytes, sent: PlaceAndTime | None = None) -> CleanPhoto:
    """Check an uploaded photo, then decode it and re-encode it without metadata."""
    return clean_opened(open_photo(data), sent)
