"""The ward's view of a dossier: each answer by its question and each choice by its label, and
only the actions its status allows (from wire.STAFF_ACTIONS, the backend's table too)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import flet as ft

from hue_s.modules.services.app.views.staff import answer_lines, staff_part
from hue_s.modules.services.wire import STAFF_ACTIONS, Dossier, FormField, Option, Procedure


def test_answers_carry_their_question_and_choice_labels() -> None:
    sex = FormField(
        name="child_sex", kind="choice", label="Giới tính",
        options=[Option(value="female", label="Nữ"), Option(value="male", label="Nam")],
    )  # fmt: skip
    name = FormField(name="child_full_name", kind="text", label="Họ và tên")
    page = Procedure.model_construct(form=[name, sex], documents=[])
    dossier = Dossier.model_construct(answers={"child_full_name": "An", "child_sex": "female"})
    lines = answer_lines(dossier, page)
    assert [line.value for line in lines if isinstance(line, ft.Text)] == [
        "Họ và tên: An",
        "Giới tính: Nữ",
    ]
    assert [line.value for line in answer_lines(dossier, None) if isinstance(line, ft.Text)] == [
        "child_full_name: An",
        "child_sex: female",
    ]


def buttons_of(status: str, city_tier: bool, role: str) -> list[str]:
    """Return the keys of the action buttons staff see on a dossier."""
    ctx: Any = SimpleNamespace(_=lambda text: text, session=SimpleNamespace(role=role))
    dossier = Dossier.model_construct(
        code="19753-261204-ABCDEF", status=status, city_tier=city_tier, answers={}, documents=[]
    )
    found: list[str] = []
    for control in staff_part(ctx, dossier, None):
        if isinstance(control, ft.Row):
            found += [str(button.key) for button in control.controls]
    return found


def test_staff_see_only_the_actions_the_status_allows() -> None:
    expected = {
        "submitted": ["staff-receive", "staff-request_supplement", "staff-reject"],
        "received": [
            "staff-approve", "staff-request_supplement", "staff-transfer", "staff-reject"
        ],
        "supplement_requested": ["staff-reject"],
        "approved": [],
        "rejected": [],
    }  # fmt: skip
    for status, keys in expected.items():
        assert buttons_of(status, False, "officer") == keys, status
        for action in keys:  # each one shown is one the backend's table lets through
            starts, _to = STAFF_ACTIONS[action.removeprefix("staff-")]  # type: ignore[index]
            assert status in starts
    assert buttons_of("received", True, "officer") == []  # the city tier decides it now
    assert buttons_of("received", True, "operator") == [
        "staff-approve", "staff-request_supplement", "staff-reject"
    ]  # fmt: skip
