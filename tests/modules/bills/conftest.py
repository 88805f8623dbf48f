"""Fixtures: the utilities' sandbox as a process (its clock fixed), and one playing down."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from hue_s.modules.bills.backend.provider import start_sandbox

NOON = datetime(2026, 12, 4, 5, 0, tzinfo=UTC)
"""12:00 in Huế on Friday 4 December 2026: the current bill is November's."""
GOOD = "PC07AA0123456"
PAID = "PC07AA0123459"
"""Ends in 9: the sandbox's current bill is paid already."""
UNKNOWN = "PC07AA0120000"
"""Ends in 0000: the sandbox has no such customer."""
WATER = "HU01012345"


@pytest.fixture(scope="session")
def sandbox_url() -> Iterator[str]:
    """The sandbox's base URL, its clock started at NOON."""
    process, url = start_sandbox("--now", NOON.isoformat())
    yield url
    process.terminate()
    process.wait(30)


@pytest.fixture(scope="session")
def down_url() -> Iterator[str]:
    """A sandbox answering 503 SYSTEM_UNAVAILABLE to everything."""
    process, url = start_sandbox("--down")
    yield url
    process.terminate()
    process.wait(30)
