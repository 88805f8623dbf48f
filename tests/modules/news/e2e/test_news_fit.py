"""The news screens at 390x844 and 1280x800, Vietnamese and English, 100% and 200% text: no
text cut, too small, off screen or overlapping (measured as tests/e2e/test_screens_fit.py does)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.e2e.clipping import measure, problems
from tests.e2e.conftest import FIRST_SCREEN_TIMEOUT, PHONE, AppPage
from tests.e2e.test_screens_fit import LANGUAGES, SCALES, SIZES, choose

pytestmark = pytest.mark.browser

WORDS = {"vi": "Tìm trong tin tức", "en": "Search the news"}


def test_news_list_fits(open_app: Callable[..., AppPage]) -> None:
    app = open_app("/", size=PHONE)
    found: list[str] = []
    for lang in LANGUAGES:
        for scale in SCALES:
            choose(app, lang, scale)
            for size in SIZES:
                app.page.set_viewport_size({"width": size[0], "height": size[1]})
                app.goto("/news").wait_for_text(WORDS[lang], timeout=FIRST_SCREEN_TIMEOUT)
                name = f"news-{size[0]}x{size[1]}-{lang}-{scale}"
                app.screenshot(f"audit-{name}")
                found += [f"{name}: {line}" for line in problems(measure(app.page), scale / 100)]
    assert not found, "\n".join(found)
