"""Tests of the store itself: opening, pragmas, migrations, wiping a device, threads."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from hue_s.app.state.errors import SchemaTooNewError, StoreError
from hue_s.app.state.schema import MIGRATIONS
from hue_s.app.state.store import STORE_FILE_NAME, Store, default_store_path


def raw(path: Path, sql: str) -> list[tuple[object, ...]]:
    """Run one statement on a separate plain connection."""
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_migrates_an_empty_file_to_the_latest_version(store: Store, store_path: Path) -> None:
    assert store.schema_version == len(MIGRATIONS) == 2
    tables = {
        row[0] for row in raw(store_path, "SELECT name FROM sqlite_master WHERE type='table'")
    }
    assert {"device_settings", "drafts", "outbox", "cache"} <= tables


def test_pragmas(store: Store, store_path: Path) -> None:
    assert raw(store_path, "PRAGMA journal_mode") == [("wal",)]
    assert store.query("PRAGMA foreign_keys")[0][0] == 1
    assert store.query("PRAGMA synchronous")[0][0] == 1  # NORMAL
    assert store.query("PRAGMA busy_timeout")[0][0] == 5000


def test_reopening_keeps_data(store_path: Path) -> None:
    with Store(store_path) as first:
        first.drafts.put("device-a", "incident", {"description": "Ổ gà"})
        first.outbox.enqueue("device-a", kind="incident", payload={"n": 1})
    with Store(store_path) as second:
        assert second.schema_version == len(MIGRATIONS)
        draft = second.drafts.get("device-a", "incident")
        assert draft is not None and draft.value == {"description": "Ổ gà"}
        assert len(second.outbox.entries("device-a")) == 1


def test_a_new_migration_step_is_applied_to_an_old_file(store_path: Path) -> None:
    with Store(store_path) as old:
        old.cache.put("", "wards", [1, 2])

    def add_notes(connection: sqlite3.Connection) -> None:
        connection.execute("CREATE TABLE notes (device_id TEXT NOT NULL, body TEXT)")
        connection.execute("INSERT INTO notes VALUES ('', 'migrated')")

    with Store(store_path, migrations=[*MIGRATIONS, add_notes]) as new:
        assert new.schema_version == len(MIGRATIONS) + 1
        assert new.query("SELECT body FROM notes")[0][0] == "migrated"
        cached = new.cache.get("", "wards")
        assert cached is not None and cached.value == [1, 2]


def test_a_failing_migration_step_is_rolled_back(store_path: Path) -> None:
    Store(store_path).close()

    def broken(connection: sqlite3.Connection) -> None:
        connection.execute("CREATE TABLE half_done (x)")
        connection.execute("INSERT INTO no_such_table VALUES (1)")

    with pytest.raises(StoreError, match=f"migration to version {len(MIGRATIONS) + 1}"):
        Store(store_path, migrations=[*MIGRATIONS, broken])
    assert raw(store_path, "PRAGMA user_version") == [(len(MIGRATIONS),)]
    assert raw(store_path, "SELECT name FROM sqlite_master WHERE name = 'half_done'") == []


def test_a_newer_schema_on_disk_is_refused(store_path: Path) -> None:
    Store(store_path).close()
    raw(store_path, "PRAGMA user_version = 7")
    with pytest.raises(SchemaTooNewError, match=f"schema version 7.*up to {len(MIGRATIONS)}"):
        Store(store_path)


def test_unopenable_path_raises_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreError, match="cannot open"):
        Store(blocker / "state.sqlite3")


def test_default_store_path_uses_the_env_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUE_S_DATA_DIR", str(tmp_path / "hue"))
    assert default_store_path() == tmp_path / "hue" / STORE_FILE_NAME
    assert (tmp_path / "hue").is_dir()
    assert default_store_path(tmp_path / "other") == tmp_path / "other" / STORE_FILE_NAME


def test_default_store_path_falls_back_to_platformdirs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HUE_S_DATA_DIR", raising=False)
    monkeypatch.setattr("platformdirs.user_data_dir", lambda app: str(tmp_path / app))
    assert default_store_path() == tmp_path / "hue-s" / STORE_FILE_NAME


def test_default_store_path_rejects_an_unwritable_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("HUE_S_DATA_DIR", str(blocker / "hue"))
    with pytest.raises(StoreError, match="HUE_S_DATA_DIR"):
        default_store_path()


def test_wipe_device_removes_only_that_device(store: Store) -> None:
    for device in ("kiosk-visitor", "other"):
        store.device_settings.put(device, "language", "en")
        store.drafts.put(device, "incident", {"d": 1})
        store.cache.put(device, "weather", {"t": 30})
        store.outbox.enqueue(device, kind="incident", payload={})
    store.cache.put("", "wards", [])
    assert store.wipe_device("kiosk-visitor") == 4
    assert store.device_settings.entries("kiosk-visitor") == []
    assert store.drafts.entries("kiosk-visitor") == []
    assert store.cache.entries("kiosk-visitor") == []
    assert store.outbox.entries("kiosk-visitor") == []
    assert len(store.outbox.entries("other")) == 1
    assert store.drafts.get("other", "incident") is not None
    assert store.cache.get("", "wards") is not None


def test_a_wipe_whose_log_a_reader_holds_fails_loudly_then_succeeds(store_path: Path) -> None:
    with Store(store_path, busy_timeout=0.05) as store:
        store.drafts.put("kiosk-visitor", "incident", {"text": "CANARY"})
        store.truncate_wal()
        reader = sqlite3.connect(store_path, isolation_level=None)
        reader.execute("BEGIN")
        reader.execute("SELECT COUNT(*) FROM drafts").fetchall()  # holds an older snapshot
        store.drafts.put("kiosk-visitor", "incident", {"text": "CANARY again"})

        with pytest.raises(StoreError, match="write-ahead log"):
            store.wipe_device("kiosk-visitor")
        assert b"CANARY again" in Path(f"{store_path}-wal").read_bytes()

        reader.execute("COMMIT")
        reader.close()
        assert store.wipe_device("kiosk-visitor") == 0  # the rows went; now the log goes too
        assert Path(f"{store_path}-wal").stat().st_size == 0
    assert b"CANARY" not in store_path.read_bytes()


def test_wipe_devices_with_prefix_removes_every_crashed_kiosk_visit(store: Store) -> None:
    for device in ("kiosk-1", "kiosk-2", "phone-kiosk-3", "kiosk_4", "phone"):
        store.drafts.put(device, "incident", {"text": "CANARY"})
        store.outbox.enqueue(device, kind="incident", payload={})
    assert store.wipe_devices_with_prefix("kiosk-") == 4
    left = {row[0] for row in store.query("SELECT device_id FROM drafts")}
    assert left == {"phone-kiosk-3", "kiosk_4", "phone"}


def test_a_failing_transaction_leaves_nothing_behind(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction() as connection:
        connection.execute(
            "INSERT INTO drafts VALUES ('d', 'k', '{}', '2026-01-01T00:00:00.000000+00:00')"
        )
        raise RuntimeError("stop")
    assert store.drafts.entries("d") == []


def test_sql_errors_become_store_errors(store: Store) -> None:
    with pytest.raises(StoreError):
        store.query("SELECT * FROM no_such_table")
    store.outbox.enqueue("d", kind="k", payload={}, item_id="same")
    with pytest.raises(StoreError):
        store.outbox.enqueue("d", kind="k", payload={}, item_id="same")


def run_in_threads(count: int, work: Callable[[int], None]) -> None:
    """Run `work(thread_number)` in `count` threads at once and re-raise any failure."""
    errors: list[Exception] = []
    start = threading.Barrier(count)

    def runner(number: int) -> None:
        try:
            start.wait()
            work(number)
        except Exception as error:  # reported to the main thread below
            errors.append(error)

    threads = [threading.Thread(target=runner, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_concurrent_writes_from_two_threads_share_one_store(store: Store) -> None:
    def write(number: int) -> None:
        for index in range(200):
            store.drafts.put(f"device-{number}", f"draft-{index}", {"index": index})
            store.outbox.enqueue(f"device-{number}", kind="incident", payload={"index": index})

    run_in_threads(2, write)
    for number in range(2):
        assert len(store.drafts.entries(f"device-{number}")) == 200
        assert len(store.outbox.entries(f"device-{number}")) == 200


def test_concurrent_writes_from_two_connections(store_path: Path) -> None:
    stores = [Store(store_path), Store(store_path)]

    def write(number: int) -> None:
        for index in range(100):
            stores[number].cache.put("", f"key-{number}-{index}", index)

    try:
        run_in_threads(2, write)
        assert len(stores[0].cache.entries("")) == 200
    finally:
        for opened in stores:
            opened.close()
