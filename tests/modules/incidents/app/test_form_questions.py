"""The questions part of the form: one control per datatype, answers kept, problems at the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import flet as ft

from hue_s.app.api.client import HueClient
from hue_s.app.config import AppConfig
from hue_s.app.state.store import Store
from hue_s.modules.incidents.app.form.questions import NO_ANSWER, QuestionsPart
from hue_s.modules.incidents.app.models import ServiceAttribute
from hue_s.modules.incidents.app.questions import REQUIRED, answer_problems
from tests.app.session_doubles import session_context

QUESTIONS = [
    ServiceAttribute.model_validate(raw)
    for raw in (
        {
            "code": "size",
            "datatype": "singlevaluelist",
            "description": "Kích thước ổ gà",
            "values": [{"key": "small", "name": "Nhỏ"}, {"key": "large", "name": "Lớn"}],
        },
        {
            "code": "lanes",
            "datatype": "multivaluelist",
            "description": "Làn đường bị ảnh hưởng",
            "values": [{"key": "left", "name": "Trái"}, {"key": "right", "name": "Phải"}],
        },
        {"code": "depth", "datatype": "number", "required": True, "description": "Độ sâu (cm)"},
        {"code": "since", "datatype": "datetime", "description": "Có từ khi nào"},
        {"code": "more", "datatype": "text", "description": "Thêm"},
        {"code": "info", "datatype": "string", "variable": False, "description": "Lưu ý"},
    )
]


def part(tmp_path: Path, answers: dict[str, Any], changes: list[dict[str, Any]]) -> QuestionsPart:
    """Return the questions part showing QUESTIONS with `answers`; changes are recorded."""
    store = Store(tmp_path / "s.sqlite3")
    ctx = session_context(store, HueClient("http://x.test"), config=AppConfig(kiosk=False))
    shown = QuestionsPart(ctx, on_change=changes.append, on_retry=lambda: None)
    shown.show(QUESTIONS, answers)
    return shown


def test_each_datatype_gets_its_control_with_the_answer_kept(tmp_path: Path) -> None:
    shown = part(tmp_path, {"size": "large", "lanes": ["right"], "depth": "12"}, [])
    size = shown.fields["size"].control
    assert isinstance(size, ft.Column)
    group = size.controls[1]
    assert isinstance(group, ft.RadioGroup) and group.value == "large"
    assert isinstance(group.content, ft.Row)
    # Each radio is named by its question, then its answer (a screen reader heard only "Lớn").
    named = [(c.content.label, c.content.content) for c in group.content.controls]  # type: ignore[attr-defined]
    assert [question for question, _radio in named] == ["Kích thước ổ gà"] * 3
    assert [radio.label for _question, radio in named] == ["Nhỏ", "Lớn", "Không trả lời"]
    assert all(isinstance(c, ft.MergeSemantics) for c in group.content.controls)
    lanes = shown.fields["lanes"].control
    assert isinstance(lanes, ft.Column) and isinstance(lanes.controls[1], ft.Row)
    ticks = [box.value for box in lanes.controls[1].controls if isinstance(box, ft.Checkbox)]
    assert ticks == [False, True]
    depth = shown.fields["depth"].control
    assert isinstance(depth, ft.TextField)
    assert (depth.label, depth.value, depth.keyboard_type) == (
        "Độ sâu (cm) *",
        "12",
        ft.KeyboardType.NUMBER,
    )
    since = shown.fields["since"].control
    assert isinstance(since, ft.TextField) and isinstance(since.suffix, ft.IconButton)
    more = shown.fields["more"].control
    assert isinstance(more, ft.TextField) and more.multiline
    assert isinstance(shown.fields["info"].control, ft.Text)
    assert "Câu hỏi có dấu * cần được trả lời." in [
        c.value for c in shown.control.controls if isinstance(c, ft.Text)
    ]


def test_answers_are_passed_on_and_problems_show_at_the_field(tmp_path: Path) -> None:
    changes: list[dict[str, Any]] = []
    shown = part(tmp_path, {}, changes)
    shown.show_problems(answer_problems(QUESTIONS, shown.answers))
    depth = shown.fields["depth"].control
    assert isinstance(depth, ft.TextField) and depth.error == "Hãy trả lời câu hỏi này."
    assert REQUIRED not in str(depth.error)  # translated, not the English marker
    shown._answer("depth", "7")
    assert depth.error is None and changes[-1] == {"depth": "7"}
    shown._answer("size", "small")
    shown._answer("size", NO_ANSWER)
    assert changes[-1] == {"depth": "7"}
    shown._answer("lanes", ["left"])
    assert changes[-1] == {"depth": "7", "lanes": ["left"]}
