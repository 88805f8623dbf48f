"""The same schema refuses the same dossier on the device and on the server (property tests),
groups of people and questions shown on a condition included; the form's JSON Schema export
accepts the answers `form_problems` accepts."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

import jsonschema
import pytest
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hue_s.backend.kernel.api_errors import APIError
from hue_s.modules.services.app.filing.form import DossierForm, iso_day
from hue_s.modules.services.backend.catalogue import build_catalogue
from hue_s.modules.services.backend.dossiers import Filing, Upload, check_filing
from hue_s.modules.services.form_export import form_json_schema
from hue_s.modules.services.wire import form_problems

from ..conftest import BIRTH, PDF, WARD

DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
TEXTS = st.one_of(st.just(""), st.text(max_size=120), st.text(alphabet="Nguyễn Văn ", max_size=8))
DAYS = st.one_of(
    DATES.map(date.isoformat),
    DATES.map(lambda d: f"{d.day}/{d.month}/{d.year}"),
    st.sampled_from(["", "31/02/2026", "2026-13-01", "hôm qua", "20-11-2026", "20261120"]),
)
YEARS = st.one_of(
    st.integers(1850, 2150).map(str), st.sampled_from(["", "1990.5", "1e3", "năm 90", "-1"])
)
PARENT = st.fixed_dictionaries(
    {
        "role": st.sampled_from(["mother", "father", "", "aunt"]),
        "full_name": TEXTS,
        "birth_year": YEARS,
        "ethnicity": st.sampled_from(["", "Kinh", "Tà Ôi", "x" * 31]),
        "residence": st.sampled_from(["", "12 Lê Lợi, Huế"]),
    }
)
SCALARS = {
    "child_full_name": TEXTS,
    "child_birth_date": DAYS,
    "child_sex": st.sampled_from(["female", "male", "", "other"]),
    "birth_place_kind": st.sampled_from(["health_facility", "elsewhere", ""]),
    "birth_place": TEXTS,
    "birth_notice_number": st.sampled_from(["", "CS-0412/2026", "x" * 31]),
    "birth_proof": st.sampled_from(["", "witness", "pledge", "none"]),
    "relationship": st.sampled_from(["mother", "father", "other", "", "uncle"]),
    "extracts_wanted": st.sampled_from(["", "yes", "no"]),
    "extracts": st.sampled_from(["", "2", "0", "11", "hai"]),
}
NAMES = st.text(alphabet="Nguyễn Văn Hoa", min_size=1, max_size=20).map(str.strip).filter(bool)
GOOD = {
    "child_full_name": NAMES,
    "child_birth_date": DATES.map(lambda d: f"{d.day}/{d.month}/{d.year}"),
    "child_sex": st.sampled_from(["female", "male"]),
    "birth_place_kind": st.sampled_from(["health_facility", "elsewhere"]),
    "birth_place": NAMES,
    "birth_notice_number": st.just("CS-0412/2026"),
    "birth_proof": st.sampled_from(["witness", "pledge"]),
    "relationship": st.sampled_from(["mother", "father", "other"]),
    "extracts_wanted": st.sampled_from(["", "yes", "no"]),
    "extracts": st.sampled_from(["1", "2", "10"]),
}
GOOD_PARENT = st.fixed_dictionaries(
    {
        "role": st.sampled_from(["mother", "father"]),
        "full_name": NAMES,
        "birth_year": st.integers(1900, 2100).map(str),
    }
)


def spoiled(good: dict[str, Any], bad: dict[str, Any]) -> dict[str, Any]:
    """Return acceptable answers with a few replaced by anything."""
    return good | bad


ANSWERS = st.builds(
    spoiled,
    st.fixed_dictionaries(GOOD),
    st.dictionaries(st.sampled_from(sorted(SCALARS)), st.just(""), max_size=1).flatmap(
        lambda keys: st.fixed_dictionaries({key: SCALARS[key] for key in keys})
    ),
)
PARENTS = st.one_of(
    st.lists(GOOD_PARENT, min_size=1, max_size=2), st.lists(PARENT, min_size=0, max_size=3)
)
NO_HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
BOUNDS = ("too_small", "too_large")
"""What a JSON Schema cannot say of a number written as a text (form_export's docstring)."""


def device_form() -> Any:
    """Return a stand-in context with what the form reads."""
    return SimpleNamespace(_=lambda message: message)


@pytest.fixture
def server(app: FastAPI) -> Any:
    """The server's catalogue and a database session."""
    session = app.state.session_factory()
    yield build_catalogue(session), session
    session.close()


def fill(form: DossierForm, typed: dict[str, str], parents: list[dict[str, str]]) -> None:
    """Type the answers as a person would: one card per parent (added or removed)."""
    for name, value in typed.items():
        form.inputs[name].value = value
    group = form.groups["parents"]
    while len(group.items) < len(parents) and group.add_button.visible:
        group.add()
    while len(group.items) > max(len(parents), 1):
        group.remove(len(group.items) - 1)
    for item, parent in zip(group.items, parents, strict=False):
        for name, value in parent.items():
            item.inputs[name].value = value
    form.refresh()


def server_accepts(server: Any, answers: dict[str, Any]) -> bool:
    """Return whether the server files a birth registration with these answers."""
    catalogue, session = server
    upload = Upload("giay-chung-sinh", "b.pdf", "application/pdf", PDF)
    try:
        check_filing(session, catalogue, Filing(BIRTH, WARD, answers, [upload], None))
    except APIError as error:
        assert error.code == "form_invalid"
        return False
    return True


@settings(max_examples=150, deadline=None, suppress_health_check=NO_HEALTH)
@given(typed=ANSWERS, parents=PARENTS)
def test_device_and_server_refuse_the_same_dossiers(
    server: Any, typed: dict[str, str], parents: list[dict[str, str]]
) -> None:
    page = server[0].page(BIRTH, "vi")
    form = DossierForm(device_form(), page.form)
    fill(form, typed, parents)
    device_accepts = form.check()
    assert device_accepts == server_accepts(server, form.answers()), (typed, form.answers())
    again = DossierForm(device_form(), page.form)
    again.restore(form.typed())  # a draft gives back the same dossier
    assert again.answers() == form.answers()


CLEAN = st.text(alphabet="An Hoa1", min_size=1, max_size=8).map(str.strip).filter(bool)
RAW_PARENT = st.dictionaries(
    st.sampled_from(["role", "full_name", "birth_year", "nickname"]),
    st.one_of(st.sampled_from(["mother", "father", "1990", "1800", "x"]), CLEAN),
)
ANYTHING = st.one_of(
    st.sampled_from(["health_facility", "elsewhere", "yes", "no", "female", "mother"]),
    st.sampled_from(["pledge", "2", "11", "2026-11-20", "2026-02-31", "CS-1"]),
    CLEAN,
    st.lists(st.one_of(GOOD_PARENT, RAW_PARENT), max_size=3),
)


def as_sent(
    good: dict[str, Any], parents: list[Any], extra: dict[str, Any], drop: set[str]
) -> dict[str, Any]:
    """Return answers as an app would send them (dates in ISO, hidden ones dropped), then
    changed: some replaced or added (hidden ones, unknown ones), some dropped."""
    answers = good | {"child_birth_date": iso_day(good["child_birth_date"]), "parents": parents}
    facility = answers["birth_place_kind"] == "health_facility"
    answers.pop("birth_proof" if facility else "birth_notice_number")
    if answers["extracts_wanted"] != "yes":
        answers.pop("extracts")
    if not answers["extracts_wanted"]:
        answers.pop("extracts_wanted")
    return {k: v for k, v in (answers | extra).items() if k not in drop}


KEYS = st.sampled_from(sorted(SCALARS) + ["parents", "pet"])
RAW = st.builds(
    as_sent,
    st.fixed_dictionaries(GOOD),
    st.lists(GOOD_PARENT, min_size=1, max_size=2),
    st.dictionaries(KEYS, ANYTHING, max_size=2),
    st.sets(KEYS, max_size=1),
)


@settings(max_examples=300, deadline=None, suppress_health_check=NO_HEALTH)
@given(answers=RAW)
def test_the_json_schema_accepts_what_the_form_check_accepts(
    server: Any, answers: dict[str, Any]
) -> None:
    page = server[0].page(BIRTH, "en")
    schema = form_json_schema(page.form, page.name)
    checker = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    problems = form_problems(page.form, answers)
    beyond_schema = {name: code for name, code in problems.items() if code not in BOUNDS}
    assert checker.is_valid(answers) == (not beyond_schema), (answers, problems)
    assert server_accepts(server, answers) == (not problems)


def test_the_export_is_a_valid_draft_2020_12_schema(server: Any) -> None:
    page = server[0].page(BIRTH, "vi")
    schema = form_json_schema(page.form, page.name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["parents"]["maxItems"] == 2
    assert "birth_notice_number" not in schema["required"]  # only when born at a facility


def test_dates_typed_day_first_are_sent_as_iso() -> None:
    assert iso_day("20/11/2026") == "2026-11-20"
    assert iso_day(" 1.2.2026 ") == "2026-02-01"
    assert iso_day("2026-11-20") == "2026-11-20"
    assert iso_day("hôm qua") == "hôm qua"
