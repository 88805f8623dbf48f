"""A module from its own distribution (examples/hue-s-heritage) brings its tile, route, table,
migration and words, touching no file of the host; without it, none of them is there.

Each side runs in a child process, as a fresh start would: entry points and mapped tables are
read once per process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROBE = """
import asyncio, json, sys
from pathlib import Path
import httpx
from sqlalchemy import inspect
from hue_s.app.i18n import I18n
from hue_s.app.modules import discover
from hue_s.backend.app import create_app
from hue_s.backend.config import BackendSettings, sqlite_url_for
from hue_s.backend.migrate import current_revisions

data = Path(sys.argv[1])
app = create_app(BackendSettings(data_dir=data, database_url=sqlite_url_for(data / "h.db")))

async def sights():
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hue-s.test") as http:
            answer = await http.get("/api/v1/heritage/sights")
            return answer.status_code, answer.json()

status, body = asyncio.run(sights())
with app.state.engine.connect() as connection:
    tables = inspect(connection).get_table_names()
    revisions = sorted(current_revisions(connection))
found = discover().find("/heritage")
title = found[0].translate(I18n("vi"), found[0].title) if found else None
print(json.dumps({"status": status, "body": body, "heritage_table": "heritage_sights" in tables,
                  "revisions": revisions, "tile": title}))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example distribution installed (as pip would) into a folder of its own."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--target", str(target), str(ROOT / "examples" / "hue-s-heritage")],
        check=True,
    )  # fmt: skip
    return target


def probe(tmp_path: Path, site: Path | None) -> dict[str, object]:
    """Start the backend and the app registry in a child process; return what they show."""
    paths = [str(site)] if site else []
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([*paths, str(ROOT)])}
    env.pop("HUE_S_MODULES", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path)],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_installed_it_brings_its_tile_route_table_and_words(tmp_path: Path, site: Path) -> None:
    shown = probe(tmp_path, site)
    assert shown["status"] == 200
    body = shown["body"]
    assert isinstance(body, list) and len(body) == 6
    assert body[0]["name"] == "Đại Nội Huế" and body[0]["name_en"] == "Imperial City"
    assert shown["heritage_table"] is True
    assert "heritage_0001" in shown["revisions"]  # type: ignore[operator]
    assert shown["tile"] == "Di tích Huế"  # its own Vietnamese catalog


def test_not_installed_there_is_no_tile_route_nor_table(tmp_path: Path) -> None:
    shown = probe(tmp_path, None)
    assert shown["status"] == 404
    assert shown["heritage_table"] is False
    assert shown["tile"] is None


def test_uninstalled_later_its_tile_and_route_go_and_the_app_still_starts(
    tmp_path: Path, site: Path
) -> None:
    assert probe(tmp_path, site)["status"] == 200
    shown = probe(tmp_path, None)  # same database, the distribution removed
    assert shown["status"] == 404 and shown["tile"] is None
    assert shown["heritage_table"] is True  # its rows stay until an operator drops them
