"""The tourism module's words: its own catalogs (six languages), categories, distances."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import flet as ft

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

TRANSLATIONS = Path(__file__).resolve().parents[1] / "i18n"
"""vi, en, zh, ko, ja, fr: `<language>/LC_MESSAGES/hue_s_tourism.po`."""
DOMAIN = "hue_s_tourism"
LANGUAGES = {
    "vi": "Tiếng Việt", "en": "English", "zh": "中文（简体）", "ko": "한국어", "ja": "日本語",
    "fr": "Français",
}  # fmt: skip
"""The visitors' languages, each named in itself."""
IMPORTER_ROLES = frozenset({"operator", "admin"})


def N_(message: str) -> str:
    """Mark a message of this module for extraction; it is translated where shown."""
    return message


def translator(ctx: AppContext) -> Callable[[str], str]:
    """Return the session's translation of this module's messages."""
    return lambda message: ctx.i18n.gettext_from(TRANSLATIONS, DOMAIN, message)


CATEGORY_NAMES = {
    "heritage": N_("Heritage"),
    "museum": N_("Museums"),
    "worship": N_("Pagodas and temples"),
    "sight": N_("Sights"),
    "market": N_("Markets"),
    "park": N_("Parks"),
}
CATEGORY_ICONS = {
    "heritage": ft.Icons.CASTLE,
    "museum": ft.Icons.MUSEUM,
    "worship": ft.Icons.TEMPLE_BUDDHIST,
    "sight": ft.Icons.PHOTO_CAMERA,
    "market": ft.Icons.STOREFRONT,
    "park": ft.Icons.PARK,
}
STATUS_NAMES = {
    "scheduled": N_("Scheduled"),
    "tentative": N_("To be confirmed"),
    "cancelled": N_("Cancelled"),
}
ATTRIBUTION_TEXT = N_("Map and places: © OpenStreetMap contributors (ODbL).")


def distance_text(ctx: AppContext, metres: float) -> str:
    """Return a distance as people say it, with the language's number format."""
    _ = translator(ctx)
    if metres < 1000:
        return _("{distance} m").format(distance=ctx.i18n.number(round(metres)))
    return _("{distance} km").format(distance=ctx.i18n.number(round(metres / 1000, 1)))
