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

from hue_s.testing.backend import (
    MovableClock,
    asgi_client,
    backend_for_test,
    isolate_environment,
    sign_in,
)

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
def installed(dist_info: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """The distribution seen as installed during one test, the developer's HUE_S_* settings not."""
    monkeypatch.syspath_prepend(str(dist_info))
    isolate_environment(monkeypatch, tmp_path / "data")
    yield


@pytest.fixture
def app(tmp_path: Path) -> Iterator[FastAPI]:
    """The backend with the surveys module only, on a fresh SQLite file, its clock at NOW."""
    with backend_for_test(tmp_path, modules=["surveys"], clock=MovableClock(NOW)) as application:
        yield application


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
