"""Followed feeds: named in the environment, fetched with a size cap, merged into the table."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from hue_s.modules.news.backend.feeds import MAX_FEED_BYTES, FeedError
from hue_s.modules.news.backend.models import NewsRow
from hue_s.modules.news.backend.poller import fetch_feed, followed_feeds, read_feed

from .test_feeds import BROKEN, ROAD, WATER, rss


def test_feeds_are_the_citys_or_a_wards(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUE_S_NEWS_FEEDS", "https://hue.gov.vn/rss, 19753=https://w.vn/a?x=1")
    assert followed_feeds() == [("https://hue.gov.vn/rss", None), ("https://w.vn/a?x=1", "19753")]


async def test_a_feed_past_the_limit_is_refused_while_it_streams() -> None:
    huge = httpx.MockTransport(
        lambda request: httpx.Response(200, content=b"x" * (MAX_FEED_BYTES + 1))
    )
    async with httpx.AsyncClient(transport=huge) as client:
        with pytest.raises(FeedError, match="over"):
            await fetch_feed(client, "https://hue.gov.vn/rss")


async def test_reading_a_feed_twice_keeps_each_entry_once(app: FastAPI) -> None:
    feed = httpx.MockTransport(
        lambda request: httpx.Response(200, content=rss(WATER, BROKEN, ROAD))
    )
    async with httpx.AsyncClient(transport=feed) as client:
        first = await read_feed(app.state.session_factory, client, "https://hue.gov.vn/rss", None)
        again = await read_feed(app.state.session_factory, client, "https://hue.gov.vn/rss", None)
    assert (first.added, again.added, again.unchanged) == (2, 0, 2)
    with app.state.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(NewsRow)) == 2
