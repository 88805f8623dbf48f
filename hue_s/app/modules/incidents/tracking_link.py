"""The public address of a case's tracking page, and that address as a QR code (PNG)."""

from __future__ import annotations

import io
import os
import re
from urllib.parse import quote, urlsplit

import segno

from hue_s.app.context import AppContext

PUBLIC_URL_ENV = "HUE_S_PUBLIC_URL"
"""The city's public web address of the app, e.g. https://hue-s.hue.gov.vn (printed on slips)."""
TRACK_ROUTE = "/incidents/track"
WEB_SCHEMES = {"http": "http", "https": "https", "ws": "http", "wss": "https"}
QR_SCALE = 8
"""Pixels per QR module: a 33-module code becomes a 296-pixel image, crisp when printed."""


def web_address(url: str | None) -> str | None:
    """Return an http(s) base address from a page or socket URL, or None if it is not one."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    scheme = WEB_SCHEMES.get(parts.scheme.lower())
    if scheme is None or not parts.netloc:
        return None
    return f"{scheme}://{parts.netloc}{parts.path}".rstrip("/")


def public_base_url(ctx: AppContext) -> str | None:
    """Return where citizens reach this app: $HUE_S_PUBLIC_URL, else the address it is served at.

    None on a desktop window without the setting: there is no web address to give out.
    """
    configured = web_address(os.environ.get(PUBLIC_URL_ENV))
    if configured:
        return configured
    return web_address(ctx.page.url)


def tidy_code(typed: str) -> str:
    """Return a typed tracking code in capitals, spaces and dots turned into dashes."""
    return re.sub(r"[\s.]+", "-", typed.strip()).upper()


def tracking_path(code: str) -> str:
    """Return the app route of a case's tracking page."""
    return f"{TRACK_ROUTE}/{quote(tidy_code(code), safe='')}"


def tracking_url(ctx: AppContext, code: str) -> str | None:
    """Return the full public address of a case's tracking page (None without a web address)."""
    base = public_base_url(ctx)
    return None if base is None else f"{base}{tracking_path(code)}"


def qr_png(text: str) -> bytes:
    """Return a QR code of `text` as PNG bytes (black on white, with its quiet zone)."""
    output = io.BytesIO()
    segno.make(text, error="m", micro=False).save(
        output, kind="png", scale=QR_SCALE, border=4, dark="black", light="white"
    )
    return output.getvalue()
