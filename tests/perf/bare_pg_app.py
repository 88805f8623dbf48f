"""The floor of tests/perf/workers_pg.py: a bare FastAPI app on a PostgreSQL reports table.

Served by `uvicorn --factory --workers N bare_pg_app:bare_app`; its database URL comes from
$WORKERS_PG_BARE_DATABASE_URL. The same three requests as Hue-S's, without auth or checks.
"""

from __future__ import annotations

import os

from fastapi import FastAPI, Form
from sqlalchemy import create_engine, text

BARE_URL_ENV = "WORKERS_PG_BARE_DATABASE_URL"


def bare_app() -> FastAPI:
    """Return the app: the newest reports, one report, and an insert."""
    engine = create_engine(os.environ[BARE_URL_ENV])
    app = FastAPI()
    columns = "id, code, lat, lon, description, requested_at"

    @app.get("/requests.json")
    def newest() -> list[dict[str, object]]:
        """Return the newest 50 reports."""
        with engine.connect() as connection:
            query = text(f"SELECT {columns} FROM reports ORDER BY id DESC LIMIT 50")
            return [dict(row._mapping) for row in connection.execute(query)]

    @app.get("/requests/{report_id}.json")
    def one(report_id: int) -> list[dict[str, object]]:
        """Return one report."""
        with engine.connect() as connection:
            query = text(f"SELECT {columns} FROM reports WHERE id = :id")
            return [dict(row._mapping) for row in connection.execute(query, {"id": report_id})]

    @app.post("/requests.json")
    def insert(
        service_code: str = Form(),
        lat: float = Form(),
        long: float = Form(),
        description: str = Form(),
    ) -> list[dict[str, str]]:
        """Insert one report and answer its id."""
        with engine.begin() as connection:
            row_id = connection.execute(
                text(
                    "INSERT INTO reports (code, lat, lon, description, requested_at)"
                    " VALUES (:c, :a, :o, :d, now()) RETURNING id"
                ),
                {"c": service_code, "a": lat, "o": long, "d": description},
            ).scalar()
        return [{"service_request_id": str(row_id)}]

    return app
