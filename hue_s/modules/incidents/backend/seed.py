"""Load the catalogue of services into the database, adding new ones and updating the rest."""

from __future__ import annotations

from sqlalchemy import Connection, Table, insert, select, update

from hue_s.modules.incidents.backend.catalogue import CATALOGUE
from hue_s.modules.incidents.backend.models import IncidentService


def seed_services(connection: Connection) -> dict[str, int]:
    """Upsert every catalogue entry by code; return how many were added and updated."""
    table = IncidentService.__table__
    assert isinstance(table, Table)
    existing = set(connection.scalars(select(table.c.code)))
    added = updated = 0
    for order, entry in enumerate(CATALOGUE, start=1):
        values = {**entry, "sort_order": order, "active": True}
        if entry["code"] in existing:
            connection.execute(update(table).where(table.c.code == entry["code"]).values(values))
            updated += 1
        else:
            connection.execute(insert(table).values(values))
            added += 1
    return {"added": added, "updated": updated}
