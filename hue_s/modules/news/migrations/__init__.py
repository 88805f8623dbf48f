"""The `news` Alembic branch: its revisions."""
