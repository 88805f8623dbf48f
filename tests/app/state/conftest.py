"""Fixtures for the local-state tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hue_s.app.state.store import Store


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """Return where the test's store file lives."""
    return tmp_path / "data" / "app-state.sqlite3"


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    """Yield a fresh store, closed afterwards."""
    with Store(store_path) as opened:
        yield opened
