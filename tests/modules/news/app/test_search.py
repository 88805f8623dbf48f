"""Home's search finds the news, and the publishing form for staff only."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from hue_s.modules.air.app import manifest as air
from hue_s.modules.news.app import manifest as news


def ctx(role: str) -> Any:
    return SimpleNamespace(_=lambda text: text, session=SimpleNamespace(role=role))


async def test_guests_find_the_news_staff_also_the_form() -> None:
    assert news.search is not None and air.search is not None
    assert [e.route for e in await news.search(ctx("guest"))] == ["/news"]
    assert [e.route for e in await news.search(ctx("officer"))] == ["/news", "/news/publish"]
    (entry,) = await air.search(ctx("guest"))
    assert entry.route == "/air" and "bụi mịn" in entry.words
