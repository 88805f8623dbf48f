"""Set-up shared by every test folder."""

from __future__ import annotations

from typing import Any

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run a failed browser test up to twice more, each time in a fresh browser and app.

    The freeze that made journeys fail in full runs is found and gone (skwasm's render worker
    and the page deadlocked in malloc; the page is no longer cross-origin isolated, see
    docs/FLET-FINDINGS.md). The retries stay for what a loaded 2-core machine still does to a
    browser now and then; a bug fails every attempt, and the run ends with why each retried
    attempt failed.
    """
    for item in items:
        if item.get_closest_marker("browser") is not None:
            item.add_marker(pytest.mark.flaky(reruns=2))


RETRIED: list[tuple[str, str]] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Remember why a test was retried: pytest-rerunfailures says only that it was."""
    if report.outcome == "rerun":
        RETRIED.append((report.nodeid, report.longreprtext))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print each retried attempt's first error lines and where it failed, so a CI log says why."""
    if not RETRIED:
        return
    terminalreporter.section("why tests were retried")
    for nodeid, text in RETRIED:
        lines = text.strip().splitlines()
        errors = [line for line in lines if line.startswith("E ")]
        terminalreporter.write_line(f"{nodeid}:")
        for line in [*errors[:4], *lines[-2:]]:
            terminalreporter.write_line(f"    {line[:300]}")
