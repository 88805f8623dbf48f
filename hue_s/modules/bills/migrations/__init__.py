"""The bills module's Alembic branch (label `bills`)."""

from pathlib import Path

VERSIONS = Path(__file__).parent
"""This folder: the branch's revisions."""
