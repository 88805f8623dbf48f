"""Child of test_desktop_keyring: one desktop login on a real Secret Service (gnome-keyring).

    dbus-run-session -- python3 keyring_child.py HOME ACTION [VALUE]

Starts gnome-keyring-daemon in this D-Bus session (unlocked by a test password, files under
HOME), picks the desktop secret store as the app does for a desktop page, then sets, gets or
deletes the refresh token and prints what it read.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from types import SimpleNamespace
from typing import Any

KEYRING_PASSWORD = b"test-login-password"


def start_keyring_daemon(home: str) -> None:
    """Start and unlock gnome-keyring's secrets component; export its environment."""
    os.environ |= {"HOME": home, "XDG_DATA_HOME": f"{home}/.local/share"}
    os.environ["XDG_RUNTIME_DIR"] = f"{home}/.cache"
    started = subprocess.run(
        ["gnome-keyring-daemon", "--unlock", "--components=secrets"],
        input=KEYRING_PASSWORD,
        capture_output=True,
        check=True,
        timeout=20,
    )
    for line in started.stdout.decode().splitlines():
        name, _, value = line.partition("=")
        if name:
            os.environ[name] = value


async def run(action: str, value: str | None) -> None:
    """Do one action on the store a desktop session gets, and print the token read back."""
    from hue_s.app.device.secrets import KeyringSecretStore, secret_store_for

    desktop: Any = SimpleNamespace(web=False, platform=None)
    store, persistent = secret_store_for(desktop, SimpleNamespace(kiosk=False))  # type: ignore[arg-type]
    assert isinstance(store, KeyringSecretStore) and persistent, store
    if action == "set":
        assert value is not None
        await store.set("refresh_token", value)
    elif action == "delete":
        await store.delete("refresh_token")
    print(f"token={await store.get('refresh_token')}")


if __name__ == "__main__":
    start_keyring_daemon(sys.argv[1])
    asyncio.run(run(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None))
