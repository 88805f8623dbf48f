"""The desktop secret store on a real Secret Service (gnome-keyring in its own D-Bus session).

Needs `dbus-run-session` and `gnome-keyring-daemon` (scripts/test.sh installs gnome-keyring from
apt); skipped without them unless HUE_S_REQUIRE_KEYRING=1 (set under CI).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHILD = Path(__file__).with_name("keyring_child.py")
ROOT = Path(__file__).resolve().parents[3]
CANARY = "refresh-CANARY-7f3a9c0e"


@pytest.fixture
def keyring_home(tmp_path: Path) -> Path:
    """A home directory for one desktop user, or skip when no Secret Service can run here."""
    missing = [
        tool for tool in ("dbus-run-session", "gnome-keyring-daemon") if not shutil.which(tool)
    ]
    if missing:
        message = f"{', '.join(missing)} not installed (apt install dbus gnome-keyring)"
        if os.environ.get("HUE_S_REQUIRE_KEYRING") == "1":
            pytest.fail(f"{message} (HUE_S_REQUIRE_KEYRING=1)")
        pytest.skip(message)
    home = tmp_path / "home"
    for folder in (".cache", ".local/share"):
        (home / folder).mkdir(parents=True)
    return home


def desktop_login(home: Path, *action: str) -> str:
    """Run one app login's keyring action in a fresh D-Bus session; return the token it reads."""
    environment = os.environ | {"PYTHONPATH": str(ROOT)}
    environment.pop("DBUS_SESSION_BUS_ADDRESS", None)
    done = subprocess.run(
        ["dbus-run-session", "--", sys.executable, str(CHILD), str(home), *action],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip().splitlines()[-1].removeprefix("token=")


def test_refresh_token_outlives_the_app_encrypted_and_goes_on_sign_out(keyring_home: Path) -> None:
    assert desktop_login(keyring_home, "set", CANARY) == CANARY
    files = [path for path in keyring_home.rglob("*") if path.is_file()]
    assert any(path.suffix == ".keyring" for path in files), files
    for path in files:
        assert CANARY.encode() not in path.read_bytes(), f"token in plain text in {path}"

    assert desktop_login(keyring_home, "get") == CANARY  # next start, new D-Bus session
    assert desktop_login(keyring_home, "delete") == "None"
    assert desktop_login(keyring_home, "get") == "None"
