"""Huế reference data loaded into an empty database on first start (see SOURCES.md)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from hue_s.backend.seed.wards import seed_wards


def seed_if_empty(session: Session) -> dict[str, int]:
    """Load each kind of seed data whose table is still empty; return rows added per table."""
    return {"wards": seed_wards(session)}
