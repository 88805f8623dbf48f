"""The one thread that writes to a SQLite file: writes queued together commit together.

SQLite lets one writer in at a time, so writes queue on one thread (writers in several threads
would wait for the lock in sleeps of milliseconds). Each commit writes every page it changed to
the write-ahead log; a report touches a dozen index pages, so a commit per request cost as much
as its INSERTs. The writer takes what is queued, runs each piece of work in a SAVEPOINT of one
transaction on its own connection and commits once. Work that fails rolls back to its savepoint
alone; a caller hears back only once its write is committed.

Work uses the app's sessions as anywhere else: on this thread, during a batch, a
`WriterSession` is bound to the batch's connection, inside the work's savepoint, so its
commit releases a savepoint of its own. A request's session that read before (its caller)
ends that read first (`joining`); what a piece of work leaves uncommitted is rolled back after
it. What must wait for the real commit (waking live streams) goes through `when_committed`.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

logger = logging.getLogger(__name__)
Result = TypeVar("Result")
MAX_BATCH = 64
"""Most pieces of work in one transaction: bounds how long the first of them waits."""

_batch = threading.local()


class WriterSession(Session):
    """The app's sessions: used on the writer's thread during a batch, they join it."""

    def get_bind(self, mapper: Any = None, **options: Any) -> Engine | Connection:
        """Return the batch's connection on the writer's thread, else the usual bind."""
        connection: Connection | None = getattr(_batch, "connection", None)
        if connection is None:
            return super().get_bind(mapper, **options)
        _batch.joined.add(self)
        return connection


def joining(session: Session | None, work: Callable[[], Result]) -> Callable[[], Result]:
    """Return work that first ends a request's session's read, so that it can join a batch."""
    if session is None:
        return work

    def joined() -> Result:
        if session.in_transaction():
            session.commit()  # it only read (the caller, say): its connection holds no lock
        return work()

    return joined


def when_committed(callback: Callable[[], None]) -> None:
    """Run callback once this thread's writes are committed: now, or after the writer's batch."""
    waiting: list[Callable[[], None]] | None = getattr(_batch, "after_commit", None)
    if waiting is None:
        callback()
    else:
        waiting.append(callback)


Work = tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any], Future[Any]]


class SQLiteWriter(Executor):
    """An executor of one thread and one connection that commits queued work together."""

    def __init__(self, engine: Engine, max_batch: int = MAX_BATCH) -> None:
        """Prepare a writer for a SQLite file; its thread starts with the first work."""
        self._engine = engine
        self._max_batch = max_batch
        self._queue: queue.SimpleQueue[Work | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._closed = False

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        """Queue work for the writer's next transaction; its future resolves once committed."""
        future: Future[Any] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("the SQLite writer is shut down")
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="hue-s-sqlite-writer", daemon=True
                )
                self._thread.start()
            self._queue.put((fn, args, kwargs, future))
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Finish the queued work, then stop the thread and give its connection back."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            thread = self._thread
            if thread is not None:
                self._queue.put(None)
        if thread is not None and wait:
            thread.join()

    def _run(self) -> None:
        with self._engine.connect() as connection:
            raw = connection.connection.dbapi_connection
            assert raw is not None
            raw.isolation_level = None  # pysqlite begins nothing itself: SAVEPOINTs then work
            try:
                while (batch := self._next_batch()) is not None:
                    self._write(connection, batch)
            finally:
                raw.isolation_level = ""

    def _next_batch(self) -> list[Work] | None:
        first = self._queue.get()
        if first is None:
            return None
        batch = [first]
        while len(batch) < self._max_batch:
            try:
                more = self._queue.get_nowait()
            except queue.Empty:
                break
            if more is None:
                self._queue.put(None)  # stop after this batch
                break
            batch.append(more)
        return batch

    def _write(self, connection: Connection, batch: list[Work]) -> None:
        outcomes: list[tuple[Future[Any], Any, BaseException | None]] = []
        after_commit: list[Callable[[], None]] = []
        try:
            with connection.begin():
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                _batch.connection, _batch.after_commit = connection, after_commit
                try:
                    for work in batch:
                        outcomes.extend(self._run_one(connection, work))
                finally:
                    _batch.connection = _batch.after_commit = None
        except BaseException as error:  # nothing of the batch was committed
            raw = connection.connection.dbapi_connection
            if raw is not None:
                raw.rollback()  # pysqlite's own: also what SQLAlchemy no longer tracks
            for _fn, _args, _kwargs, future in batch:
                if not future.done():
                    future.set_exception(error)
            return
        for callback in after_commit:
            try:
                callback()
            except Exception:
                logger.exception("after a commit of the SQLite writer")
        for future, result, failure in outcomes:
            if failure is None:
                future.set_result(result)
            else:
                future.set_exception(failure)

    @staticmethod
    def _run_one(
        connection: Connection, work: Work
    ) -> list[tuple[Future[Any], Any, BaseException | None]]:
        fn, args, kwargs, future = work
        if not future.set_running_or_notify_cancel():
            return []
        savepoint = connection.begin_nested()
        _batch.joined = set()
        try:
            result = fn(*args, **kwargs)
        except Exception as error:  # the caller hears it; the rest of the batch goes on
            finish_sessions(_batch.joined)
            savepoint.rollback()
            return [(future, None, error)]
        finish_sessions(_batch.joined)
        savepoint.commit()
        return [(future, result, None)]


def finish_sessions(sessions: set[Session]) -> None:
    """Roll back what sessions that joined a piece of work left uncommitted (as closing does)."""
    for session in sessions:
        if session.in_transaction():
            session.rollback()
