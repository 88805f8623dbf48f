"""The payments module's Alembic branch (label `payments`)."""

from pathlib import Path

VERSIONS = Path(__file__).parent
"""This folder: the branch's revisions."""
