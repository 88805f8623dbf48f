"""Fixtures of the officer workspace tests: the real backend in-process."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from api.accounts_backend import AccountsBackend, accounts_backend


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AccountsBackend]:
    """One backend per test module (each test uses its own phone numbers)."""
    built = accounts_backend(tmp_path_factory.mktemp("officer-backend"))
    yield built
    built.app.state.engine.dispose()
