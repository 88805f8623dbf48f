"""The language of an answer: the locale parameter, else Accept-Language, else Vietnamese."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Query

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"


def preferred_languages(accept_language: str) -> list[str]:
    """Return the primary language tags of an Accept-Language header, best first."""
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        if tag and weight > 0:
            weighted.append((-weight, index, tag.split("-")[0].lower()))
    return [tag for _, _, tag in sorted(weighted)]


async def request_language(
    locale: Annotated[
        str | None, Query(max_length=35, description="Language of names: vi or en.")
    ] = None,
    accept_language: Annotated[str | None, Header(max_length=500)] = None,
) -> str:
    """FastAPI dependency: the language to name things in (vi or en)."""
    return language_of(locale, accept_language)


def language_of(locale: str | None, accept_language: str | None) -> str:
    """Return the language to name things in: the locale, else Accept-Language, else vi."""
    candidates = [locale.split("-")[0].split("_")[0].lower()] if locale else []
    candidates += preferred_languages(accept_language or "")
    return next((tag for tag in candidates if tag in LANGUAGES), DEFAULT_LANGUAGE)
