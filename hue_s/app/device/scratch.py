"""A temporary directory of one session (photos before upload), removed when the session ends."""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

logger = logging.getLogger(__name__)

SCRATCH_PREFIX = "hue-s-session-"


def new_scratch_dir() -> Path:
    """Create and return a new private temporary directory for one session."""
    return Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX))


def remove_scratch_dir(path: Path | None) -> None:
    """Delete a session's temporary directory and everything in it, if it exists."""
    if path is None:
        return
    shutil.rmtree(path, ignore_errors=True)
    if path.exists():
        logger.warning("could not remove every temporary file of a session")
