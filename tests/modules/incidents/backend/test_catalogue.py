"""The catalogue of services: real categories of Huế, named in vi and en, SLAs, idempotent seed."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from hue_s.modules.incidents.backend.catalogue import CATALOGUE
from hue_s.modules.incidents.backend.models import IncidentService
from hue_s.modules.incidents.backend.seed import seed_services


def test_at_least_twelve_categories_with_both_names_and_slas() -> None:
    codes = [entry["code"] for entry in CATALOGUE]
    assert len(codes) >= 12 and len(set(codes)) == len(codes)
    for entry in CATALOGUE:
        assert entry["name_vi"] != entry["name_en"]
        assert 0 < entry["sla_hours_high"] <= entry["sla_hours_normal"] <= entry["sla_hours_low"]
    assert {"road_pothole", "street_lighting", "waste", "drainage_flooding", "fallen_tree"} <= set(
        codes
    )


def test_seeding_again_adds_nothing_and_restores_changed_values(
    db: Callable[[], Session],
) -> None:
    with db() as session:
        assert session.scalar(select(func.count()).select_from(IncidentService)) == len(CATALOGUE)
        session.execute(
            update(IncidentService)
            .where(IncidentService.code == "waste")
            .values(sla_hours_high=999)
        )
        counts = seed_services(session.connection())
        session.commit()
        assert counts == {"added": 0, "updated": len(CATALOGUE)}
        assert session.get(IncidentService, "waste").sla_hours_high == 12  # type: ignore[union-attr]
        assert session.scalar(select(func.count()).select_from(IncidentService)) == len(CATALOGUE)
