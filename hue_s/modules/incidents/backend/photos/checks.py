"""Refuse hostile photo uploads before decoding them: wrong type, too big, bombs, polyglots."""

from __future__ import annotations

import re

from hue_s.backend.kernel.api_errors import APIError

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
"""Pixels of one photo, as decoded (a JPEG decodes at a reduced scale when it is large)."""
MAX_TOTAL_PIXELS = 80_000_000
"""Pixels of all the photos of one request, as decoded: five 16-megapixel photos."""
MAX_SIDE = 12_000
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
FOREIGN_CONTENT = re.compile(
    rb"<\?php|<script|<html|<svg|<!doctype|<iframe|<body|javascript:", re.IGNORECASE
)
"""Markup or code that has no business inside a photo (a sign of a polyglot file)."""


def sniff_format(data: bytes) -> str:
    """Return JPEG, PNG or WEBP from the magic bytes (415 unsupported_photo_type otherwise)."""
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(PNG_SIGNATURE):
        return "PNG"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    raise APIError(415, "unsupported_photo_type", "Photos must be JPEG, PNG or WebP images.")


def check_size(data: bytes) -> None:
    """Refuse a photo over the byte cap (413 photo_too_large)."""
    if len(data) > MAX_PHOTO_BYTES:
        raise APIError(413, "photo_too_large", f"A photo may have at most {MAX_PHOTO_BYTES} bytes.")


def check_dimensions(width: int, height: int) -> None:
    """Refuse a photo whose header announces too many pixels (422 photo_dimensions_too_large)."""
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise too_many_pixels()


def check_total_pixels(pixels: int) -> None:
    """Refuse photos with too many pixels in all (422 photos_too_many_pixels), before decoding."""
    if pixels > MAX_TOTAL_PIXELS:
        raise APIError(
            422,
            "photos_too_many_pixels",
            f"The photos of one request may have at most {MAX_TOTAL_PIXELS} pixels in all.",
        )


def too_many_pixels() -> APIError:
    """Return the error for a photo with too many pixels (a decompression bomb, maybe)."""
    return APIError(
        422,
        "photo_dimensions_too_large",
        f"A photo may have at most {MAX_PIXELS} pixels and {MAX_SIDE} pixels a side.",
    )


def malformed() -> APIError:
    """Return the error for a file that does not hold one well-formed image."""
    return APIError(422, "photo_unreadable", "The photo is damaged or not a single image.")


def jpeg_end(data: bytes, start: int = 0) -> int:
    """Return the offset just past the EOI marker of the JPEG starting at start."""
    size = len(data)
    position = start + 2
    while position < size:
        if data[position] != 0xFF:
            raise malformed()
        while position < size and data[position] == 0xFF:
            position += 1
        if position >= size:
            break
        marker = data[position]
        position += 1
        if marker == 0xD9:
            return position
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            continue
        length = int.from_bytes(data[position : position + 2], "big")
        if length < 2:
            raise malformed()
        position += length
        if marker == 0xDA:
            position = end_of_entropy_data(data, position)
    raise malformed()


def end_of_entropy_data(data: bytes, position: int) -> int:
    """Return where the entropy-coded data after an SOS segment ends (at the next marker)."""
    while True:
        found = data.find(b"\xff", position)
        if found < 0 or found + 1 >= len(data):
            raise malformed()
        following = data[found + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            position = found + 1
            continue
        return found


def png_end(data: bytes) -> int:
    """Return the offset just past the IEND chunk of a PNG."""
    position = len(PNG_SIGNATURE)
    while position + 8 <= len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        position += 12 + length
        if kind == b"IEND":
            return position
    raise malformed()


def webp_end(data: bytes) -> int:
    """Return the offset just past the RIFF container of a WebP file."""
    riff_size = int.from_bytes(data[4:8], "little")
    return 8 + riff_size + (riff_size & 1)


def image_end(data: bytes, image_format: str) -> int:
    """Return where the image ends; a JPEG may be followed by more JPEGs (MPF, depth maps)."""
    if image_format == "PNG":
        return png_end(data)
    if image_format == "WEBP":
        return webp_end(data)
    end = jpeg_end(data)
    while data.startswith(b"\xff\xd8\xff", end):
        end = jpeg_end(data, end)
    return end


def check_single_image(data: bytes, image_format: str) -> None:
    """Refuse files that carry something besides the image (422 photo_polyglot)."""
    end = image_end(data, image_format)
    if end > len(data):
        raise malformed()
    if data[end:].strip(b"\x00\r\n\t "):
        raise APIError(422, "photo_polyglot", "The photo carries data after the image's end.")
    if FOREIGN_CONTENT.search(data):
        raise APIError(422, "photo_polyglot", "The photo carries markup or code.")
