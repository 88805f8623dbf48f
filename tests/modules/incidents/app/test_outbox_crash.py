"""Crash test of the outbox: the sender process killed (SIGKILL) at random points, 100+ times.

The backend runs on loopback as `hue-s backend serve` does; reports are queued in a real store
file; each run forks a sender (os.fork: everything is imported already, so a run costs no import)
and kills it at a random point: as it claims an item, while its request is in flight, after the
server answered but before the outbox recorded it, or after a random delay. A last sender then
finishes. Every queued report must be on the server exactly once, under its UUID.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
import traceback
import uuid
from collections import Counter
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from hue_s.app.state.store import Store
from hue_s.modules.incidents.app.draft import GeoPoint, IncidentDraft
from hue_s.modules.incidents.app.outbox.queue import ReportQueue
from hue_s.modules.incidents.app.photos import prepare_photo
from tests.app.backend_process import Backend, backend_process

from .backend import jpeg
from .crash_child import DEVICE, run_sender

KILL_RUNS = 100
MAX_RUNS = 250
BATCH = 5
POINT = GeoPoint(lat=16.4690, lon=107.5780)  # inside Huế
STRATEGIES = ("claimed", "answered", "in_flight", "timer")
RUN_TIMEOUT = 20.0


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    """Serve the backend on a loopback port, as `hue-s backend` does, until the module ends."""
    with backend_process(tmp_path_factory.mktemp("crash-backend")) as served:
        yield served


def top_up(store_path: Path, queued: list[str], photo_draft: IncidentDraft) -> None:
    """Queue another batch of reports when few are left unsent (no sender runs meanwhile)."""
    with Store(store_path) as store:
        queue = ReportQueue(store, DEVICE)
        if len(queue.unsent()) < BATCH - 1:
            for _ in range(BATCH):
                fresh = photo_draft.model_copy(update={"client_id": str(uuid.uuid4())})
                queued.append(queue.add(fresh).id)


def start_sender(store_path: Path, backend: Backend, token: str) -> tuple[int, Connection]:
    """Fork a sender process (everything is imported already, so it starts at once)."""
    parent, child = multiprocessing.Pipe()
    pid = os.fork()
    if pid == 0:  # the sender: never returns into pytest
        code = 1
        try:
            parent.close()
            run_sender(str(store_path), backend.url, token, child)
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    child.close()
    return pid, parent


def one_run(
    rng: random.Random, store_path: Path, backend: Backend, token: str, *, strategy: str | None
) -> bool:
    """Run a sender and kill it as `strategy` says (None: let it finish); True if killed."""
    pid, conn = start_sender(store_path, backend, token)
    target = rng.randint(1, 3)
    kill_at = time.monotonic() + rng.uniform(0.0, 0.4) if strategy == "timer" else None
    watched = "claimed" if strategy == "in_flight" else strategy
    seen: Counter[str] = Counter()
    deadline = time.monotonic() + RUN_TIMEOUT
    kill_now = timed_out = False
    try:
        while not kill_now:
            if time.monotonic() > deadline:
                kill_now = timed_out = True
                break
            try:
                message = conn.recv() if conn.poll(0.005) else None
            except (EOFError, OSError):
                break  # the sender is gone (it printed why)
            if message is None:
                kill_now = kill_at is not None and time.monotonic() >= kill_at
                continue
            name = message[0]
            seen[name] += 1
            if name == "done":
                break
            if name == watched and seen[name] == target:
                if strategy == "in_flight":
                    conn.send("go")
                    time.sleep(rng.uniform(0.0, 0.03))
                kill_now = True
            else:
                conn.send("go")
    finally:
        if kill_now:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        finished = seen["done"] > 0 or said_done(conn)
        conn.close()
    assert not timed_out, "a sender run did not finish in time"
    if finished:
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, status
        return False
    assert kill_now and os.WIFSIGNALED(status), f"the sender died by itself: status {status}"
    return True


def said_done(conn: Connection) -> bool:
    """Say whether the sender said "done" before the kill reached it."""
    try:
        while conn.poll(0):
            if conn.recv()[0] == "done":
                return True
    except (EOFError, OSError):
        pass
    return False


def test_killed_senders_lose_nothing_and_double_nothing(tmp_path: Path, backend: Backend) -> None:
    started = time.monotonic()
    rng = random.Random(int(os.environ.get("HUE_S_CRASH_SEED", "1075")))
    token = backend.token("0905 777 001")
    store_path = tmp_path / "app-state.sqlite3"
    photo = prepare_photo(jpeg((320, 240))).to_draft()
    draft = IncidentDraft(
        service_code="road_pothole",
        description="Ổ gà trước số 12 (crash test)",
        point=POINT,
        photos=[photo],
    )
    queued: list[str] = []
    kills: Counter[str] = Counter()
    runs = 0
    while sum(kills.values()) < KILL_RUNS and runs < MAX_RUNS:
        top_up(store_path, queued, draft)
        strategy = rng.choice(STRATEGIES)
        runs += 1
        if one_run(rng, store_path, backend, token, strategy=strategy):
            kills[strategy] += 1
    assert sum(kills.values()) >= KILL_RUNS, kills
    assert not one_run(rng, store_path, backend, token, strategy=None)

    on_server = backend.incidents_by_uuid()
    lost = [uuid for uuid in queued if on_server[uuid] == 0]
    doubled = {uuid: count for uuid, count in on_server.items() if count > 1}
    strangers = set(on_server) - set(queued)
    assert not lost, f"{len(lost)} of {len(queued)} reports never reached the server"
    assert not doubled, f"reports filed more than once: {doubled}"
    assert not strangers, f"reports the outbox never queued: {strangers}"
    with Store(store_path) as store:
        ids = backend.incident_ids()
        for uuid in queued:
            item = store.outbox.get(DEVICE, uuid)
            assert item is not None and item.state == "sent", item
            assert item.server_ref == str(ids[uuid])
    elapsed = time.monotonic() - started
    print(
        f"\ncrash test: {len(queued)} reports, {runs} sender runs, kills by point "
        f"{dict(kills)}, 0 lost, 0 doubled, {elapsed:.1f} s"
    )
