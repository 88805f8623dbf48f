"""Groups of people and conditional questions on the server: a dossier keeps a group's items,
refuses an answer to a hidden question or too many items with the codes the app's check gives
(`wire.form_problems`, the one function), and the made result lists the items readably."""

from __future__ import annotations

import re
from typing import Any

import httpx
import jsonschema
import pytest

from hue_s.modules.services.wire import FormField, Option, form_problems

from ..conftest import BIRTH, BIRTH_ANSWERS, file_birth
from .test_services_results import pdf_text

DOSSIERS = "/api/v1/services/dossiers"
MOTHER = {"role": "mother", "full_name": "Trần Thị Hoa", "birth_year": "1996"}
FATHER = {"role": "father", "full_name": "Nguyễn Văn Bình", "birth_year": "1994"}


def problems_of(refused: httpx.Response) -> dict[str, str]:
    """Return the problems a 422 form_invalid lists ("name: code, ...")."""
    error = refused.json()["error"]
    assert error["code"] == "form_invalid", error
    listed = re.fullmatch(r"The form has problems: (.*)\.", error["message"])
    assert listed is not None, error
    return dict(pair.split(": ") for pair in listed.group(1).split(", "))


async def birth_form(client: httpx.AsyncClient) -> list[FormField]:
    """Return the birth registration's form as the app reads it."""
    page = (await client.get(f"/api/v1/services/procedures/{BIRTH}")).json()
    return [FormField.model_validate(field) for field in page["form"]]


async def test_a_dossier_keeps_its_parents_and_staff_read_them(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    answers = BIRTH_ANSWERS | {"parents": [MOTHER, FATHER]}
    filed = await file_birth(client, people["citizen_a"], answers=answers)
    assert filed.status_code == 201, filed.text
    assert filed.json()["answers"]["parents"] == [MOTHER, FATHER]
    code = filed.json()["code"]
    seen = await client.get(f"{DOSSIERS}/{code}", headers=people["officer_x"])
    assert seen.json()["answers"]["parents"][1]["full_name"] == "Nguyễn Văn Bình"

    await client.post(f"{DOSSIERS}/{code}/receive", headers=people["officer_x"])
    approved = await client.post(f"{DOSSIERS}/{code}/approve", headers=people["officer_x"])
    assert approved.status_code == 200, approved.text
    made = await client.get(f"{DOSSIERS}/{code}/result", headers=people["citizen_a"])
    text = " ".join(pdf_text(made.content).split())
    assert "Cha hoặc mẹ 2" in text and "Họ, chữ đệm và tên: Nguyễn Văn Bình" in text, text
    assert "Là: Cha" in text and "Số Giấy chứng sinh" in text


async def test_hidden_answers_and_too_many_items_are_refused_as_the_app_refuses_them(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    form = await birth_form(client)
    cases: list[dict[str, Any]] = [
        BIRTH_ANSWERS | {"birth_proof": "pledge"},  # born at a facility: no proof question
        BIRTH_ANSWERS | {"extracts": "2"},  # no extracts asked for
        BIRTH_ANSWERS | {"parents": [MOTHER, FATHER, MOTHER]},
        BIRTH_ANSWERS | {"parents": []},
        BIRTH_ANSWERS | {"parents": [MOTHER, {"role": "father", "birth_year": "2200"}]},
        BIRTH_ANSWERS | {"parents": "Trần Thị Hoa", "child_sex": ["female"]},
        BIRTH_ANSWERS | {"birth_place_kind": "elsewhere"},  # a notice number, no proof
    ]
    expected = [
        {"birth_proof": "hidden"},
        {"extracts": "hidden"},
        {"parents": "too_many"},
        {"parents": "too_few"},
        {"parents.1.full_name": "required", "parents.1.birth_year": "too_large"},
        {"parents": "not_a_list", "child_sex": "not_a_text"},
        {"birth_notice_number": "hidden", "birth_proof": "required"},
    ]
    for answers, problems in zip(cases, expected, strict=True):
        assert form_problems(form, answers) == problems
        refused = await file_birth(client, people["citizen_a"], answers=answers)
        if isinstance(answers["child_sex"], list):  # not even the shape of answers
            assert refused.status_code == 422
            assert refused.json()["error"]["code"] == "answers_invalid"
            continue
        assert refused.status_code == 422, refused.text
        assert problems_of(refused) == problems


async def test_a_condition_met_asks_its_question(
    client: httpx.AsyncClient, people: dict[str, dict[str, str]]
) -> None:
    wanted = BIRTH_ANSWERS | {"extracts_wanted": "yes"}
    refused = await file_birth(client, people["citizen_a"], answers=wanted)
    assert problems_of(refused) == {"extracts": "required"}
    filed = await file_birth(client, people["citizen_a"], answers=wanted | {"extracts": "2"})
    assert filed.status_code == 201, filed.text


def test_a_group_may_not_hold_a_group_and_conditions_name_a_question() -> None:
    person = FormField(name="name", kind="text", label="Tên")
    with pytest.raises(ValueError, match="no group inside"):
        FormField(name="outer", kind="group", label="G", fields=[
            FormField(name="inner", kind="group", label="I", fields=[person])
        ])  # fmt: skip
    when = {"field": "c", "equals": ["x"]}
    why = FormField(name="why", kind="text", label="Vì sao", shown_when=when)
    with pytest.raises(ValueError, match="shown_when names no question"):
        FormField(name="g", kind="group", label="G", fields=[person, why])
    choice = FormField(name="c", kind="choice", label="C", options=[Option(value="x", label="X")])
    group = FormField(name="g", kind="group", label="G", fields=[choice, why])
    assert form_problems([group], {"g": [{"why": "vì"}, {"c": "x"}]}) == {"g.0.why": "hidden"}


async def test_the_form_is_served_as_a_json_schema(client: httpx.AsyncClient) -> None:
    got = await client.get(f"/api/v1/services/procedures/{BIRTH}/form-schema?locale=en")
    assert got.status_code == 200 and got.headers["content-type"] == "application/schema+json"
    schema = got.json()
    jsonschema.Draft202012Validator.check_schema(schema)
    checker = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert checker.is_valid(BIRTH_ANSWERS)
    assert not checker.is_valid(BIRTH_ANSWERS | {"birth_proof": "pledge"})  # hidden
    assert schema["properties"]["parents"]["items"]["title"] == "Parent"
    no_form = await client.get("/api/v1/services/procedures/2.000815.000.00.00.H57/form-schema")
    assert no_form.status_code == 404
