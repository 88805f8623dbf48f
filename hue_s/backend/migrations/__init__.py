"""Alembic migrations of the reference backend (run by hue_s.backend.migrate)."""

from pathlib import Path

VERSIONS = Path(__file__).parent / "versions"
"""The built-in branches' revisions (core, accounts, incidents, alerts), for now in one folder."""
