"""The distribution's tests run inside the host's checkout without installing it: its folder
goes on sys.path (to import it) and, for each test only, a dist-info naming its entry point (as
pip writes one), so the host finds the module as it finds an installed one. Outside these
tests, the host never sees it."""

from __future__ import annotations

import sys
import tomllib
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from surveys_world import NOW, OTHER_WARD, WARD

from hue_s.backend.accounts.settings import AccountsSettings
from hue_s.backend.app import create_app
from hue_s.backend.config import BackendSettings, sqlite_url_for
from hue_s.testing.backend import MovableClock, asgi_client, sign_in

DISTRIBUTION = Path(__file__).resolve().parents[1]
if str(DISTRIBUTION) not in sys.path:
    sys.path.insert(0, str(DISTRIBUTION))


@pytest.fixture(scope="session")
def dist_info(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the distribution's metadata as pip would write it (entry points too)."""
    project = tomllib.loads((DISTRIBUTION / "pyproject.toml").read_text())["project"]
    folder = tmp_path_factory.mktemp("surveys-metadata")
    meta = folder / f"hue_s_surveys-{project['version']}.dist-info"
    meta.mkdir()
    meta.joinpath("METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n"
    )
    points = project["entry-points"]["hue_s.modules"]
    lines = "".join(f"{name} = {target}\n" for name, target in points.items())
    meta.joinpath("entry_points.txt").write_text(f"[hue_s.modules]\n{lines}")
    return folder


@pytest.fixture(autouse=True)
def installed(dist_info: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The distribution seen as installed during one test."""
    monkeypatch.syspath_prepend(str(dist_info))
    monkeypatch.delenv("HUE_S_MODULES", raising=False)
    yield


@pytest.fixture
def app(tmp_path: Path) -> Iterator[FastAPI]:
    """The backend with the surveys module only, on a fresh SQLite file, its clock at NOW."""
    settings = BackendSettings(
        data_dir=tmp_path, database_url=sqlite_url_for(tmp_path / "s.db"), modules=["surveys"]
    )
    application = create_app(settings)
    application.state.clock = MovableClock(NOW)
    application.state.accounts_settings = AccountsSettings(
        secret_key=b"surveys-tests-secret-key-0123456789-abcdef"
    )
    yield application
    application.state.engine.dispose()


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the app in-process."""
    async with asgi_client(app) as http:
        yield http


@pytest.fixture
def people(app: FastAPI) -> dict[str, dict[str, str]]:
    """Signed-in callers of each kind, by name."""
    return {
        "an": sign_in(app, "0905100001"),
        "binh": sign_in(app, "0905100002"),
        "chi": sign_in(app, "0905100003"),
        "officer_x": sign_in(app, "0905100004", "officer", WARD),
        "officer_y": sign_in(app, "0905100005", "officer", OTHER_WARD),
        "operator": sign_in(app, "0905100006", "operator"),
        "leader": sign_in(app, "0905100007", "leader"),
    }
