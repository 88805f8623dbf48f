"""Tests of hue_s/backend/startup.py: clear one-line BackendStartErrors."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from hue_s.backend.config import sqlite_url_for
from hue_s.backend.startup import BackendStartError, prepare_database


def closed_loopback_port() -> int:
    """Return a loopback port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def start_error(database_url: str) -> str:
    """Return the BackendStartError message prepare_database raises for a URL."""
    with pytest.raises(BackendStartError) as raised:
        prepare_database(database_url).dispose()
    message = str(raised.value)
    assert "\n" not in message
    return message


def test_unparseable_url() -> None:
    assert start_error("this is not a URL").startswith("Invalid database URL; expected sqlite:///")


def test_unknown_database_kind() -> None:
    assert start_error("nosuchdb://host/db").startswith("Unsupported database 'nosuchdb'")


def test_postgres_without_its_driver_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as on `pip install -e .` alone
    message = start_error(f"postgresql+psycopg://hue@127.0.0.1:{closed_loopback_port()}/hue")
    assert message == "Missing database driver psycopg (pip install 'hue-s[postgres]')"


def test_unreachable_postgres_hides_the_password() -> None:
    url = f"postgresql+psycopg://hue:s3cret@127.0.0.1:{closed_loopback_port()}/hue"
    message = start_error(url)
    assert message.startswith("Cannot use the database postgresql+psycopg://hue:***@127.0.0.1:")
    assert "s3cret" not in message


def test_data_dir_that_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    message = start_error(sqlite_url_for(blocker / "data" / "hue-s.db"))
    assert message.startswith(f"Cannot write to the data directory {blocker / 'data'}")


def test_missing_data_dir_is_created(tmp_path: Path) -> None:
    prepare_database(sqlite_url_for(tmp_path / "new" / "nested" / "hue-s.db")).dispose()
    assert (tmp_path / "new" / "nested" / "hue-s.db").exists()


def test_database_from_a_newer_version_is_refused(database_url: str) -> None:
    prepare_database(database_url).dispose()
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM alembic_version"))
        connection.execute(text("INSERT INTO alembic_version VALUES ('from_the_future')"))
    engine.dispose()
    message = start_error(database_url)
    assert message.startswith("Cannot migrate the database")
    assert "from_the_future" in message


def test_a_newer_revision_of_an_installed_module_is_refused(database_url: str) -> None:
    prepare_database(database_url).dispose()
    engine = create_engine(database_url)
    with engine.begin() as connection:  # a later Hue-S moved incidents on; this one cannot
        connection.execute(
            text("UPDATE alembic_version SET version_num = 'incidents_0099' "
                 "WHERE version_num LIKE 'incidents_%'")
        )  # fmt: skip
    engine.dispose()
    message = start_error(database_url)
    assert message.startswith("Cannot migrate the database")
    assert "incidents_0099" in message
