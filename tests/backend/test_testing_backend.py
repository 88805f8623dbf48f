"""hue_s.testing.backend builds a module's test backend as its conftests expect."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from hue_s.testing.backend import (
    TEST_SECRET_KEY,
    MovableClock,
    backend_for_test,
    isolate_environment,
    sign_in,
)


def test_the_backend_has_the_modules_clock_and_key_asked_and_is_closed_after(
    tmp_path: Path,
) -> None:
    clock = MovableClock(datetime(2026, 12, 4, 5, 0, tzinfo=UTC))
    with backend_for_test(tmp_path, modules=["news"], clock=clock) as app:
        assert app.state.settings.modules == ["news"]
        assert app.state.clock is clock
        assert app.state.accounts_settings.secret_key == TEST_SECRET_KEY
        assert sign_in(app, "+84905000099")["Authorization"].startswith("Bearer ")
        with app.state.session_factory() as session:
            session.execute(text("SELECT 1"))
        assert app.state.engine.pool.checkedin() > 0
        assert str(tmp_path) in app.state.settings.database_url
    assert app.state.engine.pool.checkedin() == 0


def test_the_backend_is_closed_when_the_test_fails_inside(tmp_path: Path) -> None:
    clock = MovableClock(datetime(2026, 12, 4, 5, 0, tzinfo=UTC))
    with (
        pytest.raises(RuntimeError),
        backend_for_test(tmp_path, modules=[], clock=clock, secret_key=b"k" * 32) as app,
    ):
        with app.state.session_factory() as session:
            session.execute(text("SELECT 1"))
        raise RuntimeError("the test failed")
    assert app.state.engine.pool.checkedin() == 0


def test_the_environment_loses_the_developers_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in ("HUE_S_DATABASE_URL", "HUE_S_MODULES", "HUE_S_NEWS_FEEDS"):
        monkeypatch.setenv(name, "from the developer")
    isolate_environment(monkeypatch, tmp_path / "data", "HUE_S_NEWS_FEEDS")
    assert not {"HUE_S_DATABASE_URL", "HUE_S_MODULES", "HUE_S_NEWS_FEEDS"} & set(os.environ)
    assert os.environ["HUE_S_DATA_DIR"] == str(tmp_path / "data")
