"""Tests of migrations and first-start seeding (migrate.py, startup.py, seed/)."""

from __future__ import annotations

from collections import Counter

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hue_s.backend.kernel.models import Base, Ward
from hue_s.backend.migrate import applied_revisions, head_revisions
from hue_s.backend.startup import prepare_database


def test_fresh_database_is_migrated_to_head_and_seeded(database_url: str) -> None:
    engine = prepare_database(database_url)
    try:
        with engine.connect() as connection:
            assert head_revisions() <= applied_revisions(connection)
            assert {"0002", "incidents_0006", "alerts_0004", "services_0007"} <= head_revisions()
        with Session(engine) as session:
            kinds = Counter(session.scalars(select(Ward.kind)))
        assert kinds == {"ward": 21, "commune": 19}
    finally:
        engine.dispose()


def test_second_start_neither_migrates_again_nor_duplicates(database_url: str) -> None:
    prepare_database(database_url).dispose()
    engine = prepare_database(database_url)
    try:
        with Session(engine) as session:
            assert session.scalar(select(func.count()).select_from(Ward)) == 40
    finally:
        engine.dispose()


def test_seed_keeps_official_codes_and_spellings(database_url: str) -> None:
    engine = prepare_database(database_url)
    try:
        with Session(engine) as session:
            wards = {ward.code: ward for ward in session.scalars(select(Ward))}
    finally:
        engine.dispose()
    assert all(len(code) == 5 and code.isdigit() for code in wards)
    assert (wards["19753"].name, wards["19753"].full_name) == ("Phú Xuân", "Phường Phú Xuân")
    assert wards["20014"].name == "Hóa Châu"  # 1027/CTK-CSCL writes Hóa, not Hoá
    assert wards["19813"].name == "Thủy Xuân"
    assert (wards["20137"].name, wards["20137"].name_en) == (
        "Chân Mây - Lăng Cô",
        "Chan May - Lang Co",
    )
    assert wards["19885"].kind == "commune"
    assert wards["19960"].area_km2 == 344.63
    phu_xuan = wards["19753"]
    assert phu_xuan.min_lat < phu_xuan.centroid_lat < phu_xuan.max_lat
    assert phu_xuan.min_lon < phu_xuan.centroid_lon < phu_xuan.max_lon


def test_models_match_the_migrations(database_url: str) -> None:
    engine = prepare_database(database_url)
    try:
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        engine.dispose()
    assert differences == []
