"""The `air` Alembic branch: its revisions, each with its data frozen inside."""
