"""Hooks that only browser tests switch on, by environment variable; inert otherwise."""

from __future__ import annotations

import os
from pathlib import Path

# Browser tests only: the file where each new access token is written, so a test can check
# that a kiosk wipe really revoked it on the server. Never set this anywhere else.
ACCESS_TOKEN_FILE_ENV = "HUE_S_E2E_ACCESS_TOKEN_FILE"


def record_access_token(token: str) -> None:
    """Append the token to $HUE_S_E2E_ACCESS_TOKEN_FILE when a browser test set it."""
    path = os.environ.get(ACCESS_TOKEN_FILE_ENV)
    if not path:
        return
    with Path(path).open("a", encoding="utf-8") as file:
        file.write(token + "\n")
