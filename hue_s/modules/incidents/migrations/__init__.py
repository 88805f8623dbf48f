"""The `incidents` Alembic branch: its revisions, each with its data frozen inside."""
