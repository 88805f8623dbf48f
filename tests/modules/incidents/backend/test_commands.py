"""Tests of `hue-s backend seed-incident-services` and `hue-s backend overdue-cases`."""

from __future__ import annotations

import argparse
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from hue_s.backend import cli
from hue_s.backend.kernel.db import create_database_engine
from hue_s.modules.incidents.backend.cases.lifecycle import Actor
from hue_s.modules.incidents.backend.cases.reporting import file_incident
from hue_s.modules.incidents.backend.cases.submission import Submission
from hue_s.modules.incidents.backend.catalogue import CATALOGUE
from hue_s.modules.incidents.backend.models import Incident, IncidentService, utc_now


def run(*argv: str) -> int:
    """Parse and run a `hue-s backend ...` command line."""
    parser = argparse.ArgumentParser(prog="hue-s")
    cli.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["backend", *argv])
    status: int = args.func(args)
    return status


def test_seeding_restores_the_catalogue(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("seed-incident-services", "--database", database_url) == 0
    engine = create_database_engine(database_url)
    try:
        with Session(engine) as session:
            session.execute(update(IncidentService).values(name_en="changed"))
            session.commit()
        assert run("seed-incident-services", "--database", database_url) == 0
        with Session(engine) as session:
            assert session.get(IncidentService, "waste").name_en == "Waste and litter"  # type: ignore[union-attr]
    finally:
        engine.dispose()
    assert f"0 added, {len(CATALOGUE)} updated" in capsys.readouterr().out


def test_overdue_cases_lists_only_late_open_ones(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("seed-incident-services", "--database", database_url) == 0
    engine = create_database_engine(database_url)
    try:
        with Session(engine) as session:
            ids = [
                file_incident(
                    session,
                    Submission(
                        "waste",
                        texts={"address_string": "Chợ Đông Ba"},
                        answers={"ward_code": "19753"},
                    ),
                    Actor(id=None, role="system"),
                    utc_now(),
                    photos=[],
                ).id
                for _ in range(2)
            ]
            session.execute(
                update(Incident)
                .where(Incident.id == ids[0])
                .values(deadline_at=utc_now() - timedelta(hours=2))
            )
            session.commit()
    finally:
        engine.dispose()
    capsys.readouterr()
    assert run("overdue-cases", "--ward", "19753", "--database", database_url) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "1 overdue case(s)"
    assert lines[0].split("\t")[:3] == [str(ids[0]), "19753", "waste"]
