"""The language of an answer: ?locale= first, then Accept-Language by weight, else Vietnamese."""

from __future__ import annotations

import pytest

from hue_s.backend.kernel.locale import language_of


@pytest.mark.parametrize(
    ("locale", "accept_language", "language"),
    [
        (None, None, "vi"),
        ("en-GB", "vi", "en"),
        ("ja", "en", "en"),
        (None, "en;q=0.5, vi", "vi"),
        (None, "fr, en;q=0.8, vi;q=0.3", "en"),
        (None, "ja, en;q=0.5", "en"),
        (None, "en;q=0, vi;q=0.1", "vi"),
        (None, "zh-Hans-CN", "vi"),
    ],
)
def test_the_locale_then_the_weighted_header_then_vietnamese(
    locale: str | None, accept_language: str | None, language: str
) -> None:
    assert language_of(locale, accept_language) == language
