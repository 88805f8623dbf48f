"""The HUE_S_* environment settings that the app and the backend share."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DATA_DIR_ENV = "HUE_S_DATA_DIR"
MODULES_ENV = "HUE_S_MODULES"


def default_data_dir() -> Path:
    """Return `HUE_S_DATA_DIR`, else the platform user-data directory of Hue-S."""
    configured = os.environ.get(DATA_DIR_ENV)
    return Path(configured) if configured else Path(platformdirs.user_data_dir("hue-s"))


def module_allow_list() -> frozenset[str] | None:
    """Return the ids allowed by `HUE_S_MODULES` (set but empty: none), or None when unset."""
    raw = os.environ.get(MODULES_ENV)
    if raw is None:
        return None
    return frozenset(part.strip() for part in raw.split(",") if part.strip())
