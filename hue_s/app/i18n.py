"""Translations and locale-aware formatting, one `I18n` object per session."""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal

from hue_s.app.config import SUPPORTED_LANGUAGES

CATALOG_DIR = Path(__file__).resolve().parent.parent / "i18n"
DOMAIN = "messages"
BABEL_LOCALES = {
    "vi": "vi_VN", "en": "en_GB", "zh": "zh_Hans_CN", "ko": "ko_KR", "ja": "ja_JP", "fr": "fr_FR"
}  # fmt: skip
"""English as written in Vietnam: day before month (4/12 is 4 December), a 24-hour clock.
Visitors' languages (zh, ko, ja, fr): the app's own words stay English until its catalogs
have them; modules with catalogs of their own (tourism) speak them."""
LOCAL_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
"""Where Hue-S's people are: times are shown on Huế's clock, whatever the server's zone."""


def N_(message: str) -> str:
    """Mark a constant for extraction; it is translated later, where it is shown."""
    return message


@cache
def load_catalog(directory: Path, domain: str, language: str) -> gettext.NullTranslations:
    """Compile and return one language of a catalog (read-only, shared by every session).

    `directory` holds `<language>/LC_MESSAGES/<domain>.po`: the app's own, or a module's.
    """
    po_path = directory / language / "LC_MESSAGES" / f"{domain}.po"
    if not po_path.exists():
        return gettext.NullTranslations()
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def load_translations(language: str) -> gettext.NullTranslations:
    """Return the app's own catalog of one language."""
    return load_catalog(CATALOG_DIR, DOMAIN, language)


class I18n:
    """The language of one session: gettext lookups plus babel formatting in its locale."""

    def __init__(self, language: str = "vi", zone: ZoneInfo = LOCAL_ZONE) -> None:
        self.language = "vi"
        self.zone = zone
        self._translations: gettext.NullTranslations = gettext.NullTranslations()
        self._listeners: list[Callable[[], None]] = []
        self.set_language(language)

    def listen(self, listener: Callable[[], None]) -> None:
        """Call `listener` after each change of language (text shown outside views follows)."""
        self._listeners.append(listener)

    def set_language(self, language: str) -> None:
        """Switch this session to another supported language at once."""
        if language not in SUPPORTED_LANGUAGES:
            raise ValueError(f"unsupported language: {language}")
        changed = language != self.language
        self.language = language
        self._translations = load_translations(language)
        if changed:
            for listener in list(self._listeners):
                listener()

    @property
    def locale(self) -> Locale:
        """Return the babel locale of this session."""
        return Locale.parse(BABEL_LOCALES[self.language])

    def gettext(self, message: str) -> str:
        """Translate one message."""
        return self._translations.gettext(message)

    def gettext_from(self, directory: Path | None, domain: str, message: str) -> str:
        """Translate a message with a module's own catalog first, then with the app's."""
        if directory is not None:
            found = load_catalog(directory, domain, self.language).gettext(message)
            if found != message:
                return found
        return self.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """Translate a message that depends on a count."""
        return self._translations.ngettext(singular, plural, count)

    def date(self, value: date, fmt: str = "medium") -> str:
        """Format a date in this session's locale."""
        return format_date(value, format=fmt, locale=self.locale)

    def datetime(self, value: datetime, fmt: str = "medium") -> str:
        """Format a date and time in this session's locale, on its clock (naive values are UTC)."""
        return format_datetime(value, format=fmt, tzinfo=self.zone, locale=self.locale)

    def number(self, value: float | int | Decimal) -> str:
        """Format a number in this session's locale."""
        return format_decimal(value, locale=self.locale)

    def vnd(self, amount: float | int | Decimal) -> str:
        """Format an amount of Vietnamese đồng in this session's locale."""
        return format_currency(amount, "VND", locale=self.locale)
