"""The gettext catalogs (hue_s/i18n/<language>/LC_MESSAGES/<domain>.po), compiled in memory
with babel: one reader for the app, the backend and the payment pages."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

CATALOG_DIR = Path(__file__).resolve().parent / "i18n"
DOMAIN = "messages"


def N_(message: str) -> str:
    """Mark a constant for extraction; it is translated later, where it is shown."""
    return message


def compile_catalog(po_path: Path, language: str) -> gettext.NullTranslations:
    """Compile one .po file in memory (empty and fuzzy entries left out, as msgfmt does)."""
    if not po_path.exists():
        return gettext.NullTranslations()
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def catalog_path(language: str, domain: str = DOMAIN, directory: Path = CATALOG_DIR) -> Path:
    """Return where one language of a catalog is written."""
    return directory / language / "LC_MESSAGES" / f"{domain}.po"
