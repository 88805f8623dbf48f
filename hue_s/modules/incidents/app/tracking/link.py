"""The public address of a case's tracking page, and that address as a QR code (PNG).

Where the app is public and the QR code itself are the kit's (`hue_s.kit.public_link`), shared
with public services' receipts; the names stay importable from here.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from hue_s.kit.public_link import (
    PUBLIC_URL_ENV,
    QR_SCALE,
    WEB_SCHEMES,
    phones_can_open,
    public_base_url,
    qr_png,
    web_address,
)

__all__ = [
    "PUBLIC_URL_ENV",
    "QR_SCALE",
    "WEB_SCHEMES",
    "phones_can_open",
    "public_base_url",
    "qr_png",
    "tidy_code",
    "tracking_path",
    "tracking_url",
    "web_address",
]

TRACK_ROUTE = "/incidents/track"


def tidy_code(typed: str) -> str:
    """Return a typed tracking code in capitals, spaces and dots turned into dashes."""
    return re.sub(r"[\s.]+", "-", typed.strip()).upper()


def tracking_path(code: str) -> str:
    """Return the app route of a case's tracking page."""
    return f"{TRACK_ROUTE}/{quote(tidy_code(code), safe='')}"


def tracking_url(base: str | None, code: str) -> str | None:
    """Return the full public address of a case's tracking page (None without a base)."""
    return None if base is None else f"{base}{tracking_path(code)}"
