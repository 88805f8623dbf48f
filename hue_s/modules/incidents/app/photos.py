"""The on-device photo pipeline: read where a photo was taken, shrink it, strip every metadata."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from hue_s.app.i18n import N_
from hue_s.modules.incidents.app.draft import DraftPhoto, GeoPoint
from hue_s.photo_exif import ORIENTATION_TRANSPOSES, PhotoFacts, photo_facts

LONG_SIDE = 1600
"""Pixels of the long side of an uploaded photo: enough to see a pothole, cheap on 3G."""
JPEG_QUALITY = 80
MAX_INPUT_BYTES = 30 * 1024 * 1024
MAX_INPUT_PIXELS = 60_000_000
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
"""Formats a picked file may have (a JPEG with several pictures opens as "MPO")."""
WHITE = (255, 255, 255)

NOT_A_PHOTO = N_("This file is not a photo the app can read (JPEG, PNG or WebP).")
TOO_BIG = N_("This photo is too large (at most 30 MB).")
TOO_MANY_PIXELS = N_("This photo has too many pixels to handle.")


class PhotoError(ValueError):
    """A picked file cannot become a report photo; `message` is a gettext marker."""

    def __init__(self, message: str) -> None:
        """Keep the (untranslated) message."""
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class PreparedPhoto:
    """A photo ready to upload: a bare JPEG, its size, and what its metadata said before."""

    jpeg: bytes
    width: int
    height: int
    original_bytes: int
    facts: PhotoFacts

    def to_draft(self) -> DraftPhoto:
        """Return the draft's copy of this photo, with where and when it was taken."""
        place = None
        if self.facts.lat is not None and self.facts.lon is not None:
            place = GeoPoint(lat=self.facts.lat, lon=self.facts.lon)
        return DraftPhoto.from_jpeg(
            self.jpeg,
            width=self.width,
            height=self.height,
            original_bytes=self.original_bytes,
            place=place,
            taken_at=self.facts.taken_at,
        )


def target_size(width: int, height: int, long_side: int = LONG_SIDE) -> tuple[int, int]:
    """Return the size that fits `long_side` with the same aspect ratio (never enlarged)."""
    scale = min(1.0, long_side / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def open_photo(data: bytes) -> Image.Image:
    """Open a picked file lazily, refusing what is not a photo or is far too big."""
    if len(data) > MAX_INPUT_BYTES:
        raise PhotoError(TOO_BIG)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=list(ACCEPTED_FORMATS))
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise PhotoError(TOO_MANY_PIXELS) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise PhotoError(NOT_A_PHOTO) from None
    width, height = image.size
    if width * height > MAX_INPUT_PIXELS:
        raise PhotoError(TOO_MANY_PIXELS)
    return image


def flat_rgb(image: Image.Image) -> Image.Image:
    """Return the image in RGB, transparent parts on white."""
    if image.mode == "RGB":
        return image
    if "A" in image.getbands() or "transparency" in image.info:
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, WHITE)
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def prepare_photo(
    data: bytes, *, long_side: int = LONG_SIDE, quality: int = JPEG_QUALITY
) -> PreparedPhoto:
    """Turn a picked file into an upright JPEG of at most `long_side` px, with no metadata.

    EXIF place and time are read first (the place may suggest the report's location); the
    JPEG written has no EXIF, XMP, ICC profile or comment. A large JPEG is decoded at a
    reduced scale (libjpeg's DCT scaling), which is most of why this is fast.
    """
    image = open_photo(data)
    facts = photo_facts(image)
    size = target_size(*image.size, long_side=long_side)
    try:
        if image.format in ("JPEG", "MPO"):
            image.draft("RGB", size)
        image.load()
        resized = image.resize(size, Image.Resampling.BICUBIC) if image.size != size else image
    except (OSError, SyntaxError, ValueError) as error:
        raise PhotoError(NOT_A_PHOTO) from error
    transpose = ORIENTATION_TRANSPOSES.get(facts.orientation)
    upright = resized.transpose(transpose) if transpose is not None else resized
    bare = flat_rgb(upright)
    bare.info = {}
    output = io.BytesIO()
    bare.save(output, format="JPEG", quality=quality, exif=b"", icc_profile=None)
    return PreparedPhoto(
        jpeg=output.getvalue(),
        width=bare.width,
        height=bare.height,
        original_bytes=len(data),
        facts=facts,
    )
