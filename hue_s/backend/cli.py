"""The `hue-s backend [serve]` command line: argument parsing and dispatch only."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from hue_s.backend.config import BackendSettings
from hue_s.backend.startup import BackendStartError
from hue_s.plugins import plugin_manager

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def add_database_option(parser: argparse.ArgumentParser, *, with_default: bool) -> None:
    """Add --database (a sub-command leaves it unset unless given, keeping the parent's)."""
    parser.add_argument(
        "--database",
        metavar="URL",
        default=None if with_default else argparse.SUPPRESS,
        help="SQLAlchemy database URL (default: $HUE_S_DATABASE_URL, else SQLite in the "
        "user data dir, or $HUE_S_DATA_DIR)",
    )


def add_serve_options(parser: argparse.ArgumentParser, *, with_defaults: bool) -> None:
    """Add --host, --port and --workers (a sub-command leaves them unset unless given)."""
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST if with_defaults else argparse.SUPPRESS,
        help=f"address to listen on (default: {DEFAULT_HOST})",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT if with_defaults else argparse.SUPPRESS,
        help=f"port to listen on (default: {DEFAULT_PORT})",
    )
    parser.add_argument(
        "--workers",
        type=worker_count,
        default=1 if with_defaults else argparse.SUPPRESS,
        help="processes serving the port (default: 1; more than 1 needs PostgreSQL)",
    )


def worker_count(given: str) -> int:
    """Parse --workers: a whole number from 1."""
    if not given.isdigit() or int(given) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1, got {given!r}")
    return int(given)


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register `backend` (and its sub-commands) on the top-level sub-parsers; return it."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "backend",
        help="run the reference backend (HueIOC)",
        description="Run the reference backend. Without a command, serve it.",
    )
    add_database_option(parser, with_default=True)
    add_serve_options(parser, with_defaults=True)
    commands = parser.add_subparsers(dest="backend_command", metavar="COMMAND")
    parser.set_defaults(func=run, backend_command="serve")  # after add_subparsers, to win
    serve_parser = commands.add_parser("serve", help="serve the HTTP API (the default)")
    add_database_option(serve_parser, with_default=False)
    add_serve_options(serve_parser, with_defaults=False)
    serve_parser.set_defaults(func=run)
    plugin_manager(BackendSettings().modules).hook.hue_s_backend_commands(commands=commands)
    return parser


def settings_from_args(args: argparse.Namespace) -> BackendSettings:
    """Return the backend settings, with --database overriding the environment."""
    database_url = getattr(args, "database", None)
    return BackendSettings(database_url=database_url) if database_url else BackendSettings()


def run(args: argparse.Namespace) -> int:
    """Serve the backend until interrupted; print a one-line error and return 1 if it cannot."""
    from hue_s.backend.server import serve  # uvicorn and the app load only when serving

    try:
        serve(settings_from_args(args), host=args.host, port=args.port, workers=args.workers)
    except BackendStartError as error:
        print(f"hue-s backend: error: {error}", file=sys.stderr)
        return 1
    return 0
