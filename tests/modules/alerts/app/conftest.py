"""Fixtures of the alerts module's tests: a local store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hue_s.app.state.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """Yield a fresh local store, closed afterwards."""
    with Store(tmp_path / "app-state.sqlite3") as opened:
        yield opened
