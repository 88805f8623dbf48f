"""An "I need help" cut short by a crash, with incidents switched off (HUE_S_MODULES=alerts).

Old behaviour: only the incidents module's sender put items left 'sending' back in the queue,
so with incidents off a request for help killed mid-send stayed 'sending' forever. Now the app
host starts one sender after the modules' setup and recovers the kinds of every enabled module.
Each run forks an app process that starts as the app does (`start_modules`) and kills it
(SIGKILL) as it claims the item, then after the server answered; a last run must deliver it,
and the server must hold it once.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
import traceback
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from hue_s.app.state.outbox import OutboxItem
from hue_s.app.state.store import Store
from hue_s.modules.alerts.app.checkins.checkins import CheckinNote, queue_checkin
from tests.app.backend_process import Backend, backend_process

from .doubles import PHU_XUAN
from .help_crash_child import DEVICE, run_app

OPERATOR_PHONE = "0905 777 301"
CITIZEN_PHONE = "0905 777 302"
RUN_TIMEOUT = 30.0


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    """The whole backend on loopback (the city's server): only the app has incidents off."""
    with backend_process(tmp_path_factory.mktemp("help-crash-backend")) as served:
        yield served


def issue_alert(backend: Backend) -> dict[str, object]:
    """Issue a flood warning for Phú Xuân as an operator; return it."""
    backend.create_user(OPERATOR_PHONE, "operator")
    token = backend.token(OPERATOR_PHONE)
    draft = {
        "event": "Lũ", "severity": "Severe", "urgency": "Expected", "certainty": "Likely",
        "headline": "Lũ trên sông Hương", "description": "Mực nước Kim Long 3,2 m.",
        "expires": (datetime.now(UTC) + timedelta(days=1)).isoformat(),
        "ward_codes": [PHU_XUAN],
    }  # fmt: skip
    answer = httpx.post(
        f"{backend.url}/api/v1/alerts",
        json=draft,
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert answer.status_code == 201, answer.text
    alert: dict[str, object] = answer.json()
    return alert


def run(store_path: Path, backend: Backend, token: str, kill_at: str | None) -> list[str]:
    """Fork the app with HUE_S_MODULES=alerts; kill it at `kill_at` (None: let it finish).

    Return the points it reached, and the modules it had, first.
    """
    parent, child = multiprocessing.Pipe()
    pid = os.fork()
    if pid == 0:  # the app: never returns into pytest
        code = 1
        try:
            parent.close()
            os.environ["HUE_S_MODULES"] = "alerts"
            run_app(str(store_path), backend.url, token, child)
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    child.close()
    seen: list[str] = []
    deadline = time.monotonic() + RUN_TIMEOUT
    killed = False
    try:
        while time.monotonic() < deadline and not killed:
            try:
                message = parent.recv() if parent.poll(0.05) else None
            except (EOFError, OSError):
                break  # the app is gone (it printed why)
            if message is None:
                continue
            name, value = message
            seen.append(f"{name}:{value}" if name == "modules" else name)
            if name == kill_at:
                os.kill(pid, signal.SIGKILL)
                killed = True
            elif name == "done":
                break
            elif name in ("claimed", "answered"):
                parent.send("go")
    finally:
        if not killed and "done" not in seen:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        parent.close()
    assert killed or "done" in seen, f"the app did not get there in time: {seen}"
    if killed:
        assert os.WIFSIGNALED(status), status
    else:
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, status
    return seen


def item_now(store_path: Path, item: OutboxItem) -> OutboxItem:
    """Return the item as the store has it now."""
    with Store(store_path) as store:
        found = store.outbox.get(DEVICE, item.id)
    assert found is not None
    return found


def test_a_help_request_cut_short_is_recovered_and_sent_once_with_incidents_off(
    tmp_path: Path, backend: Backend
) -> None:
    alert = issue_alert(backend)
    token = backend.token(CITIZEN_PHONE)
    store_path = tmp_path / "app-state.sqlite3"
    with Store(store_path) as store:
        note = CheckinNote(
            alert_id=int(str(alert["id"])), headline=str(alert["headline"]), status="help",
            ward_code=PHU_XUAN, details="Nước ngập 1 m, có người già", people_count=3,
        )  # fmt: skip
        help_request = queue_checkin(store.outbox, DEVICE, note)
        report = store.outbox.enqueue(DEVICE, kind="incident.report", payload={"draft": {}})
        assert store.outbox.mark_sending(DEVICE, report.id)  # a report a crash cut short too

    def on_server() -> int:
        return backend.incidents_by_uuid()[help_request.id]

    assert run(store_path, backend, token, kill_at="claimed") == ["modules:alerts", "claimed"]
    assert item_now(store_path, help_request).state == "sending" and on_server() == 0
    assert run(store_path, backend, token, kill_at="answered")[-2:] == ["claimed", "answered"]
    assert item_now(store_path, help_request).state == "sending" and on_server() == 1

    finished = run(store_path, backend, token, kill_at=None)
    assert finished == ["modules:alerts", "claimed", "answered", "done"]

    sent = item_now(store_path, help_request)
    assert sent.state == "sent" and on_server() == 1  # delivered, and once
    assert sent.server_ref == str(backend.incident_ids()[help_request.id])
    rows = backend.query(
        "SELECT status, case_id FROM alert_checkins WHERE alert_id = ?", alert["id"]
    )
    assert rows == [("help", int(sent.server_ref))]
    assert item_now(store_path, report).state == "sending"  # incidents is off: left as it was
