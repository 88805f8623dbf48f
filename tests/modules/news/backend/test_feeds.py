"""Feeds read safely: a broken entry skipped and logged, a repeated one once, an update applied."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from hue_s.backend.kernel.models import Base
from hue_s.modules.news.backend.feeds import MAX_FEED_BYTES, FeedError, parse_feed
from hue_s.modules.news.backend.models import NewsRow
from hue_s.modules.news.backend.store import merge_feed

DATA = Path(__file__).parent / "data"
NOW = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)


def rss(*items: str) -> bytes:
    """Return an RSS 2.0 feed of these <item> bodies."""
    body = "".join(f"<item>{item}</item>" for item in items)
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>UBND thành phố Huế</title>{body}</channel></rss>"
    ).encode()


WATER = (
    "<title>Thông báo cắt nước ngày 6/12</title><guid>hue-1</guid>"
    "<link>https://huecity.gov.vn/tin/1</link><category>Thông báo</category>"
    "<description>&lt;p&gt;Phường &lt;b&gt;Phú Xuân&lt;/b&gt; cắt nước.&lt;/p&gt;</description>"
    "<pubDate>Thu, 03 Dec 2026 09:00:00 +0700</pubDate>"
)
WATER_LATER = WATER.replace("cắt nước ngày 6/12", "cắt nước ngày 7/12")
ROAD = (
    "<title>Phân luồng giao thông đường Lê Lợi</title><guid>hue-2</guid>"
    "<category>Giao thông</category><pubDate>Thu, 03 Dec 2026 10:00:00 +0700</pubDate>"
)
BROKEN = "<description>no title, no id</description>"


def test_broken_entry_is_skipped_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        entries = parse_feed(rss(WATER, BROKEN, ROAD), now=NOW)
    assert [e.guid for e in entries] == ["hue-1", "hue-2"]
    assert "skipping feed entry 1" in caplog.text


def test_entries_read_as_plain_text_with_our_categories() -> None:
    water, road = parse_feed(rss(WATER, ROAD), now=NOW)
    assert water.summary == "Phường Phú Xuân cắt nước."
    assert (water.category, road.category) == ("announcement", "traffic")
    assert water.published_at == datetime(2026, 12, 3, 2, 0, tzinfo=UTC)
    assert road.link is None


def test_a_repeated_entry_is_kept_once_at_its_newest() -> None:
    older = WATER
    newer = WATER.replace("cắt nước ngày 6/12", "lịch mới").replace(
        "<pubDate>Thu, 03 Dec 2026 09:00:00 +0700</pubDate>",
        "<pubDate>Thu, 03 Dec 2026 11:00:00 +0700</pubDate>",
    )
    entries = parse_feed(rss(older, newer), now=NOW)
    assert [(e.guid, e.title) for e in entries] == [("hue-1", "Thông báo lịch mới")]


def test_merging_adds_updates_in_place_and_leaves_the_same_alone() -> None:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine, tables=[NewsRow.__table__])  # type: ignore[list-item]
    with Session(engine) as session:
        first = merge_feed(session, "https://huecity.gov.vn/rss", parse_feed(rss(WATER), now=NOW))
        session.commit()
        again = merge_feed(
            session, "https://huecity.gov.vn/rss", parse_feed(rss(WATER_LATER, ROAD), now=NOW)
        )
        session.commit()
        rows = session.scalars(select(NewsRow).order_by(NewsRow.guid)).all()
    assert (first.added, again.added, again.updated, again.unchanged) == (1, 1, 1, 0)
    assert [row.title for row in rows] == [
        "Thông báo cắt nước ngày 7/12", "Phân luồng giao thông đường Lê Lợi"
    ]  # fmt: skip


def test_real_rss_and_atom_samples() -> None:
    ny = parse_feed((DATA / "ny_index.rss").read_bytes(), now=NOW)
    assert len(ny) >= 2 and all(e.link and e.link.startswith("http://") for e in ny)
    quakes = parse_feed((DATA / "earthquake_index.atom").read_bytes(), now=NOW)
    assert quakes and all(e.guid and e.title for e in quakes)


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "y">]><rss>&x;</rss>', "DTD"),
        (b"<rss><channel>", "well-formed"),
        (b"<html></html>", "not RSS"),
        (b" " * (MAX_FEED_BYTES + 1), "limit"),
    ],
)
def test_unsafe_or_foreign_documents_are_refused(data: bytes, why: str) -> None:
    with pytest.raises(FeedError, match=why):
        parse_feed(data, now=NOW)


def test_script_links_are_dropped() -> None:
    (entry,) = parse_feed(rss(ROAD + "<link>javascript:alert(1)</link>"), now=NOW)
    assert entry.link is None
