"""Alembic migrations of the reference backend (run by hue_s.backend.migrate)."""
