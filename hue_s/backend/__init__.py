"""Hue-S reference backend (HueIOC): FastAPI, SQLAlchemy 2 and Alembic."""
