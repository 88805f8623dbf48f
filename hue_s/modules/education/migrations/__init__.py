"""The education module's Alembic branch."""
