"""The form on the device: a group's cards are added and removed between its least and most
number, a question shows only while its condition holds (and is then not sent), each problem
shows at its question inside the right card, and a draft gives back the groups as typed."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import flet as ft

from hue_s.modules.services.app.filing.form import DossierForm
from hue_s.modules.services.app.views.staff import answer_lines
from hue_s.modules.services.form_export import answer_texts
from hue_s.modules.services.wire import Dossier, FormField, Option, Procedure

YES_NO = [Option(value="yes", label="Có"), Option(value="no", label="Không")]
FORM = [
    FormField(name="extracts_wanted", kind="choice", label="Bản sao", options=YES_NO),
    FormField(
        name="extracts", kind="number", label="Số bản sao", required=True, minimum=1,
        maximum=10, shown_when={"field": "extracts_wanted", "equals": ["yes"]},
    ),
    FormField(
        name="parents", kind="group", label="Cha, mẹ", item_label="Cha hoặc mẹ",
        min_items=1, max_items=2,
        fields=[
            FormField(name="full_name", kind="text", label="Họ và tên", required=True),
            FormField(name="known", kind="choice", label="Biết năm sinh", options=YES_NO),
            FormField(
                name="birth_year", kind="number", label="Năm sinh", required=True,
                shown_when={"field": "known", "equals": ["yes"]},
            ),
        ],
    ),
]  # fmt: skip


def new_form() -> DossierForm:
    """Return the form with a stand-in context."""
    ctx: Any = SimpleNamespace(_=lambda message: message)
    return DossierForm(ctx, FORM)


def keys(control: ft.Control) -> list[str]:
    """Return the keys of a control and everything inside it, in order."""
    found = [str(control.key)] if getattr(control, "key", None) else []
    for name in ("content", "controls"):
        inner = getattr(control, name, None)
        for child in inner if isinstance(inner, list) else [inner] if inner else []:
            if isinstance(child, ft.Control):
                found += keys(child)
    return found


def test_cards_are_added_and_removed_within_the_group_s_bounds() -> None:
    form = new_form()
    parents = form.groups["parents"]
    assert len(parents.items) == 1 and "form-parents-0-remove" not in keys(form.control)
    parents.items[0].inputs["full_name"].value = "Trần Thị Hoa"
    parents.add()
    parents.items[1].inputs["full_name"].value = "Nguyễn Văn Bình"
    drawn = keys(form.control)
    assert "form-parents-1-full_name" in drawn and "form-parents-0-remove" in drawn
    assert not parents.add_button.visible  # two at most
    parents.add()
    assert len(parents.items) == 2
    parents.remove(0)
    assert form.answers() == {"parents": [{"full_name": "Nguyễn Văn Bình"}]}
    assert "form-parents-1-full_name" not in keys(form.control) and parents.add_button.visible
    parents.remove(0)  # one at least
    assert len(parents.items) == 1


def test_a_conditional_question_shows_only_while_its_answer_is_given() -> None:
    form = new_form()
    extracts = form.inputs["extracts"]
    assert not extracts.visible
    form.inputs["extracts"].value = "3"
    form.inputs["extracts_wanted"].value = "yes"
    form._changed()  # what the radio group's on_change runs
    assert extracts.visible and form.answers()["extracts"] == "3"
    form.inputs["extracts_wanted"].value = "no"
    form._changed()
    assert not extracts.visible and "extracts" not in form.answers()  # hidden: not sent
    assert form.typed()["extracts"] == "3"  # but kept in the draft
    item = form.groups["parents"].items[0]
    assert not item.blocks["birth_year"].visible
    item.inputs["known"].value = "yes"
    item._changed()
    assert item.blocks["birth_year"].visible


def test_problems_show_inside_their_card() -> None:
    form = new_form()
    parents = form.groups["parents"]
    parents.add()
    parents.items[1].inputs["known"].value = "yes"
    parents.items[1].refresh()
    parents.items[1].inputs["birth_year"].value = "năm 90"
    assert not form.check()
    first, second = parents.items
    assert first.inputs["full_name"].error == "Please answer this."
    assert second.inputs["birth_year"].error == "Write a number."
    assert not parents.error.visible
    parents.items.clear()  # as if every card were gone (the app keeps one at least)
    assert not form.check() and parents.error.value == "Add at least 1."


def test_a_draft_gives_back_every_card_and_hidden_answers() -> None:
    form = new_form()
    form.inputs["extracts_wanted"].value = "yes"
    form.inputs["extracts"].value = "2"
    parents = form.groups["parents"]
    parents.items[0].inputs["full_name"].value = "Trần Thị Hoa"
    parents.add()
    parents.items[1].inputs["full_name"].value = "Nguyễn Văn Bình"
    parents.items[1].inputs["known"].value = "yes"
    parents.items[1].inputs["birth_year"].value = "1994"
    form.refresh()
    kept = form.typed()
    again = new_form()
    again.restore(kept)
    assert (
        again.answers()
        == form.answers()
        == {
            "extracts_wanted": "yes",
            "extracts": "2",
            "parents": [
                {"full_name": "Trần Thị Hoa"},
                {"full_name": "Nguyễn Văn Bình", "known": "yes", "birth_year": "1994"},
            ],
        }
    )
    assert again.inputs["extracts"].visible
    assert again.groups["parents"].items[1].blocks["birth_year"].visible


def test_staff_read_each_card_on_one_line() -> None:
    page = Procedure.model_construct(form=FORM, documents=[])
    answers = {
        "extracts_wanted": "yes",
        "extracts": "2",
        "parents": [
            {"full_name": "Hoa"},
            {"full_name": "Bình", "known": "yes", "birth_year": "1994"},
        ],
        "old_question": "kept",
    }
    lines = answer_lines(Dossier.model_construct(answers=answers), page)
    assert [line.value for line in lines if isinstance(line, ft.Text)] == [
        "Bản sao: Có",
        "Số bản sao: 2",
        "Cha hoặc mẹ 1: Họ và tên: Hoa",
        "Cha hoặc mẹ 2: Họ và tên: Bình; Biết năm sinh: Có; Năm sinh: 1994",
        "old_question: kept",
    ]


def test_dates_read_day_first_as_the_form_asks_them() -> None:
    born = FormField(name="born", kind="date", label="Ngày sinh")
    people = FormField(name="people", kind="group", label="Người", fields=[born])
    pairs = answer_texts([born, people], {"born": "2026-11-20", "people": [{"born": "bad"}]})
    assert pairs == [("Ngày sinh", "20/11/2026"), ("Người 1", "Ngày sinh: bad")]
