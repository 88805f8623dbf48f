"""`hue-s backend create-user` and `create-api-key`: staff accounts and third-party keys."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from hue_s.backend.accounts.api_keys import issue_api_key
from hue_s.backend.accounts.models import ROLES
from hue_s.backend.accounts.phones import InvalidPhone, normalise_phone
from hue_s.backend.accounts.settings import utc_now
from hue_s.backend.accounts.users import save_staff
from hue_s.backend.kernel.api_errors import APIError
from hue_s.backend.startup import BackendStartError, prepare_database


def add_accounts_commands(commands: Any) -> None:
    """Register the accounts sub-commands on `hue-s backend`'s sub-parsers."""
    from hue_s.backend.cli import add_database_option  # cli imports this module first

    user_parser: argparse.ArgumentParser = commands.add_parser(
        "create-user", help="create or update a staff account (or any account) by phone"
    )
    user_parser.add_argument("--phone", required=True, help="Vietnamese mobile number")
    user_parser.add_argument("--role", required=True, help=f"one of: {', '.join(ROLES)}")
    user_parser.add_argument("--ward", help="ward code (required for an officer)")
    user_parser.add_argument("--name", help="display name")
    user_parser.add_argument("--tax-code", help="tax code of a business (10 or 13 digits)")
    add_database_option(user_parser, with_default=False)
    user_parser.set_defaults(func=create_user)

    key_parser: argparse.ArgumentParser = commands.add_parser(
        "create-api-key", help="print a new API key for a third-party (Open311) client"
    )
    key_parser.add_argument("--name", required=True, help="name of the client")
    add_database_option(key_parser, with_default=False)
    key_parser.set_defaults(func=create_api_key)


def fail(message: str) -> int:
    """Print a one-line error and return the exit status 1."""
    print(f"hue-s backend: error: {message}", file=sys.stderr)
    return 1


def with_database(args: argparse.Namespace, action: Callable[[Session], int]) -> int:
    """Open (migrating if needed) the backend's database and run an action in a session."""
    from hue_s.backend.cli import settings_from_args

    try:
        engine = prepare_database(settings_from_args(args).database_url)
    except BackendStartError as error:
        return fail(str(error))
    try:
        with Session(engine) as session:
            return action(session)
    except APIError as error:
        return fail(error.message)
    finally:
        engine.dispose()


def create_user(args: argparse.Namespace) -> int:
    """Create or update the account of --phone with --role; print one line about it."""
    try:
        phone = normalise_phone(args.phone)
    except InvalidPhone as reason:
        return fail(f"invalid phone number {args.phone!r}: {reason}")

    def save(session: Session) -> int:
        """Save the account and describe it."""
        user, created = save_staff(
            session,
            phone=phone,
            role=args.role,
            now=utc_now(),
            ward_code=args.ward,
            display_name=args.name,
            tax_code=args.tax_code,
        )
        ward = f" ward={user.ward_code}" if user.ward_code else ""
        verb = "Created" if created else "Updated"
        print(f"{verb} user {user.id}: {user.phone} role={user.role}{ward}")
        return 0

    return with_database(args, save)


def create_api_key(args: argparse.Namespace) -> int:
    """Print a new API key for --name once; only its hash is kept."""
    name = args.name.strip()
    if not name or len(name) > 100:
        return fail("--name needs 1 to 100 characters")

    def issue(session: Session) -> int:
        """Issue the key and print it."""
        client, key, created = issue_api_key(session, name, utc_now())
        verb = "Created" if created else "Replaced the key of"
        print(f"{verb} API client {client.id} {client.name!r}; its key (shown once): {key}")
        return 0

    return with_database(args, issue)
