"""The `alerts` Alembic branch: its revisions, each with its data frozen inside."""
