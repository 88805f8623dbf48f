"""The `services` Alembic branch: its revisions and the data they load, frozen beside them."""
