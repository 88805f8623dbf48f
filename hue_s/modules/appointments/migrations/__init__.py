"""The appointments module's Alembic branch (label `appointments`)."""

from pathlib import Path

VERSIONS = Path(__file__).parent
"""This folder: the branch's revisions."""
