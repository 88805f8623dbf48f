"""Files only their owner may read: data directories (0700) and the databases in them (0600)."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

PRIVATE_DIRECTORY_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def private_directory(directory: Path) -> None:
    """Create `directory` if needed and let only its owner in (an existing one too), unless it
    is a shared directory such as /tmp (sticky): that stays shared, the files in it private.

    A benchmark's database at /tmp/bench.db made /tmp 0700, and PostgreSQL's own user could
    no longer reach its clusters there.
    """
    directory.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIRECTORY_MODE)
    if directory.stat().st_mode & stat.S_ISVTX:
        return
    os.chmod(directory, PRIVATE_DIRECTORY_MODE)


def private_file(path: Path) -> None:
    """Create `path` (empty) if it does not exist, and let only its owner read it."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE_MODE)
    os.close(descriptor)
    os.chmod(path, PRIVATE_FILE_MODE)


def private_sqlite_file(path: Path) -> None:
    """Make a SQLite database and its side files owner-only before it is opened.

    SQLite creates a database's -wal and -shm files with the database file's mode, so a
    database created here as 0600 keeps its logs private too; older ones are tightened.
    """
    private_file(path)
    for suffix in SQLITE_SIDE_FILES:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(f"{path}{suffix}", PRIVATE_FILE_MODE)
