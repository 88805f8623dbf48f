"""Fixtures of the incident tests: the real backend in-process, and a local store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hue_s.app.state.store import Store
from tests.app.api.accounts_backend import AccountsBackend, accounts_backend


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AccountsBackend]:
    """One backend per test module (each test uses its own phone numbers)."""
    built = accounts_backend(tmp_path_factory.mktemp("incidents-backend"))
    yield built
    built.app.state.engine.dispose()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """Yield a fresh local store, closed afterwards."""
    with Store(tmp_path / "app-state.sqlite3") as opened:
        yield opened
