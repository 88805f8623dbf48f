"""Tests of the key/JSON tables: device settings, drafts and caches."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hue_s.app.state.store import Store


def test_put_get_replace_delete(store: Store) -> None:
    assert store.drafts.get("device-a", "incident") is None
    store.drafts.put("device-a", "incident", {"description": "Cây đổ", "photos": 2})
    store.drafts.put("device-a", "incident", {"description": "Cây đổ trên đường Lê Lợi"})
    draft = store.drafts.get("device-a", "incident")
    assert draft is not None
    assert draft.key == "incident"
    assert draft.value == {"description": "Cây đổ trên đường Lê Lợi"}
    assert abs(draft.stored_at - datetime.now(UTC)) < timedelta(minutes=1)
    assert store.drafts.delete("device-a", "incident") is True
    assert store.drafts.delete("device-a", "incident") is False
    assert store.drafts.get("device-a", "incident") is None


def test_entries_are_sorted_by_key(store: Store) -> None:
    store.drafts.put("device-a", "b", 2)
    store.drafts.put("device-a", "a", 1)
    assert [(entry.key, entry.value) for entry in store.drafts.entries("device-a")] == [
        ("a", 1),
        ("b", 2),
    ]


def test_devices_are_isolated(store: Store) -> None:
    store.device_settings.put_many("browser-1", {"language": "en", "text_scale": 1.5})
    store.device_settings.put("browser-2", "language", "vi")
    store.drafts.put("browser-1", "incident", {"x": 1})
    assert store.device_settings.values("browser-1") == {"language": "en", "text_scale": 1.5}
    assert store.device_settings.values("browser-2") == {"language": "vi"}
    assert store.drafts.get("browser-2", "incident") is None
    assert store.drafts.delete("browser-2", "incident") is False
    assert store.drafts.get("browser-1", "incident") is not None


def test_tables_are_separate(store: Store) -> None:
    store.cache.put("", "wards", ["19753"])
    assert store.drafts.get("", "wards") is None
    assert store.device_settings.get("", "wards") is None
    cached = store.cache.get("", "wards")
    assert cached is not None and cached.value == ["19753"]


def test_an_unreadable_row_reads_as_missing(store: Store) -> None:
    store.cache.put("", "good", 1)
    with store.transaction() as connection:
        connection.execute(
            "INSERT INTO cache VALUES ('', 'bad', '{not json', '2026-01-01T00:00:00.000000+00:00')"
        )
    assert store.cache.get("", "bad") is None
    assert store.cache.values("") == {"good": 1}


def test_keys_with_quotes_are_plain_data(store: Store) -> None:
    key = "x'); DROP TABLE drafts; --"
    store.drafts.put("device-a", key, "value")
    found = store.drafts.get("device-a", key)
    assert found is not None and found.value == "value"
