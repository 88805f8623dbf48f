"""What the news module keeps on a device: what was read, and the last list (for offline)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic import TypeAdapter, ValidationError

from hue_s.app.api.errors import HueAPIError
from hue_s.app.state.store import Store
from hue_s.modules.news.app.resource import NewsResource
from hue_s.modules.news.wire import NewsItem

logger = logging.getLogger(__name__)
READ_KEY = "news.read"
CACHE_KEY = "news.cache"
WARD_KEY = "news.ward"
READ_KEPT = 2000
"""Read marks kept per device; the oldest are forgotten first."""
ITEMS = TypeAdapter(list[NewsItem])


@dataclass(frozen=True)
class Listed:
    """The items to show, and when they were saved if they came from the device (offline)."""

    items: list[NewsItem]
    saved_at: datetime | None


class NewsDevice:
    """The news rows of one device in the local store."""

    def __init__(self, store: Store, device_id: str) -> None:
        """Bind to one device's rows."""
        self.store, self.device_id = store, device_id

    def read_ids(self) -> set[int]:
        """Return the ids of the items read on this device."""
        stored = self.store.device_settings.get(self.device_id, READ_KEY)
        value = stored.value if stored is not None and isinstance(stored.value, list) else []
        return {item for item in value if isinstance(item, int)}

    def mark_read(self, news_id: int) -> None:
        """Remember that an item was read here."""
        stored = self.store.device_settings.get(self.device_id, READ_KEY)
        kept = stored.value if stored is not None and isinstance(stored.value, list) else []
        if news_id not in kept:
            value = [*kept, news_id][-READ_KEPT:]
            self.store.device_settings.put(self.device_id, READ_KEY, value)

    def ward(self) -> str | None:
        """Return the ward picked on this device for "my ward" (when the account has none)."""
        stored = self.store.device_settings.get(self.device_id, WARD_KEY)
        return stored.value if stored is not None and isinstance(stored.value, str) else None

    def choose_ward(self, code: str | None) -> None:
        """Keep the ward picked for "my ward"."""
        self.store.device_settings.put(self.device_id, WARD_KEY, code)

    def cached(self) -> Listed | None:
        """Return the last full list saved here, if readable."""
        stored = self.store.device_settings.get(self.device_id, CACHE_KEY)
        if stored is None or not isinstance(stored.value, dict):
            return None
        try:
            items = ITEMS.validate_python(stored.value.get("items"))
            saved_at = datetime.fromisoformat(str(stored.value.get("saved_at")))
        except (ValidationError, ValueError):
            logger.warning("ignoring an unreadable cached news list")
            return None
        return Listed(items, saved_at)

    def keep(self, items: list[NewsItem], now: datetime) -> None:
        """Save the full list for offline reading."""
        value = {"saved_at": now.isoformat(), "items": ITEMS.dump_python(items, mode="json")}
        self.store.device_settings.put(self.device_id, CACHE_KEY, value)


def matches(item: NewsItem, category: str | None, query: str, ward: str | None = None) -> bool:
    """Say whether a saved item fits the filters (offline, the device filters itself)."""
    text = f"{item.title} {item.summary}".lower()
    return (
        (category is None or item.category == category)
        and (ward is None or item.ward_code in (None, ward))
        and all(word in text for word in query.lower().split())
    )


async def load(
    api: NewsResource, device: NewsDevice, category: str | None, query: str, ward: str | None = None
) -> Listed:
    """Fetch the list (the unfiltered one is saved), else filter the saved one; raise if none.

    With a ward: its items and the whole city's, never another ward's."""
    try:
        items = await api.list(category=category, ward=ward, query=query or None)
    except HueAPIError:
        cached = device.cached()
        if cached is None:
            raise
        kept = [item for item in cached.items if matches(item, category, query, ward)]
        return Listed(kept, cached.saved_at)
    if category is None and not query and ward is None:
        device.keep(items, datetime.now(UTC))
    return Listed(items, None)
