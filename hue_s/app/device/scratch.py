"""A temporary directory of one session (photos before upload), removed when the session ends.

Session directories live under `<data dir>/scratch/` (owner-only), not in the system's shared
temporary directory, so a kiosk can find and remove what a crashed visit left behind.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from hue_s.private_files import private_directory

logger = logging.getLogger(__name__)

SCRATCH_PREFIX = "hue-s-session-"


def scratch_root(data_dir: Path) -> Path:
    """Return the owner-only folder of the data dir that holds the sessions' directories."""
    root = data_dir / "scratch"
    private_directory(root)
    return root


def new_scratch_dir(data_dir: Path) -> Path:
    """Create and return a new private temporary directory for one session."""
    return Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=scratch_root(data_dir)))


def remove_scratch_dir(path: Path | None) -> None:
    """Delete a session's temporary directory and everything in it, if it exists."""
    if path is None:
        return
    shutil.rmtree(path, ignore_errors=True)
    if path.exists():
        logger.warning("could not remove every temporary file of a session")


def remove_leftover_scratch_dirs(data_dir: Path) -> int:
    """Delete the session directories a crash or kill left behind; return how many there were.

    Only for a process that owns its data dir alone (a kiosk): another app process on the
    same data dir would lose its open sessions' photos.
    """
    leftovers = list(scratch_root(data_dir).glob(f"{SCRATCH_PREFIX}*"))
    for path in leftovers:
        remove_scratch_dir(path)
    return len(leftovers)
