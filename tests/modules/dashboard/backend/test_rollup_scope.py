"""The roll-ups follow the cases' own writes only: a flush that writes no case or timeline entry
(a payment here) runs none of their code, while a case's flush still does."""

from __future__ import annotations

import secrets
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hue_s.backend.app import create_app
from hue_s.backend.config import BackendSettings, sqlite_url_for
from hue_s.modules.incidents.backend.dashboard import rollup_models, rollups
from hue_s.modules.incidents.backend.models import CaseDay, Incident
from hue_s.modules.payments.backend.models import Payment

from .cases import WARD_A

ROLLUP_FILES = {rollups.__file__, rollup_models.__file__}
NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)


@pytest.fixture
def payments_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FastAPI]:
    """A backend with incidents, the dashboard and payments, on SQLite."""
    for name in ("HUE_S_DATABASE_URL", "HUE_S_MODULES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HUE_S_DATA_DIR", str(tmp_path / "data"))
    url = sqlite_url_for(tmp_path / "scope.db")
    modules = ["incidents", "dashboard", "payments"]
    application = create_app(BackendSettings(data_dir=tmp_path, database_url=url, modules=modules))
    yield application
    application.state.engine.dispose()


@contextmanager
def rollup_calls() -> Iterator[list[str]]:
    """Spy: list the functions of rollups.py and rollup_models.py called inside the block."""
    called: list[str] = []

    def spy(frame: FrameType, event: str, _arg: Any) -> None:
        if event == "call" and frame.f_code.co_filename in ROLLUP_FILES:
            called.append(frame.f_code.co_name)

    sys.setprofile(spy)
    try:
        yield called
    finally:
        sys.setprofile(None)


def a_payment() -> Payment:
    """Return a pending payment of a fee, as the payments module writes one."""
    reference = secrets.token_hex(4)
    return Payment(purpose="test_fee", reference=reference, open_key=f"test_fee:{reference}",
                   description="Lệ phí", amount_vnd=50_000, provider="vnpay",
                   txn_ref=reference, pay_url="https://pay.example/", created_at=NOW,
                   expires_at=NOW + timedelta(minutes=15))  # fmt: skip


def a_case() -> Incident:
    """Return a new case in ward A."""
    return Incident(token=secrets.token_hex(16), service_code="waste", ward_code=WARD_A,
                    source="open311", requested_at=NOW, updated_at=NOW,
                    deadline_at=NOW + timedelta(hours=48))  # fmt: skip


def test_a_flush_writing_no_case_runs_no_rollup_code(payments_app: FastAPI) -> None:
    factory: Callable[[], Session] = payments_app.state.session_factory
    with factory() as session:
        payment = a_payment()
        with rollup_calls() as called:
            session.add(payment)
            session.flush()
            payment.status = "failed"
            payment.open_key = None
            session.commit()
        assert called == []
        assert session.scalar(select(func.count()).select_from(Payment)) == 1
    with factory() as session:  # the spy sees the roll-ups when a case is written
        with rollup_calls() as called:
            session.add(a_case())
            session.commit()
        assert {"note_written", "keep_rollups", "rebuild_days"} <= set(called)
        assert session.scalar(select(func.sum(CaseDay.received))) == 1
