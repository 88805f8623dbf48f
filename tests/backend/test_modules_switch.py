"""HUE_S_MODULES=alerts: incident reporting is absent, alerts (and "I'm safe") still work."""

from __future__ import annotations

import argparse
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import inspect, select

from hue_s.backend import cli
from hue_s.backend.accounts.settings import AccountsSettings
from hue_s.backend.app import create_app
from hue_s.backend.config import BackendSettings, sqlite_url_for
from hue_s.backend.kernel.models import tables_of
from hue_s.backend.migrate import current_revisions
from hue_s.backend.startup import prepare_database
from hue_s.modules.alerts.backend.models import AlertCheckin
from hue_s.modules.alerts.backend.settings import AlertsSettings
from hue_s.plugins import plugin_manager
from hue_s.testing.backend import asgi_client, sign_in
from tests.modules.alerts.backend.conftest import TEST_SECRET_KEY, draft

PHU_XUAN_CENTRE = (16.4712, 107.5761)
INCIDENT_PATHS = (
    ("GET", "/open311/v2/services.json"),
    ("POST", "/open311/v2/requests.json"),
    ("GET", "/api/v1/incidents/mine"),
    ("GET", "/api/v1/cases"),
    ("GET", "/api/v1/hotline/calls"),
)


def incident_tables() -> set[str]:
    """Return the names of the tables incident reporting owns."""
    plugins = plugin_manager(["incidents"])
    owned = plugins.get_plugin("incidents").hue_s_backend_tables()
    assert tables_of("hue_s.modules.incidents.backend") == list(owned)
    return {table.name for table in owned}


@pytest.fixture(params=["alerts"])
def alerts_only(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[FastAPI]:
    """The backend with HUE_S_MODULES=alerts (or the list given) on a fresh SQLite database."""
    monkeypatch.setenv("HUE_S_MODULES", request.param)
    settings = BackendSettings(data_dir=tmp_path, database_url=sqlite_url_for(tmp_path / "a.db"))
    assert settings.modules == request.param.split(",")
    app = create_app(settings)
    app.state.alerts_settings = AlertsSettings(cap_sources=[], stream_poll_seconds=0.2)
    app.state.accounts_settings = AccountsSettings(secret_key=TEST_SECRET_KEY)
    yield app
    app.state.engine.dispose()


@pytest.fixture
async def api(alerts_only: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the alerts-only app, its lifespan running."""
    async with asgi_client(alerts_only, lifespan=True) as http:
        yield http


def test_a_fresh_database_gets_no_incident_tables_nor_branch(alerts_only: FastAPI) -> None:
    with alerts_only.state.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        revisions = current_revisions(connection)
    assert incident_tables() and not incident_tables() & tables
    assert {"alerts", "alert_checkins", "users", "wards", "gauge_stations"} <= tables
    assert not any(revision.startswith("incidents_") for revision in revisions)
    assert "alerts_0004" in revisions


def test_switching_incidents_on_later_adds_its_tables(tmp_path: Path) -> None:
    url = sqlite_url_for(tmp_path / "later.db")
    prepare_database(url, plugin_manager(["alerts"])).dispose()
    engine = prepare_database(url, plugin_manager(["alerts", "incidents"]))
    try:
        with engine.connect() as connection:
            assert incident_tables() <= set(inspect(connection).get_table_names())
    finally:
        engine.dispose()


@pytest.mark.parametrize("alerts_only", ["alerts", "incidents,alerts"], indirect=True)
@pytest.mark.parametrize(("method", "path"), INCIDENT_PATHS)
async def test_incident_routes_answer_404_when_switched_off(
    api: httpx.AsyncClient, alerts_only: FastAPI, method: str, path: str
) -> None:
    switched_off = alerts_only.state.settings.modules == ["alerts"]
    admin = sign_in(alerts_only, "+84905000002", "admin")
    answer = await api.request(method, path, headers=admin)
    assert (answer.status_code == 404) == switched_off, answer.text
    paths = (await api.get("/openapi.json")).json()["paths"]
    documented = any(known.startswith(path.split(".")[0]) for known in paths)
    assert documented != switched_off


async def test_alerts_and_im_safe_still_work_and_help_is_refused_plainly(
    api: httpx.AsyncClient, alerts_only: FastAPI
) -> None:
    operator = sign_in(alerts_only, "+84905000001", "operator")
    issued = await api.post("/api/v1/alerts", json=draft(), headers=operator)
    assert issued.status_code == 201, issued.text
    path = f"/api/v1/alerts/{issued.json()['id']}/checkins"
    citizen = sign_in(alerts_only, "+84905000003", "citizen")
    point = {"lat": PHU_XUAN_CENTRE[0], "lon": PHU_XUAN_CENTRE[1]}

    safe = await api.post(path, json={"status": "safe", **point}, headers=citizen)
    assert safe.status_code == 201, safe.text
    assert (safe.json()["status"], safe.json()["ward_code"]) == ("safe", "19753")
    summary = await api.get(f"{path}/summary", headers=operator)
    assert (summary.status_code, summary.json()["safe"]) == (200, 1)

    help_body = {"status": "help", "phone": "0905111222", **point}
    refused = await api.post(path, json=help_body, headers=citizen)
    assert (refused.status_code, refused.json()["error"]["code"]) == (422, "help_unavailable")
    with alerts_only.state.session_factory() as session:
        statuses = session.scalars(select(AlertCheckin.status)).all()
    assert statuses == ["safe"]  # the refused request changed nothing


def test_incident_commands_are_absent(monkeypatch: pytest.MonkeyPatch) -> None:
    def commands() -> set[str]:
        parser = argparse.ArgumentParser(prog="hue-s")
        backend = cli.add_parser(parser.add_subparsers(dest="command"))
        action = next(a for a in backend._actions if isinstance(a, argparse._SubParsersAction))
        return set(action.choices)

    assert {"seed-incident-services", "overdue-cases", "ingest-cap"} <= commands()
    monkeypatch.setenv("HUE_S_MODULES", "alerts")
    only_alerts = commands()
    assert not {"seed-incident-services", "overdue-cases"} & only_alerts
    assert {"ingest-cap", "serve"} <= only_alerts
