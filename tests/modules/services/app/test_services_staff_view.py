"""The ward's view of a dossier names each answer by its question, and each choice by its label."""

from __future__ import annotations

import flet as ft

from hue_s.modules.services.app.view_staff import answer_lines
from hue_s.modules.services.wire import Dossier, FormField, Option, Procedure


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
