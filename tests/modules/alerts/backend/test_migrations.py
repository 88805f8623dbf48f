"""The alerts_0002 and incidents_0002 migrations: check-ins table, and disaster_help for an
install made before it existed."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import delete, select

from hue_s.backend.kernel.models import Base
from hue_s.backend.migrate import migration_config
from hue_s.backend.startup import prepare_database
from hue_s.modules.incidents.backend.models import IncidentService


def test_check_ins_table_matches_its_model(database_url: str) -> None:
    engine = prepare_database(database_url)
    try:
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
            assert "alert_checkins" in connection.dialect.get_table_names(connection)
    finally:
        engine.dispose()
    assert [diff for diff in differences if "alert_checkins" in repr(diff)] == []


def test_an_older_install_gets_the_disaster_help_service(database_url: str) -> None:
    engine = prepare_database(database_url)
    services = IncidentService.__table__
    try:
        with engine.begin() as connection:  # as it was before incidents_0002
            connection.execute(delete(services).where(services.c.code == "disaster_help"))
            command.downgrade(migration_config(connection), "incidents_0001")
        with engine.begin() as connection:
            command.upgrade(migration_config(connection), "heads")
        with engine.connect() as connection:
            row = connection.execute(
                select(services.c.name_vi, services.c.sla_hours_high, services.c.active).where(
                    services.c.code == "disaster_help"
                )
            ).one()
            assert tuple(row) == ("Cần cứu trợ khi thiên tai", 2, True)
        with engine.begin() as connection:  # a second run adds nothing
            command.downgrade(migration_config(connection), "incidents_0001")
            command.upgrade(migration_config(connection), "heads")
            codes = list(connection.scalars(select(services.c.code)))
            assert codes.count("disaster_help") == 1
    finally:
        engine.dispose()
