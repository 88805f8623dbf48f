"""The same schema refuses the same dossier on the device and on the server (property test)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hue_s.backend.api_errors import APIError
from hue_s.modules.services.app.form import DossierForm, iso_day
from hue_s.modules.services.backend.catalogue import build_catalogue
from hue_s.modules.services.backend.dossiers import Filing, Upload, check_filing

from ..conftest import BIRTH, PDF, WARD

DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
TEXTS = st.one_of(st.just(""), st.text(max_size=120), st.text(alphabet="Nguyễn Văn ", max_size=8))
DAYS = st.one_of(
    DATES.map(date.isoformat),
    DATES.map(lambda d: f"{d.day}/{d.month}/{d.year}"),
    st.sampled_from(["", "31/02/2026", "2026-13-01", "hôm qua", "20-11-2026"]),
)
ANSWERS = st.fixed_dictionaries(
    {
        "child_full_name": TEXTS,
        "child_birth_date": DAYS,
        "child_sex": st.sampled_from(["female", "male", "", "other"]),
        "birth_place": TEXTS,
        "mother_full_name": TEXTS,
        "father_full_name": TEXTS,
        "relationship": st.sampled_from(["mother", "father", "other", "", "uncle"]),
    }
)
NO_HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


def device_form() -> Any:
    """Return a stand-in context with what the form reads."""
    return SimpleNamespace(_=lambda message: message)


@pytest.fixture
def server(app: FastAPI) -> Any:
    """The server's catalogue and a database session."""
    session = app.state.session_factory()
    yield build_catalogue(session), session
    session.close()


@settings(max_examples=150, deadline=None, suppress_health_check=NO_HEALTH)
@given(typed=ANSWERS)
def test_device_and_server_refuse_the_same_dossiers(server: Any, typed: dict[str, str]) -> None:
    catalogue, session = server
    page = catalogue.page(BIRTH, "vi")
    form = DossierForm(device_form(), page.form)
    for name, value in typed.items():
        form.inputs[name].value = value
    device_accepts = form.check()
    filing = Filing(
        BIRTH,
        WARD,
        form.answers(),
        [Upload("giay-chung-sinh", "b.pdf", "application/pdf", PDF)],
        None,
    )
    try:
        check_filing(session, catalogue, filing)
    except APIError as error:
        assert error.code == "form_invalid"
        server_accepts = False
    else:
        server_accepts = True
    assert device_accepts == server_accepts, (typed, form.answers())


def test_dates_typed_day_first_are_sent_as_iso() -> None:
    assert iso_day("20/11/2026") == "2026-11-20"
    assert iso_day(" 1.2.2026 ") == "2026-02-01"
    assert iso_day("2026-11-20") == "2026-11-20"
    assert iso_day("hôm qua") == "hôm qua"
