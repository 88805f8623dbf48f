"""The `hue-s` command: argument parsing only; `hue-s` alone runs the app."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from hue_s import __version__
from hue_s.app.config import (
    OPEN311_API_KEY_ENV,
    OPEN311_JURISDICTION_ENV,
    OPEN311_URL_ENV,
    SUPPORTED_LANGUAGES,
    AppConfig,
    Open311Settings,
)
from hue_s.environment import default_data_dir, module_allow_list


def _run_app(args: argparse.Namespace) -> int:
    from hue_s.app.run import AppStartError, run_app

    open311 = Open311Settings.from_env(
        url=args.open311, jurisdiction_id=args.jurisdiction, api_key=args.api_key
    )
    config = AppConfig(
        open311=open311,
        backend_url=args.backend,
        data_dir=args.data_dir or default_data_dir(),
        web=args.web,
        kiosk=args.kiosk,
        port=args.port,
        default_language=args.lang,
        modules=module_allow_list(),
    )
    try:
        run_app(config)
    except AppStartError as error:
        print(f"hue-s: {error}", file=sys.stderr)
        return 2
    return 0


def add_app_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register `hue-s app`."""
    app = subparsers.add_parser("app", help="run the app (desktop window, or web on loopback)")
    app.add_argument("--web", action="store_true", help="serve the web client instead of a window")
    app.add_argument(
        "--kiosk", action="store_true", help="shared ward-office kiosk: full screen, large tiles"
    )
    app.add_argument("--port", type=int, default=8550, help="web port on 127.0.0.1 (default 8550)")
    app.add_argument(
        "--backend", metavar="URL", help="use this backend instead of the embedded one"
    )
    app.add_argument(
        "--open311",
        metavar="URL",
        help="file reports to this GeoReport v2 endpoint (or discovery.json) instead of the "
        f"Hue-S backend (env {OPEN311_URL_ENV})",
    )
    app.add_argument(
        "--jurisdiction", metavar="ID", help=f"its jurisdiction_id (env {OPEN311_JURISDICTION_ENV})"
    )
    app.add_argument(
        "--api-key", metavar="KEY", help=f"its api_key; prefer the env {OPEN311_API_KEY_ENV}"
    )
    app.add_argument("--lang", choices=SUPPORTED_LANGUAGES, default="vi", help="default language")
    app.add_argument(
        "--data-dir", type=Path, help="where local data lives (default: user data dir)"
    )
    app.set_defaults(func=_run_app)


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of every `hue-s` subcommand."""
    from hue_s.backend import cli as backend_cli

    parser = argparse.ArgumentParser(prog="hue-s", description="Hue-S, the citizen app of Huế city")
    parser.add_argument("--version", action="version", version=f"hue-s {__version__}")
    subparsers = parser.add_subparsers(dest="command")
    add_app_parser(subparsers)
    backend_cli.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run `hue-s`; without a subcommand it runs the app."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    args_list = list(sys.argv[1:] if argv is None else argv)
    if (
        not args_list
        or args_list[0].startswith("-")
        and args_list[0] not in ("-h", "--help", "--version")
    ):
        args_list.insert(0, "app")
    args = build_parser().parse_args(args_list)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
