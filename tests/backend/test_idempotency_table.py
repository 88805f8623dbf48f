"""idempotency_keys is the kernel's (#13): a fresh database gets it without incidents, and one
migrated before the move (when incidents_0001 created it) keeps it and its rows."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, MetaData, create_engine, inspect, select

from hue_s.backend.kernel.models import IdempotencyRecord
from hue_s.backend.migrate import current_revisions
from hue_s.backend.startup import prepare_database
from hue_s.plugins import plugin_manager

REPOSITORY = Path(__file__).resolve().parents[2]
BEFORE_THE_MOVE = "703b93e"
"""A commit whose incidents_0001 still created idempotency_keys."""
TABLE = IdempotencyRecord.__tablename__


def differences_in_table(engine: Engine) -> list[object]:
    """Return how the database's idempotency_keys differs from the kernel's model."""
    metadata = MetaData()
    IdempotencyRecord.__table__.to_metadata(metadata)
    with engine.connect() as connection:
        found = compare_metadata(MigrationContext.configure(connection), metadata)
    return [item for item in found if item[0] != "remove_table" and TABLE in repr(item)]


def test_a_fresh_database_without_incidents_gets_the_table(database_url: str) -> None:
    engine = prepare_database(database_url, plugin_manager(["alerts"]))
    try:
        with engine.connect() as connection:
            assert TABLE in inspect(connection).get_table_names()
            revisions = current_revisions(connection)
        assert "0002" in revisions
        assert not any(revision.startswith("incidents_") for revision in revisions)
        assert differences_in_table(engine) == []
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def old_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The source tree as it was before the move (skipped where git or the commit is absent)."""
    if shutil.which("git") is None or not (REPOSITORY / ".git").exists():
        pytest.skip("no git checkout to take the old code from")
    tree = tmp_path_factory.mktemp("before-the-move")
    archive = subprocess.run(
        ["git", "-C", str(REPOSITORY), "archive", BEFORE_THE_MOVE, "hue_s"],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        pytest.skip(f"commit {BEFORE_THE_MOVE} is not in this checkout")
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree


def test_a_database_migrated_before_the_move_keeps_its_rows(
    database_url: str, old_tree: Path
) -> None:
    migrate_old = "import sys; from hue_s.backend.startup import prepare_database as p; "
    migrate_old += "p(sys.argv[1]).dispose()"
    environment = {name: value for name, value in os.environ.items() if name != "HUE_S_MODULES"}
    environment["PYTHONPATH"] = str(old_tree)
    subprocess.run(
        [sys.executable, "-c", migrate_old, database_url],
        env=environment,
        cwd=old_tree,
        check=True,
        timeout=300,
    )
    old = create_engine(database_url)
    try:
        with old.begin() as connection:
            revisions = current_revisions(connection)
            assert "incidents_0005" in revisions and "0002" not in revisions
            connection.execute(
                IdempotencyRecord.__table__.insert(),
                {
                    "scope": "s" * 64,
                    "key": "k-1",
                    "fingerprint": "f" * 64,
                    "status_code": 201,
                    "content_type": "application/json",
                    "body": b"{}",
                    "created_at": datetime(2026, 12, 1, tzinfo=UTC),
                },
            )
    finally:
        old.dispose()
    engine = prepare_database(database_url)
    try:
        with engine.connect() as connection:
            assert "0002" in current_revisions(connection)
            rows = connection.execute(select(IdempotencyRecord.__table__)).all()
        assert [(row.key, row.status_code, row.body) for row in rows] == [("k-1", 201, b"{}")]
        assert differences_in_table(engine) == []
    finally:
        engine.dispose()
