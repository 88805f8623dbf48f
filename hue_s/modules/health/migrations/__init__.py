"""The health module's Alembic branch."""
