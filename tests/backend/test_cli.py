"""Tests of hue_s/backend/cli.py: `hue-s backend [serve]` parsing and errors."""

from __future__ import annotations

import argparse
import socket

import pytest

from hue_s.backend import cli


def parse(*argv: str) -> argparse.Namespace:
    """Parse a command line the way the top-level hue-s CLI does."""
    parser = argparse.ArgumentParser(prog="hue-s")
    cli.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def test_backend_alone_serves_on_loopback_port_8000() -> None:
    args = parse("backend")
    assert (args.func, args.backend_command) == (cli.run, "serve")
    assert (args.host, args.port, args.database) == ("127.0.0.1", 8000, None)


def test_options_before_or_after_serve() -> None:
    before = parse("backend", "--port", "9000", "--database", "sqlite://", "serve")
    after = parse("backend", "serve", "--port", "9000", "--database", "sqlite://")
    for args in (before, after):
        assert (args.backend_command, args.host, args.port, args.database) == (
            "serve",
            "127.0.0.1",
            9000,
            "sqlite://",
        )


def test_database_option_overrides_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUE_S_DATABASE_URL", "sqlite:///from-env.db")
    assert cli.settings_from_args(parse("backend")).database_url == "sqlite:///from-env.db"
    args = parse("backend", "--database", "sqlite:///given.db")
    assert cli.settings_from_args(args).database_url == "sqlite:///given.db"


def test_run_prints_one_line_and_fails_on_a_taken_port(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.create_server(("127.0.0.1", 0)) as holder:
        port = holder.getsockname()[1]
        args = parse("backend", "--port", str(port), "--database", "sqlite://")
        assert args.func(args) == 1
    error = capsys.readouterr().err
    assert error == f"hue-s backend: error: Port {port} on 127.0.0.1 is already in use\n"


def test_run_fails_cleanly_on_a_bad_database(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
    args = parse("backend", "--port", str(free_port), "--database", "nosuchdb://x")
    assert args.func(args) == 1
    assert capsys.readouterr().err.startswith("hue-s backend: error: Unsupported database")
