"""A category's extra questions: checked as the backend checks them, sent as it reads them."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from hue_s.app.api.errors import APIStatusError
from hue_s.modules.incidents.app.api import IncidentsResource, error_code
from hue_s.modules.incidents.app.models import ServiceAttribute, ServiceDefinition
from hue_s.modules.incidents.app.questions import (
    NOT_A_DATE,
    NOT_A_NUMBER,
    NOT_LISTED,
    QUESTIONS_UNANSWERED,
    REQUIRED,
    TOO_LONG,
    answer_fields,
    answer_problem,
    answer_text,
    asked,
    datetime_value,
    number_value,
)
from hue_s.modules.incidents.backend.models import Incident, IncidentService
from hue_s.modules.incidents.backend.service_cache import forget_services
from tests.app.api.accounts_backend import AccountsBackend

from .backend import point_in, report_draft, signed_in


def question(datatype: str, *, required: bool = False, code: str = "q", **more: Any) -> Any:
    """Return a question of a datatype."""
    return ServiceAttribute.model_validate(
        {"code": code, "datatype": datatype, "required": required, "description": "Q?", **more}
    )


SIZES = [
    {"key": "small", "name": "Nhỏ"},
    {"key": "large", "name": "Lớn"},
]


def test_numbers_and_dates_are_read_the_way_people_type_them() -> None:
    assert number_value(" 2,5 ") == "2.5"
    assert number_value("12") == "12"
    assert [number_value(text) for text in ("abc", "nan", "inf", "1_000", "")] == [None] * 5
    assert datetime_value("26/11/2026 08:30") == "2026-11-26T08:30:00"
    assert datetime_value("26/11/2026") == "2026-11-26T00:00:00"
    assert datetime_value("2026-11-26T08:30") == "2026-11-26T08:30:00"
    assert datetime_value("hôm qua") is None


def test_each_datatype_has_its_problem() -> None:
    assert answer_problem(question("string", required=True), None) == REQUIRED
    assert answer_problem(question("string", required=True), "   ") == REQUIRED
    assert answer_problem(question("string"), None) is None
    assert answer_problem(question("text"), "x" * 1001) == TOO_LONG
    assert answer_problem(question("number"), "ba") == NOT_A_NUMBER
    assert answer_problem(question("number"), "3,5") is None
    assert answer_problem(question("datetime"), "mai") == NOT_A_DATE
    single = question("singlevaluelist", values=SIZES)
    assert answer_problem(single, "small") is None
    assert answer_problem(single, "huge") == NOT_LISTED
    multiple = question("multivaluelist", required=True, values=SIZES)
    assert answer_problem(multiple, []) == REQUIRED
    assert answer_problem(multiple, ["small", "large"]) is None
    assert answer_problem(multiple, ["small", "huge"]) == NOT_LISTED
    note = question("string", required=True, variable=False)
    assert answer_problem(note, None) is None


def test_answers_become_attribute_fields_and_preview_text() -> None:
    questions = [
        question("number", code="depth"),
        question("datetime", code="since"),
        question("multivaluelist", code="sizes", values=SIZES),
        question("string", code="empty"),
    ]
    answers: dict[str, Any] = {
        "depth": "2,5",
        "since": "26/11/2026 08:30",
        "sizes": ["small", "large"],
        "empty": " ",
        "unknown": "x",
    }
    assert answer_fields(questions, answers) == {
        "attribute[depth]": "2.5",
        "attribute[since]": "2026-11-26T08:30:00",
        "attribute[sizes][]": ["small", "large"],
    }
    assert answer_text(questions[2], ["small", "large"]) == "Nhỏ, Lớn"


def test_the_form_does_not_ask_what_it_asks_in_its_own_way() -> None:
    definition = ServiceDefinition.model_validate(
        {
            "service_code": "x",
            "attributes": [
                {"code": "size", "datatype": "string", "order": 10},
                {"code": "ward_code", "datatype": "string", "order": 2},
                {"code": "hide_name", "datatype": "string", "order": 3},
                {"code": "urgency", "datatype": "string", "order": 1},
            ],
        }
    )
    assert [q.code for q in asked(definition)] == ["urgency", "size"]


def test_a_draft_with_a_missing_required_answer_is_not_sent_and_keeps_everything() -> None:
    draft = report_draft(None, questions=[question("string", required=True, code="plate")])
    assert QUESTIONS_UNANSWERED in draft.problems()
    assert draft.answer_problems() == {"plate": REQUIRED}
    answered = draft.model_copy(update={"answers": {"plate": "75A-123.45"}})
    assert QUESTIONS_UNANSWERED not in answered.problems()
    assert answered.form_fields()["attribute[plate]"] == "75A-123.45"
    again = type(draft).model_validate(answered.model_dump(mode="json"))
    assert again.answers == {"plate": "75A-123.45"} and again.questions == answered.questions


def sample_answer(attribute: ServiceAttribute) -> Any:
    """Return an answer a person could give to a question, as the form keeps it."""
    if attribute.datatype == "singlevaluelist":
        return attribute.values[-1].key
    if attribute.datatype == "multivaluelist":
        return [value.key for value in attribute.values]
    if attribute.datatype == "number":
        return "2,5"
    if attribute.datatype == "datetime":
        return "26/11/2026 08:30"
    return "Gần chợ Đông Ba"


async def test_every_category_accepts_what_the_app_lets_through(backend: AccountsBackend) -> None:
    citizen = await signed_in(backend, "0905 321 101")
    incidents = citizen.api.resource(IncidentsResource)
    point = point_in(backend)
    for service in await incidents.services():
        questions = asked(await incidents.definition(service_code=service.service_code))
        answers = {q.code: sample_answer(q) for q in questions if q.variable}
        draft = report_draft(
            point,
            service_code=service.service_code,
            questions=questions,
            answers=answers,
        )
        assert draft.problems() == [], service.service_code
        created = await incidents.create(draft=draft, idempotency_key=str(uuid.uuid4()))
        with backend.app.state.session_factory() as session:
            stored = session.get(Incident, int(created.service_request_id or 0))
            assert stored is not None
            assert set(stored.attributes) == set(answers), service.service_code
            if "urgency" in answers:
                assert stored.urgency == answers["urgency"]


@pytest.fixture
def plate_question(backend: AccountsBackend) -> Any:
    """Give the noise category a required question for the length of a test."""
    factory = backend.app.state.session_factory
    with factory() as session:
        service = session.get(IncidentService, "noise")
        assert service is not None
        before = list(service.attributes)
        service.attributes = [
            *before,
            {
                "code": "loudness",
                "datatype": "number",
                "required": True,
                "order": 20,
                "description_vi": "Độ ồn (dB)",
                "description_en": "Loudness (dB)",
            },
        ]
        session.commit()
    forget_services()
    yield
    with factory() as session:
        service = session.get(IncidentService, "noise")
        assert service is not None
        service.attributes = before
        session.commit()
    forget_services()


async def test_the_app_and_the_backend_refuse_the_same_answers(
    backend: AccountsBackend, plate_question: None
) -> None:
    citizen = await signed_in(backend, "0905 321 102")
    incidents = citizen.api.resource(IncidentsResource)
    questions = asked(await incidents.definition(service_code="noise"))
    loudness = next(q for q in questions if q.code == "loudness")
    assert loudness.required and loudness.description == "Độ ồn (dB)"
    point = point_in(backend)
    for answer, app_problem, server_code in (
        (None, REQUIRED, "attribute_required"),
        ("to lắm", NOT_A_NUMBER, "invalid_attribute"),
    ):
        draft = report_draft(point, service_code="noise", questions=questions)
        if answer is not None:
            draft = draft.model_copy(update={"answers": {"loudness": answer}})
        assert draft.answer_problems() == {"loudness": app_problem}
        with pytest.raises(APIStatusError) as refused:
            await incidents.create(draft=draft, idempotency_key=str(uuid.uuid4()))
        assert error_code(refused.value) == server_code
    good = report_draft(point, service_code="noise", questions=questions)
    good = good.model_copy(update={"answers": {"loudness": "85,5"}})
    assert good.problems() == []
    created = await incidents.create(draft=good, idempotency_key=str(uuid.uuid4()))
    assert created.service_request_id
