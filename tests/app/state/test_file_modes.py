"""The data directory is its owner's only: 0700, and 0600 for the databases and their logs."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from hue_s.app.state.store import Store, default_store_path
from hue_s.backend.accounts.settings import load_secret_key
from hue_s.backend.config import BackendSettings
from hue_s.backend.startup import prepare_database

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def mode(path: Path) -> int:
    """Return the permission bits of a file or directory."""
    return stat.S_IMODE(path.stat().st_mode)


def fill_data_dir(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Write what the app and the embedded backend keep there: store, database, key, logs."""
    monkeypatch.delenv("HUE_S_SECRET_KEY", raising=False)
    monkeypatch.delenv("HUE_S_DATABASE_URL", raising=False)
    settings = BackendSettings(data_dir=data_dir)
    engine = prepare_database(settings.database_url)
    try:
        with engine.connect() as connection:  # a reader keeps the -wal and -shm files
            connection.exec_driver_sql("SELECT 1")
            load_secret_key(data_dir)
            with Store(default_store_path(data_dir)) as store:
                store.drafts.put("device", "incident", {"text": "private"})
                files = {path.name for path in data_dir.iterdir()}
                assert {"hue-s.db-wal", "app-state.sqlite3-wal", "secret.key"} <= files
                check_private(data_dir)
    finally:
        engine.dispose()


def check_private(data_dir: Path) -> None:
    """Assert the directory is 0700 and every file in it 0600."""
    assert mode(data_dir) == 0o700, oct(mode(data_dir))
    for path in data_dir.iterdir():
        assert mode(path) == 0o600, f"{path.name}: {oct(mode(path))}"


def test_a_new_data_dir_and_its_files_are_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_umask = os.umask(0o022)  # the usual umask, which leaves new files readable by all
    try:
        fill_data_dir(tmp_path / "data", monkeypatch)
    finally:
        os.umask(old_umask)


def test_an_existing_readable_data_dir_is_made_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o755)
    for name in ("hue-s.db", "app-state.sqlite3", "app-state.sqlite3-wal", "hue-s.db-shm"):
        (data_dir / name).write_bytes(b"")
        (data_dir / name).chmod(0o644)
    data_dir.chmod(0o755)
    fill_data_dir(data_dir, monkeypatch)


def test_a_shared_directory_stays_shared_and_the_files_in_it_private(tmp_path: Path) -> None:
    shared = tmp_path / "tmp"
    shared.mkdir()
    shared.chmod(0o1777)  # as /tmp is: everyone writes, only owners delete
    engine = prepare_database(f"sqlite:///{shared / 'bench.db'}")
    try:
        with Store(shared / "app-state.sqlite3"):
            pass
    finally:
        engine.dispose()
    assert mode(shared) == 0o1777, oct(mode(shared))
    assert mode(shared / "bench.db") == mode(shared / "app-state.sqlite3") == 0o600
