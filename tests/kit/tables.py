"""Checks a module's tests run on its table of OSM places (built on the kit's OsmColumns)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, inspect


def assert_made_by_its_revision(engine: Engine, row: Any) -> None:
    """Assert the mapped table is the one its released revision made: the same columns in the
    same order, of the same types, none nullable, the same primary key."""
    made = inspect(engine).get_columns(row.__tablename__)
    mapped = row.__table__.columns
    assert [column["name"] for column in made] == list(mapped.keys())
    for column in made:
        ours = mapped[column["name"]]
        assert column["type"].compile(engine.dialect) == ours.type.compile(engine.dialect)
        assert (column["nullable"], bool(column["primary_key"])) == (False, ours.primary_key)
