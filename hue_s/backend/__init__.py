"""Hue-S reference backend (HueIOC): FastAPI, SQLAlchemy 2 and Alembic."""

import logging

# Importing alembic announces each of its plugins at INFO; set before any backend module
# imports it, so `hue-s backend` logs only what matters.
logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
