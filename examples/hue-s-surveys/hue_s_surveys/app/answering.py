"""A survey's questions drawn from its data, answers read back and checked by the same rules
the server applies (`wire.answer_problems`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from hue_s.app.views.a11y import radio_of
from hue_s_surveys.app.words import N_, words
from hue_s_surveys.wire import MAX_TEXT, SCALE, Question, answer_problems

if TYPE_CHECKING:
    from hue_s.app.context import AppContext

PROBLEMS = {
    "required": N_("Please answer this."),
    "too_long": N_("This is too long."),
    "not_an_option": N_("Choose one of the answers."),
    "too_many": N_("Choose only one answer."),
    "unknown": N_("This question is not part of the survey."),
}
Input = ft.RadioGroup | ft.TextField | list[ft.Checkbox]


class SurveyForm:
    """The questions of one survey, their answers and their problems."""

    def __init__(self, ctx: AppContext, questions: list[Question]) -> None:
        """Draw one control per question."""
        self.ctx = ctx
        self.questions = questions
        self.inputs: dict[str, Input] = {}
        self.errors: dict[str, ft.Text] = {}
        self.control = ft.Column(spacing=16, controls=[self._draw(q) for q in questions])

    def _draw(self, question: Question) -> ft.Control:
        """Return the control of one question, with its error line under it."""
        label = question.label
        if not question.required:
            label = f"{label} ({words(self.ctx, N_('optional'))})"
        error = self.errors[question.name] = ft.Text(color=ft.Colors.ERROR, visible=False)
        entry: ft.Control
        if question.kind in ("single", "scale"):
            options = SCALE if question.kind == "scale" else question.options
            group = ft.RadioGroup(
                key=f"survey-{question.name}",
                content=ft.Row(wrap=True, controls=[
                    radio_of(question.label, ft.Radio(value=option, label=option))
                    for option in options
                ]),
            )  # fmt: skip
            self.inputs[question.name] = group
            entry = group
        elif question.kind == "multiple":
            boxes = [ft.Checkbox(label=option, data=option) for option in question.options]
            self.inputs[question.name] = boxes
            entry = ft.Column([*boxes], spacing=0)
        else:
            box = ft.TextField(key=f"survey-{question.name}", label=question.label,
                               max_length=MAX_TEXT, multiline=True)  # fmt: skip
            self.inputs[question.name] = box
            entry = box
        return ft.Column([ft.Text(label, weight=ft.FontWeight.BOLD), entry, error], spacing=4)

    def answers(self) -> dict[str, list[str]]:
        """Return what was answered, per question."""
        found: dict[str, list[str]] = {}
        for name, entry in self.inputs.items():
            if isinstance(entry, list):
                values = [str(box.data) for box in entry if box.value]
            else:
                values = [entry.value] if entry.value else []
            found[name] = [value for value in values if value.strip()]
        return found

    def check(self) -> bool:
        """Show each question's problem; return True when the answers may be sent."""
        problems = answer_problems(self.questions, self.answers())
        for name, error in self.errors.items():
            problem = problems.get(name)
            error.value = (
                words(self.ctx, PROBLEMS.get(problem, PROBLEMS["required"])) if problem else ""
            )
            error.visible = problem is not None
        return not problems
