"""Tests of `hue-s backend create-user` and `hue-s backend create-api-key`."""

from __future__ import annotations

import argparse
import re

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from hue_s.backend import cli
from hue_s.backend.accounts.api_keys import client_for_key
from hue_s.backend.accounts.models import ApiClient, User
from hue_s.backend.kernel.db import create_database_engine


def run(*argv: str) -> int:
    """Parse and run a `hue-s backend ...` command line."""
    parser = argparse.ArgumentParser(prog="hue-s")
    cli.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["backend", *argv])
    status: int = args.func(args)
    return status


def test_create_user_creates_then_updates_staff(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = run(
        "create-user",
        "--phone",
        "090 512 3456",
        "--role",
        "officer",
        "--ward",
        "19753",
        "--name",
        "Trần Thị B",
        "--database",
        database_url,
    )
    assert status == 0
    created = capsys.readouterr().out
    assert re.fullmatch(r"Created user \d+: \+84905123456 role=officer ward=19753\n", created)

    assert (
        run("--database", database_url, "create-user", "--phone", "0905123456", "--role", "leader")
        == 0
    )
    updated = capsys.readouterr().out
    assert re.fullmatch(r"Updated user \d+: \+84905123456 role=leader ward=19753\n", updated)

    engine = create_database_engine(database_url)
    try:
        with Session(engine) as session:
            users = list(session.scalars(select(User)))
    finally:
        engine.dispose()
    assert [(u.phone, u.role, u.ward_code, u.display_name) for u in users] == [
        ("+84905123456", "leader", "19753", "Trần Thị B")
    ]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--role", "boss"], "Unknown role 'boss'; use one of citizen, business, officer, "),
        (["--role", "officer"], "An officer must be bound to a ward (--ward)."),
        (["--role", "officer", "--ward", "99999"], "No ward or commune has the code '99999'."),
        (["--role", "business", "--tax-code", "12"], "A tax code has 10 or 13 digits."),
    ],
)
def test_create_user_refusals_exit_1_with_one_line(
    database_url: str, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    status = run("create-user", "--phone", "0905123456", *arguments, "--database", database_url)
    assert status == 1
    output = capsys.readouterr()
    assert output.out == ""
    assert output.err.startswith(f"hue-s backend: error: {message}")
    assert output.err.count("\n") == 1


def test_create_user_refuses_a_bad_phone(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("create-user", "--phone", "12345", "--role", "admin", "--database", "sqlite://") == 1
    assert capsys.readouterr().err.startswith("hue-s backend: error: invalid phone number '12345'")


def test_create_api_key_prints_a_key_once_and_stores_its_hash(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("create-api-key", "--name", "Open311 demo", "--database", database_url) == 0
    output = capsys.readouterr().out
    match = re.fullmatch(
        r"Created API client \d+ 'Open311 demo'; its key \(shown once\): (hues_[\w-]{43})\n",
        output,
    )
    assert match, output
    key = match.group(1)

    assert run("create-api-key", "--name", "Open311 demo", "--database", database_url) == 0
    replaced = capsys.readouterr().out
    assert replaced.startswith("Replaced the key of API client")
    new_key = replaced.rsplit(" ", 1)[1].strip()

    engine = create_database_engine(database_url)
    try:
        with Session(engine) as session:
            stored = session.scalars(select(ApiClient)).one()
            assert key not in stored.key_hash and new_key not in stored.key_hash
            assert client_for_key(session, key) is None
            found = client_for_key(session, new_key)
            assert found is not None and found.name == "Open311 demo"
    finally:
        engine.dispose()


def test_create_api_key_needs_a_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("create-api-key", "--name", "  ", "--database", "sqlite://") == 1
    assert "--name needs 1 to 100 characters" in capsys.readouterr().err
