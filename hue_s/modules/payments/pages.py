"""Small HTML pages in the person's language (the return page, the sandbox's pay page).

Their words are in the app's gettext catalogs (hue_s/i18n), read here with babel, without
the app's code: the backend and the sandbox do not load Flet.
"""

from __future__ import annotations

import gettext
import html
import io
from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency

CATALOG_DIR = Path(__file__).resolve().parents[2] / "i18n"
LANGUAGES = ("vi", "en")
BABEL_LOCALES = {"vi": "vi_VN", "en": "en_GB"}


def N_(message: str) -> str:
    """Mark a constant for extraction; it is translated where it is shown."""
    return message


@cache
def catalog(language: str) -> gettext.NullTranslations:
    """Return one language of the app's catalog, compiled once."""
    po_path = CATALOG_DIR / language / "LC_MESSAGES" / "messages.po"
    if not po_path.exists():
        return gettext.NullTranslations()
    with po_path.open("rb") as po_file:
        read = read_po(po_file, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, read)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def language_of(accept_language: str | None) -> str:
    """Return vi or en from an Accept-Language header (Vietnamese unless English comes first)."""
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGUAGES:
            return tag
    return "vi"


def translator(language: str) -> Callable[[str], str]:
    """Return the gettext function of a language."""
    return catalog(language if language in LANGUAGES else "vi").gettext


def vnd(amount: int, language: str) -> str:
    """Format whole đồng in a language's locale."""
    return format_currency(amount, "VND", locale=BABEL_LOCALES.get(language, "vi_VN"))


def page(title: str, body: str, language: str) -> str:
    """Return a whole HTML page; `body` is HTML already escaped by the caller."""
    return (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>"
        "body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;"
        "line-height:1.5;color:#222}h1{color:#5b2a86;font-size:1.5rem}"
        "dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{color:#555}"
        "dd{margin:0;font-weight:600}button{font-size:1rem;padding:.75rem 1.25rem;margin:.5rem"
        " .5rem 0 0;border-radius:.5rem;border:1px solid #5b2a86;background:#fff;color:#5b2a86}"
        "button.main{background:#5b2a86;color:#fff}</style></head>"
        f"<body><h1>{html.escape(title)}</h1>{body}</body></html>"
    )


def facts(rows: list[tuple[str, str]]) -> str:
    """Return a definition list of (label, value) pairs, escaped."""
    items = "".join(
        f"<dt>{html.escape(label)}</dt><dd>{html.escape(value)}</dd>" for label, value in rows
    )
    return f"<dl>{items}</dl>"
