"""The README's first command on a fresh machine: a new venv with exactly `pip install -e .`.

Optional dependencies (psycopg, the test tools) are absent there, so an import of one of them
on the way to the home screen or the backend's /healthz fails this test, as it would fail a
citizen's or a city IT team's first try. CI installs `.[test]`, which would hide it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from . import harness
from .conftest import FIRST_SCREEN_TIMEOUT, PHONE, AppPage

pytestmark = pytest.mark.browser

INSTALL_TIMEOUT = 900.0
OPTIONAL = ("psycopg", "pytest", "playwright", "schemathesis")
HOME_TILE = "Phản ánh hiện trường"


def venv_environment(venv: Path, data_dir: Path) -> dict[str, str]:
    """Return an environment that runs the venv's own Python, as a new user's shell would."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "HUE_S_MODULES")
    }
    env.update(
        PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
        VIRTUAL_ENV=str(venv),
        HUE_S_DATA_DIR=str(data_dir),
        FLET_FORCE_WEB_SERVER="1",
        PYTHONUNBUFFERED="1",
        PYTHONIOENCODING="utf-8",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PIP_ROOT_USER_ACTION="ignore",
    )
    return env


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv holding the project installed with `pip install -e .` and nothing else."""
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = venv_environment(venv, venv.parent / "data")
    install = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "-e", "."],
        cwd=harness.REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT,
    )
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    return venv


def test_the_fresh_venv_has_no_optional_dependency(fresh_venv: Path) -> None:
    probe = "import importlib.util as u, sys; print([m for m in sys.argv[1:] if u.find_spec(m)])"
    found = subprocess.run(
        [str(fresh_venv / "bin" / "python"), "-c", probe, *OPTIONAL],
        capture_output=True,
        text=True,
        check=True,
    )
    assert found.stdout.strip() == "[]", f"optional packages leaked in: {found.stdout}"


def test_readme_first_command_serves_the_home(
    fresh_venv: Path, open_app: Callable[..., AppPage]
) -> None:
    data_dir = fresh_venv.parent / "app-data"
    port = harness.free_port()
    argv = [str(fresh_venv / "bin" / "python"), "-m", "hue_s", "--port", str(port)]
    server = harness.ServerProcess(
        "hue-s (fresh venv)",
        argv,
        url=f"http://127.0.0.1:{port}",
        env=venv_environment(fresh_venv, data_dir),
        ready=harness.APP_READY,
        cwd=fresh_venv.parent,
    )
    with server:
        home = open_app("/", size=PHONE, server=server)
        home.wait_for_tiles([HOME_TILE], timeout=FIRST_SCREEN_TIMEOUT)
        home.screenshot("fresh-venv-home-phone")
        assert "Traceback" not in server.output(200), server.output(200)


def test_backend_command_answers_healthz(fresh_venv: Path) -> None:
    data_dir = fresh_venv.parent / "backend-data"
    port = harness.free_port()
    argv = [str(fresh_venv / "bin" / "hue-s"), "backend", "--port", str(port)]
    url = f"http://127.0.0.1:{port}/healthz"
    server = harness.ServerProcess(
        "hue-s backend (fresh venv)",
        argv,
        url=url,
        env=venv_environment(fresh_venv, data_dir),
        cwd=fresh_venv.parent,
    )
    # start() waited for /healthz/ (through its trailing-slash redirect); ask the real path.
    with server, urllib.request.urlopen(url, timeout=5) as response:
        assert response.status == 200
