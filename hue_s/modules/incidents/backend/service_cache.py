"""The catalogue of services, read once a minute per database instead of on every request.

Services change only when the catalogue is seeded (at start-up) or edited by hand, so a report
may be checked against a catalogue, and a list name its services from one, up to
MAX_AGE_SECONDS old. The cached services are unattached
IncidentService objects shared between threads: read them, never change or add them.
"""

from __future__ import annotations

import threading
import time
import weakref
from dataclasses import dataclass, field

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from hue_s.modules.incidents.backend.models import IncidentService
from hue_s.modules.incidents.backend.open311.records import localized

MAX_AGE_SECONDS = 60.0


@dataclass(frozen=True)
class Catalogue:
    """Every service by code, as read at a moment (time.monotonic)."""

    services: dict[str, IncidentService]
    read_at: float
    names: dict[str, dict[str, str]] = field(default_factory=dict)
    """Every service's name by code, per language, made when first asked."""


_catalogues: weakref.WeakKeyDictionary[Engine, Catalogue] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def read_catalogue(session: Session) -> Catalogue:
    """Read every service from the database, unattached."""
    table = IncidentService.__table__
    rows = session.connection().execute(select(table))
    services = {row.code: IncidentService(**row._mapping) for row in rows}
    return Catalogue(services, time.monotonic())


def cached_catalogue(session: Session) -> Catalogue:
    """Return the catalogue of the session's database as read at most a minute ago."""
    engine = session.get_bind().engine  # the engine, also for a session on a connection
    catalogue = _catalogues.get(engine)
    if catalogue is None or time.monotonic() - catalogue.read_at > MAX_AGE_SECONDS:
        catalogue = read_catalogue(session)
        with _lock:
            _catalogues[engine] = catalogue
    return catalogue


def cached_service(session: Session, code: str) -> IncidentService | None:
    """Return the service with this code (active or not) as read at most a minute ago."""
    return cached_catalogue(session).services.get(code)


def cached_service_names(session: Session, language: str) -> dict[str, str]:
    """Return every service's name in a language, by code, as read at most a minute ago."""
    catalogue = cached_catalogue(session)
    names = catalogue.names.get(language)
    if names is None:
        services = catalogue.services.values()
        names = {service.code: localized(service, "name", language) for service in services}
        catalogue.names[language] = names  # made twice at worst, by two threads: the same
    return names


def forget_services() -> None:
    """Drop every cached catalogue (call after changing services in the database)."""
    with _lock:
        _catalogues.clear()
