"""What the alerts app and backend both say: the geocode naming a ward, a check-in's status.

The alerts and check-ins themselves have a model on each side (app/models.py and
app/checkins/checkin_models.py read leniently what backend/schemas.py and
backend/checkins/checkin_schemas.py write strictly)."""

from __future__ import annotations

from typing import Literal

WARD_GEOCODE = "vn-dvhc-2025"
"""valueName of the CAP geocode carrying a ward's official code (mã ĐVHC, list of 1 July 2025)."""
CheckinStatus = Literal["safe", "help"]
"""A check-in: 'safe', or 'help' (which files an urgent case)."""
