"""Alembic migrations of the reference backend (run by hue_s.backend.migrate)."""

from pathlib import Path

VERSIONS = Path(__file__).parent / "versions"
"""The kernel's branches' revisions (core, accounts); each module brings its own folder."""
