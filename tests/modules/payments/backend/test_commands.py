"""`hue-s backend payments-expire` gives up the payments no answer came for."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from hue_s.backend.config import sqlite_url_for
from hue_s.backend.kernel.db import create_session_factory
from hue_s.backend.startup import prepare_database
from hue_s.cli import main
from hue_s.modules.payments.backend.models import Payment


def test_expire_command_gives_up_overdue_payments_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = sqlite_url_for(tmp_path / "expire.db")
    engine = prepare_database(url)
    now = datetime.now(UTC)
    with create_session_factory(engine)() as session:
        for ref, created in (("old", now - timedelta(hours=1)), ("new", now)):
            session.add(
                Payment(
                    purpose="fee", reference=ref, open_key=f"fee:{ref}", description=ref,
                    amount_vnd=1000, provider="vnpay", txn_ref=f"HS{ref}", pay_url="",
                    status="pending", created_at=created,
                    expires_at=created + timedelta(minutes=15),
                )
            )  # fmt: skip
        session.commit()
    assert main(["backend", "payments-expire", "--database", url]) == 0
    assert "1 payment(s) expired" in capsys.readouterr().out
    with create_session_factory(engine)() as session:
        rows = session.execute(select(Payment.reference, Payment.status)).all()
    engine.dispose()
    assert sorted((ref, status) for ref, status in rows) == [
        ("new", "pending"),
        ("old", "expired"),
    ]
