"""News on a device: read marks kept per device, the last list readable offline."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hue_s.app.api.errors import APIConnectionError
from hue_s.app.state.store import Store
from hue_s.modules.news.app.state import NewsDevice, load
from hue_s.modules.news.wire import NewsItem

NOW = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)


def item(news_id: int, title: str, category: str = "announcement") -> NewsItem:
    return NewsItem(
        id=news_id, title=title, summary="...", category=category,  # type: ignore[arg-type]
        source="staff", published_at=NOW, updated_at=NOW,
    )  # fmt: skip


ITEMS = [item(1, "Cắt nước Phú Xuân"), item(2, "Phân luồng Lê Lợi", "traffic")]


class Api:
    """The API resource, answering a list or failing as a phone without network does."""

    def __init__(self, items: list[NewsItem] | None) -> None:
        self.items = items

    async def list(self, **filters: str | None) -> list[NewsItem]:
        if self.items is None:
            raise APIConnectionError("offline")
        return self.items


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "store.db") as opened:
        yield opened


def test_read_marks_are_per_device(store: Store) -> None:
    phone, kiosk = NewsDevice(store, "phone"), NewsDevice(store, "kiosk")
    phone.mark_read(1)
    phone.mark_read(1)
    assert phone.read_ids() == {1}
    assert kiosk.read_ids() == set()


async def test_offline_the_saved_list_is_filtered_on_the_device(store: Store) -> None:
    device = NewsDevice(store, "phone")
    online = await load(Api(ITEMS), device, None, "")  # type: ignore[arg-type]
    assert online.saved_at is None
    traffic = await load(Api(None), device, "traffic", "")  # type: ignore[arg-type]
    assert [i.id for i in traffic.items] == [2] and traffic.saved_at is not None
    found = await load(Api(None), device, None, "phú xuân")  # type: ignore[arg-type]
    assert [i.id for i in found.items] == [1]


async def test_a_filtered_answer_does_not_replace_the_saved_list(store: Store) -> None:
    device = NewsDevice(store, "phone")
    await load(Api(ITEMS), device, None, "")  # type: ignore[arg-type]
    await load(Api(ITEMS[1:]), device, "traffic", "")  # type: ignore[arg-type]
    offline = await load(Api(None), device, None, "")  # type: ignore[arg-type]
    assert [i.id for i in offline.items] == [1, 2]


async def test_offline_with_nothing_saved_raises(store: Store) -> None:
    with pytest.raises(APIConnectionError):
        await load(Api(None), NewsDevice(store, "phone"), None, "")  # type: ignore[arg-type]


async def test_offline_my_ward_leaves_other_wards_out(store: Store) -> None:
    device = NewsDevice(store, "phone")
    kim_long = item(3, "Tin Kim Long").model_copy(update={"ward_code": "19774"})
    await load(Api([*ITEMS, kim_long]), device, None, "")  # type: ignore[arg-type]
    mine = await load(Api(None), device, None, "", "19753")  # type: ignore[arg-type]
    assert [i.id for i in mine.items] == [1, 2]
    theirs = await load(Api(None), device, None, "", "19774")  # type: ignore[arg-type]
    assert [i.id for i in theirs.items] == [1, 2, 3]
