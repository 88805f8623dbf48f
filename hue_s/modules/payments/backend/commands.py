"""`hue-s backend payments-sandbox` (the local VNPay) and `payments-expire`."""

from __future__ import annotations

import argparse
from typing import Any


def add_payments_commands(commands: Any) -> None:
    """Register the payments sub-commands on `hue-s backend`'s sub-parsers."""
    from hue_s.backend.cli import add_database_option  # cli imports this module first

    expire: argparse.ArgumentParser = commands.add_parser(
        "payments-expire", help="mark payments left pending past their expiry as expired"
    )
    add_database_option(expire, with_default=False)
    expire.set_defaults(func=expire_overdue)

    from hue_s.modules.payments.sandbox import add_arguments, serve

    sandbox: argparse.ArgumentParser = commands.add_parser(
        "payments-sandbox", help="serve the local VNPay sandbox (pay page, IPN, return)"
    )
    add_arguments(sandbox)
    sandbox.set_defaults(func=serve)


def expire_overdue(args: argparse.Namespace) -> int:
    """Give up the payments no answer came for; print how many."""
    from hue_s.backend.cli import settings_from_args
    from hue_s.backend.kernel.db import create_session_factory
    from hue_s.backend.startup import prepare_database
    from hue_s.modules.payments.backend.service import give_up_overdue, utc_now

    engine = prepare_database(settings_from_args(args).database_url)
    try:
        with create_session_factory(engine)() as session:
            count = give_up_overdue(session, utc_now())
            session.commit()
    finally:
        engine.dispose()
    print(f"{count} payment(s) expired")
    return 0
