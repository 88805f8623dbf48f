"""Translations and locale-aware formatting, one `I18n` object per session."""

from __future__ import annotations

import gettext
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime, format_skeleton
from babel.numbers import format_currency, format_decimal

from hue_s.app.config import SUPPORTED_LANGUAGES
from hue_s.catalogs import CATALOG_DIR as CATALOG_DIR
from hue_s.catalogs import DOMAIN as DOMAIN
from hue_s.catalogs import N_ as N_
from hue_s.catalogs import catalog_path
from hue_s.catalogs import compile_catalog as compile_catalog

BABEL_LOCALES = {
    "vi": "vi_VN", "en": "en_GB", "zh": "zh_Hans_CN", "ko": "ko_KR", "ja": "ja_JP", "fr": "fr_FR"
}  # fmt: skip
"""English as written in Vietnam: day before month (4/12 is 4 December), a 24-hour clock."""
FALLBACK_LANGUAGES = {"zh": "en", "ko": "en", "ja": "en", "fr": "en"}
"""Visitors' languages: their catalogs hold the shell's and the alerts module's words
(`VISITOR_SCOPE`); any other word is looked up in English, never shown empty."""
VISITOR_SCOPE = ("app/views/**/*.py", "app/kiosk_session.py", "modules/alerts/app/**/*.py")
"""The sources (under hue_s/) whose every message the visitors' languages translate."""
STAFF_ONLY = (
    "app/views/settings/open311.py", "app/views/settings/open311_check.py",
    "modules/alerts/app/views/view_operator.py", "modules/alerts/app/views/operator_form.py",
    "modules/alerts/app/views/area_drawing.py", "modules/alerts/app/views/feed_status.py",
    "modules/alerts/app/checkins/checkin_counts.py",
)  # fmt: skip
"""Inside the scope, the staff's screens (the operator's warnings, where reports go): English."""
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
LOCAL_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
"""Where Hue-S's people are: times are shown on Huế's clock, whatever the server's zone."""


@cache
def load_catalog(directory: Path, domain: str, language: str) -> gettext.NullTranslations:
    """Compile and return one language of a catalog (read-only, shared by every session).

    `directory` holds `<language>/LC_MESSAGES/<domain>.po`: the app's own, or a module's.
    """
    return compile_catalog(catalog_path(language, domain, directory), language)


@cache
def load_translations(language: str) -> gettext.NullTranslations:
    """Return the app's own catalog of one language, falling back to English for a visitor's."""
    translations = compile_catalog(catalog_path(language), language)
    if language in FALLBACK_LANGUAGES:
        translations.add_fallback(load_translations(FALLBACK_LANGUAGES[language]))
    return translations


def accept_language(language: str) -> str:
    """Return the Accept-Language a session sends: its language, then the one it falls back to
    (a server that knows only vi and en answers a visitor in English, not Vietnamese)."""
    fallback = FALLBACK_LANGUAGES.get(language)
    return language if fallback is None else f"{language}, {fallback};q=0.5"


def visitor_scope_sources(package: Path = CATALOG_DIR.parent) -> list[Path]:
    """Return the source files whose messages every visitor's language must translate."""
    staff = {package / name for name in STAFF_ONLY}
    found = {path for pattern in VISITOR_SCOPE for path in package.glob(pattern)}
    return sorted(found - staff)


def visitor_scope_messages(package: Path = CATALOG_DIR.parent) -> set[str]:
    """Return the message ids (a plural's singular) marked in the visitor scope's sources."""
    from babel.messages.extract import extract_from_file

    ids = set()
    for path in visitor_scope_sources(package):
        for _line, message, _comments, _context in extract_from_file(
            "python", str(path), keywords=KEYWORDS
        ):
            ids.add(message[0] if isinstance(message, tuple) else message)
    return ids


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

    def day(self, value: date) -> str:
        """Format a short weekday and day of the month ("Thu 26/11", "11/26(木)")."""
        if self.language in FALLBACK_LANGUAGES:
            return format_skeleton("MEd", value, locale=self.locale)
        return format_date(value, format="EEE d/M", locale=self.locale)

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
