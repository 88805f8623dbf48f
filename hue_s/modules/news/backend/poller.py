"""Followed feeds ($HUE_S_NEWS_FEEDS), fetched with a size cap and merged on a timer."""

from __future__ import annotations

import asyncio
import logging
import os
from datetime import UTC, datetime

import httpx
from sqlalchemy.orm import Session, sessionmaker

from hue_s.modules.news.backend.feeds import MAX_FEED_BYTES, FeedError, parse_feed
from hue_s.modules.news.backend.store import Merged, merge_feed

logger = logging.getLogger(__name__)


def followed_feeds() -> list[tuple[str, str | None]]:
    """Return (URL, ward code) of each feed in $HUE_S_NEWS_FEEDS: `URL` (the city's) or
    `WARDCODE=URL` (a ward's), separated by commas or spaces."""
    feeds: list[tuple[str, str | None]] = []
    for item in os.environ.get("HUE_S_NEWS_FEEDS", "").replace(",", " ").split():
        ward, _, url = item.partition("=") if "=" in item.split("://")[0] else ("", "", item)
        feeds.append((url, ward or None))
    return feeds


def poll_seconds() -> float:
    """Return how often feeds are read ($HUE_S_NEWS_POLL_SECONDS, default 600)."""
    try:
        return max(30.0, float(os.environ.get("HUE_S_NEWS_POLL_SECONDS", "600")))
    except ValueError:
        return 600.0


async def fetch_feed(client: httpx.AsyncClient, url: str) -> bytes:
    """GET a feed, refusing it past MAX_FEED_BYTES as it streams; raise FeedError."""
    try:
        async with client.stream("GET", url) as response:
            if response.status_code != 200:
                raise FeedError(f"{url}: HTTP {response.status_code}")
            data = bytearray()
            async for chunk in response.aiter_bytes():
                data += chunk
                if len(data) > MAX_FEED_BYTES:
                    raise FeedError(f"{url}: over {MAX_FEED_BYTES} bytes")
            return bytes(data)
    except httpx.HTTPError as error:
        raise FeedError(f"{url}: {error or type(error).__name__}") from None


async def read_feed(
    factory: sessionmaker[Session], client: httpx.AsyncClient, url: str, ward: str | None
) -> Merged:
    """Fetch, parse and merge one feed; raise FeedError when it cannot be read."""
    entries = parse_feed(await fetch_feed(client, url), now=datetime.now(UTC))

    def merge() -> Merged:
        with factory() as session:
            merged = merge_feed(session, url, entries, ward)
            session.commit()
            return merged

    return await asyncio.to_thread(merge)


async def poll_forever(factory: sessionmaker[Session], client: httpx.AsyncClient) -> None:
    """Read every followed feed, then wait, for ever (a failing feed is logged, not fatal)."""
    while True:
        for url, ward in followed_feeds():
            try:
                merged = await read_feed(factory, client, url, ward)
                logger.info("news feed %s: %s", url, merged)
            except FeedError as failure:
                logger.warning("news feed refused: %s", failure)
        await asyncio.sleep(poll_seconds())
