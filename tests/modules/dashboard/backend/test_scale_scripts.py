"""The dashboard's scale benchmark (tests/perf/dashboard_scale.py) runs end to end at a tiny
size, on SQLite and PostgreSQL: its fill, its copy into PostgreSQL, and every route it times
answering 200 (it prints figures; nothing here depends on how fast they are)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "perf"))

import dashboard_scale  # noqa: E402


def test_the_scale_benchmark_runs_small(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kind = "postgres" if database_url.startswith("postgresql") else "sqlite"
    dashboard_scale.run(300, 2, [kind], tmp_path, postgres_url=database_url)
    printed = capsys.readouterr().out
    for route in dashboard_scale.routes("19753"):
        assert route in printed, printed
    assert "300 cases" in printed
