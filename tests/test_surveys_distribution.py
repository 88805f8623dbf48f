"""The surveys distribution (examples/hue-s-surveys), installed as pip installs it, brings its
tile, routes, tables and words, touching no file of the host; without it, none of them is there.

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
DISTRIBUTION = ROOT / "examples" / "hue-s-surveys"
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

async def calls():
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hue-s.test") as http:
            surveys = await http.get("/api/v1/surveys")
            ideas = await http.get("/api/v1/ideas")
            return surveys.status_code, ideas.status_code

surveys, ideas = asyncio.run(calls())
with app.state.engine.connect() as connection:
    tables = sorted(t for t in inspect(connection).get_table_names() if t.startswith("surveys_"))
    revisions = sorted(current_revisions(connection))
found = discover().find("/surveys")
words = {}
if found:
    manifest = found[0]
    words = {lang: manifest.translate(I18n(lang), manifest.title) for lang in ("vi", "en")}
    twice = "You have already answered this survey: one answer per person."
    words["refusal"] = manifest.translate(I18n("vi"), twice)
print(json.dumps({"surveys": surveys, "ideas": ideas, "tables": tables,
                  "revisions": revisions, "words": words, "tile": bool(found)}))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The surveys distribution installed (as pip would) into a folder of its own."""
    target = tmp_path_factory.mktemp("surveys-site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--target", str(target), str(DISTRIBUTION)],
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


def test_installed_it_brings_its_tile_routes_tables_and_words(tmp_path: Path, site: Path) -> None:
    assert (site / "hue_s_surveys" / "translations" / "vi" / "LC_MESSAGES").is_dir()
    shown = probe(tmp_path, site)
    assert shown["surveys"] == 200 and shown["ideas"] == 200
    assert shown["tables"] == [
        "surveys_idea_votes", "surveys_ideas", "surveys_responses", "surveys_surveys"
    ]  # fmt: skip
    assert "surveys_0001" in shown["revisions"]  # type: ignore[operator]
    assert shown["words"] == {
        "vi": "Khảo sát và ý kiến",
        "en": "Surveys and ideas",
        "refusal": "Bạn đã trả lời khảo sát này rồi: mỗi người chỉ trả lời một lần.",
    }


def test_not_installed_there_is_no_tile_route_table_nor_word(tmp_path: Path) -> None:
    shown = probe(tmp_path, None)
    assert shown["surveys"] == 404 and shown["ideas"] == 404
    assert shown["tables"] == [] and shown["tile"] is False and shown["words"] == {}
    assert not any(str(r).startswith("surveys") for r in shown["revisions"])  # type: ignore[attr-defined]


def test_uninstalled_later_its_tile_and_routes_go_and_the_app_still_starts(
    tmp_path: Path, site: Path
) -> None:
    assert probe(tmp_path, site)["surveys"] == 200
    shown = probe(tmp_path, None)  # same database, the distribution removed
    assert shown["surveys"] == 404 and shown["tile"] is False
    assert len(shown["tables"]) == 4  # type: ignore[arg-type]  # rows stay until dropped
