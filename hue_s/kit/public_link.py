"""Where citizens reach this app on the web (the address a slip's QR code opens), and a QR code
of an address as PNG; every module's receipts and slips take them from here."""

from __future__ import annotations

import io
import ipaddress
import os
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import segno

from hue_s.app.api.errors import HueAPIError

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

PUBLIC_URL_ENV = "HUE_S_PUBLIC_URL"
"""The city's public web address of the app, e.g. https://hue-s.hue.gov.vn (printed on slips)."""
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


def phones_can_open(url: str) -> bool:
    """Say whether a visitor's phone could open `url`: not loopback, private or a local name."""
    host = (urlsplit(url).hostname or "").lower()
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return "." in host and not host.endswith((".localhost", ".local", ".internal", ".lan"))
    return address.is_global


async def public_base_url(ctx: AppContext) -> str | None:
    """Return where citizens reach this app, or None when no phone could open what we know.

    $HUE_S_PUBLIC_URL here, else the backend's (its /api/v1/meta), else the address this app
    is served at if phones can reach it (a kiosk's own loopback address they cannot).
    """
    configured = web_address(os.environ.get(PUBLIC_URL_ENV))
    if configured:
        return configured
    try:
        announced = web_address((await ctx.api.meta.get()).public_url)
    except HueAPIError:
        announced = None
    if announced:
        return announced
    served = web_address(ctx.page.url)
    return served if served and phones_can_open(served) else None


def qr_png(text: str) -> bytes:
    """Return a QR code of `text` as PNG bytes (black on white, with its quiet zone)."""
    output = io.BytesIO()
    segno.make(text, error="m", micro=False).save(
        output, kind="png", scale=QR_SCALE, border=4, dark="black", light="white"
    )
    return output.getvalue()
