"""The SQLite writer: queued work commits together, each piece isolated by its savepoint."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from hue_s.backend.kernel.db import create_database_engine, create_session_factory
from hue_s.backend.kernel.sqlite_writer import SQLiteWriter, joining, when_committed

WAIT = 30.0


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    """A SQLite file with one table of names."""
    engine = create_database_engine(f"sqlite:///{tmp_path / 'writer.db'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE names (name TEXT UNIQUE NOT NULL)"))
    yield engine
    engine.dispose()


@pytest.fixture
def writer(engine: Engine) -> Iterator[SQLiteWriter]:
    """A writer over the engine, shut down after the test."""
    writer = SQLiteWriter(engine)
    yield writer
    writer.shutdown()


def add(factory: sessionmaker[Session], name: str) -> str:
    """Insert a name in a session of its own and commit it, as routes' work does."""
    with factory() as session:
        session.execute(text("INSERT INTO names (name) VALUES (:name)"), {"name": name})
        session.commit()
    return name


def names(engine: Engine) -> list[str]:
    """Return the committed names, read on a connection of their own."""
    with engine.connect() as connection:
        return sorted(connection.execute(text("SELECT name FROM names")).scalars())


def hold(writer: SQLiteWriter) -> tuple[threading.Event, Future[None]]:
    """Keep the writer busy until the returned event is set, so that work queues behind."""
    started, release = threading.Event(), threading.Event()

    def wait() -> None:
        started.set()
        release.wait(WAIT)

    held = writer.submit(wait)
    assert started.wait(WAIT)
    return release, held


def count_commits(engine: Engine) -> list[int]:
    """Count the COMMITs the engine's connections make from now on."""
    commits = [0]

    def counted(*_args: object) -> None:
        commits[0] += 1

    event.listen(engine, "commit", counted)
    return commits


def test_work_queued_together_is_committed_once(engine: Engine, writer: SQLiteWriter) -> None:
    factory = create_session_factory(engine)
    release, held = hold(writer)
    commits = count_commits(engine)
    futures = [writer.submit(add, factory, f"name {n}") for n in range(10)]
    release.set()
    assert [future.result(WAIT) for future in futures] == [f"name {n}" for n in range(10)]
    held.result(WAIT)
    assert names(engine) == sorted(f"name {n}" for n in range(10))
    assert commits[0] <= 2  # the held work's batch, then the ten together


def test_failed_work_rolls_back_alone(engine: Engine, writer: SQLiteWriter) -> None:
    factory = create_session_factory(engine)

    def add_then_fail(name: str) -> None:
        add(factory, name)
        raise ValueError("after its commit, before the batch's")

    release, _held = hold(writer)
    before = writer.submit(add, factory, "before")
    failing = writer.submit(add_then_fail, "lost")
    duplicate = writer.submit(add, factory, "before")  # UNIQUE: fails in the database
    after = writer.submit(add, factory, "after")
    release.set()
    assert before.result(WAIT) == "before"
    assert after.result(WAIT) == "after"
    with pytest.raises(ValueError):
        failing.result(WAIT)
    with pytest.raises(Exception, match="UNIQUE"):
        duplicate.result(WAIT)
    assert names(engine) == ["after", "before"]


def test_callers_hear_back_only_once_committed(engine: Engine, writer: SQLiteWriter) -> None:
    factory = create_session_factory(engine)
    seen_at_callback: list[list[str]] = []

    def add_and_wait_for_commit(name: str) -> str:
        add(factory, name)
        when_committed(lambda: seen_at_callback.append(names(engine)))
        return name

    release, _held = hold(writer)
    first = writer.submit(add_and_wait_for_commit, "one")
    second = writer.submit(add, factory, "two")
    release.set()
    first.result(WAIT)
    second.result(WAIT)
    assert seen_at_callback == [["one", "two"]]  # after the batch's commit, not the savepoint's


def test_when_committed_off_the_writer_runs_at_once() -> None:
    ran: list[bool] = []
    when_committed(lambda: ran.append(True))
    assert ran == [True]


def test_a_failed_commit_fails_the_whole_batch(engine: Engine, writer: SQLiteWriter) -> None:
    factory = create_session_factory(engine)

    def refuse(*_args: object) -> None:
        raise RuntimeError("disk full")

    release, _held = hold(writer)
    futures = [writer.submit(add, factory, name) for name in ("a", "b")]
    event.listen(engine, "commit", refuse)
    release.set()
    for future in futures:
        with pytest.raises(RuntimeError, match="disk full"):
            future.result(WAIT)
    event.remove(engine, "commit", refuse)
    assert names(engine) == []
    assert writer.submit(add, factory, "c").result(WAIT) == "c"  # the writer goes on


def test_sessions_elsewhere_use_their_own_connection(engine: Engine) -> None:
    factory = create_session_factory(engine)
    assert add(factory, "outside") == "outside"
    assert names(engine) == ["outside"]


def test_shut_down_writer_finishes_its_queue_and_refuses_more(engine: Engine) -> None:
    writer = SQLiteWriter(engine)
    factory = create_session_factory(engine)
    release, _held = hold(writer)
    queued = writer.submit(add, factory, "queued")
    release.set()
    writer.shutdown()
    assert queued.result(WAIT) == "queued"
    with pytest.raises(RuntimeError):
        writer.submit(add, factory, "late")


def test_a_session_that_read_elsewhere_joins_the_batch(
    engine: Engine, writer: SQLiteWriter
) -> None:
    factory = create_session_factory(engine)
    request_session = factory()  # a route's session: it read its caller on another thread
    assert request_session.execute(text("SELECT count(*) FROM names")).scalar_one() == 0

    def write_with_it() -> str:
        request_session.execute(text("INSERT INTO names (name) VALUES ('from the request')"))
        request_session.commit()
        return "done"

    release, _held = hold(writer)
    other = writer.submit(add, factory, "other")  # the batch holds the write lock before it
    joined = writer.submit(joining(request_session, write_with_it))
    release.set()
    assert joined.result(WAIT) == "done"
    assert other.result(WAIT) == "other"
    assert names(engine) == ["from the request", "other"]
    request_session.close()


def test_what_work_leaves_uncommitted_is_rolled_back(engine: Engine, writer: SQLiteWriter) -> None:
    factory = create_session_factory(engine)
    kept = factory()

    def write_without_commit() -> None:
        kept.execute(text("INSERT INTO names (name) VALUES ('uncommitted')"))

    writer.submit(write_without_commit).result(WAIT)
    writer.submit(add, factory, "next").result(WAIT)
    assert names(engine) == ["next"]
    assert not kept.in_transaction()
    kept.close()
