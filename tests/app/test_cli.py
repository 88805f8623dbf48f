"""`hue-s app` refuses to start with a clear one-line error instead of a traceback."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from hue_s import cli
from hue_s.app.config import AppConfig


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main(argv)
    err = capsys.readouterr().err.strip()
    return code, err


def test_taken_port(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, err = run(["app", "--web", "--port", str(port), "--data-dir", str(tmp_path)], capsys)
    assert code == 2
    assert err == f"hue-s: port {port} on 127.0.0.1 is taken (Address already in use)"


def test_unreachable_backend(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    argv = [
        "--web",
        "--port",
        "0",
        "--data-dir",
        str(tmp_path),
        "--backend",
        f"http://127.0.0.1:{port}",
    ]
    code, err = run(argv, capsys)
    assert code == 2
    assert err.startswith(f"hue-s: cannot reach the backend at http://127.0.0.1:{port}")
    assert "\n" not in err


def test_unwritable_data_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    code, err = run(["app", "--web", "--port", "0", "--data-dir", str(blocker / "data")], capsys)
    assert code == 2
    assert err.startswith("hue-s: cannot write to the data directory")
    assert "\n" not in err


def test_no_subcommand_means_app(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[AppConfig] = []
    monkeypatch.setattr("hue_s.app.run.run_app", started.append)
    monkeypatch.setenv("HUE_S_MODULES", "incidents")
    assert cli.main([]) == 0
    assert cli.main(["--kiosk", "--lang", "en", "--port", "9000"]) == 0
    plain, kiosk = started
    assert (plain.web, plain.kiosk, plain.port, plain.default_language) == (
        False,
        False,
        8550,
        "vi",
    )
    assert (kiosk.kiosk, kiosk.port, kiosk.default_language) == (True, 9000, "en")
    assert plain.modules == frozenset({"incidents"})
