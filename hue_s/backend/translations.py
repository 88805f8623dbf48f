"""The backend's words in the asker's language (CSV headers, pages): the same gettext catalogs
as the app's (hue_s/i18n/<language>/LC_MESSAGES/messages.po), compiled in memory with babel
when first used, without the app's code (a backend part never imports an app part)."""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

CATALOG_DIR = Path(__file__).resolve().parents[1] / "i18n"
LANGUAGES = ("vi", "en")
"""The languages the backend answers in; any other is answered in Vietnamese."""


def N_(message: str) -> str:
    """Mark a constant for extraction; it is translated where it is answered."""
    return message


@cache
def catalog(language: str) -> gettext.NullTranslations:
    """Return one language's catalog, compiled once per process."""
    po_path = CATALOG_DIR / language / "LC_MESSAGES" / "messages.po"
    with po_path.open("rb") as po_file:
        messages = read_po(po_file, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, messages)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def translator(language: str) -> Callable[[str], str]:
    """Return the gettext function of a language (Vietnamese for one the backend lacks)."""
    return catalog(language if language in LANGUAGES else "vi").gettext
