"""Small HTML pages in the person's language (the return page, the sandbox's pay page).

Their words are in the app's gettext catalogs (hue_s/i18n), read here with babel, without
the app's code: the backend and the sandbox do not load Flet.
"""

from __future__ import annotations

import html

from babel.numbers import format_currency

from hue_s.backend.kernel.translations import N_ as N_
from hue_s.backend.kernel.translations import translator as translator

BABEL_LOCALES = {"vi": "vi_VN", "en": "en_GB"}


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
