"""The backend's words in the asker's language (CSV headers, pages): the same gettext catalogs
as the app's (hue_s/i18n/<language>/LC_MESSAGES/messages.po), compiled in memory with babel
when first used, without the app's code (a backend part never imports an app part)."""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache

from hue_s.catalogs import N_ as N_
from hue_s.catalogs import catalog_path, compile_catalog

LANGUAGES = ("vi", "en")
"""The languages the backend answers in; any other is answered in Vietnamese."""


@cache
def catalog(language: str) -> gettext.NullTranslations:
    """Return one language's catalog, compiled once per process."""
    return compile_catalog(catalog_path(language), language)


def translator(language: str) -> Callable[[str], str]:
    """Return the gettext function of a language (Vietnamese for one the backend lacks)."""
    return catalog(language if language in LANGUAGES else "vi").gettext
