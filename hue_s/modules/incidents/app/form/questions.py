"""The questions part of the report form: a category's extra questions, each by its datatype."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import flet as ft

from hue_s.app.api.errors import HueAPIError
from hue_s.app.context import AppContext
from hue_s.app.views.a11y import radio_of
from hue_s.app.views.errors import describe_error
from hue_s.modules.incidents.app.draft import IncidentDraft
from hue_s.modules.incidents.app.models import ServiceAttribute
from hue_s.modules.incidents.app.questions import (
    MAX_ANSWER,
    Answer,
    Answers,
    asked,
    datetime_value,
)
from hue_s.modules.incidents.app.session import IncidentsSession

NO_ANSWER = ""
"""The radio value of "no answer" in an optional single choice."""


@dataclass
class QuestionField:
    """One question on screen: its control and how to show a problem at it."""

    control: ft.Control
    show_problem: Callable[[str | None], None]


def question_label(question: ServiceAttribute) -> str:
    """Return the question as the form shows it, with a star when an answer is required."""
    text = question.description or question.code
    return f"{text} *" if question.required else text


class QuestionsPart:
    """Shows the questions of the chosen category and keeps their answers as they change."""

    def __init__(
        self,
        ctx: AppContext,
        on_change: Callable[[Answers], object],
        on_retry: Callable[[], object],
    ) -> None:
        """Start empty; `on_change(answers)` runs after every change of an answer."""
        self.ctx = ctx
        self._on_change = on_change
        self._on_retry = on_retry
        self.answers: Answers = {}
        self.fields: dict[str, QuestionField] = {}
        self.control = ft.Column(
            key="incident-questions",
            spacing=12,
            visible=False,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        )

    async def fetch(
        self, session: IncidentsSession, draft: IncidentDraft
    ) -> tuple[list[ServiceAttribute], Answers] | None:
        """Return the draft's category questions (cached per session; offline, those it kept)
        and the answers to those still asked; None (and a "try again") when there are none."""
        questions: list[ServiceAttribute] = []
        if draft.service_code:
            try:
                questions = asked(await session.definition(draft.service_code))
            except HueAPIError as error:
                if not draft.questions:
                    self.show_unavailable(describe_error(self.ctx, error))
                    return None
                questions = draft.questions
        codes = {question.code for question in questions}
        return questions, {key: value for key, value in draft.answers.items() if key in codes}

    def show(self, questions: list[ServiceAttribute], answers: Answers) -> None:
        """Draw `questions` with their `answers` (nothing when there are none)."""
        _ = self.ctx._
        self.answers = dict(answers)
        self.fields = {q.code: self._field(q) for q in questions}
        header: list[ft.Control] = [
            ft.Text(_("About this problem"), theme_style=ft.TextThemeStyle.TITLE_SMALL)
        ]
        if any(q.required and q.variable for q in questions):
            header.append(
                ft.Text(
                    _("Questions marked * need an answer."),
                    theme_style=ft.TextThemeStyle.BODY_SMALL,
                )
            )
        self.control.controls = header + [field.control for field in self.fields.values()]
        self.control.visible = bool(questions)

    def show_unavailable(self, reason: str) -> None:
        """Say that the questions could not be loaded, with a way to try again."""
        _ = self.ctx._
        self.fields = {}
        self.control.controls = [
            ft.Text(
                _("The questions about this kind of problem could not be loaded: {reason}").format(
                    reason=reason
                ),
                key="incident-questions-unavailable",
                theme_style=ft.TextThemeStyle.BODY_SMALL,
            ),
            ft.TextButton(
                key="incident-questions-retry",
                content=_("Load the questions again"),
                icon=ft.Icons.REFRESH,
                on_click=lambda _event: self._on_retry(),
            ),
        ]
        self.control.visible = True

    def show_problems(self, problems: dict[str, str]) -> None:
        """Show each answer's problem (a gettext marker) at its question; clear the others."""
        for code, field in self.fields.items():
            problem = problems.get(code)
            field.show_problem(self.ctx._(problem) if problem else None)

    def _answer(self, code: str, answer: Answer) -> None:
        """Keep a changed answer, clear the problem shown at it, and pass the answers on."""
        if answer in ("", []):
            self.answers.pop(code, None)
        else:
            self.answers[code] = answer
        field = self.fields.get(code)
        if field is not None:
            field.show_problem(None)
        self._on_change(dict(self.answers))

    def _field(self, question: ServiceAttribute) -> QuestionField:
        """Return the control of one question, by its datatype."""
        if not question.variable:
            note = ft.Text(
                question.description or "", theme_style=ft.TextThemeStyle.BODY_SMALL, italic=True
            )
            return QuestionField(note, lambda _problem: None)
        if question.datatype == "singlevaluelist":
            return self._single_choice(question)
        if question.datatype == "multivaluelist":
            return self._multiple_choice(question)
        return self._text_field(question)

    def _text_field(self, question: ServiceAttribute) -> QuestionField:
        """Return a text field for a string, text, number or datetime question."""
        _ = self.ctx._
        answer = self.answers.get(question.code)
        field = ft.TextField(
            key=f"incident-question-{question.code}",
            label=question_label(question),
            value=answer if isinstance(answer, str) else "",
            max_length=None if question.datatype in ("number", "datetime") else MAX_ANSWER,
            multiline=question.datatype == "text",
            min_lines=2 if question.datatype == "text" else 1,
            on_change=lambda event: self._answer(question.code, event.control.value or ""),
        )
        if question.datatype == "number":
            field.keyboard_type = ft.KeyboardType.NUMBER
            field.hint_text = _("A number, for example 3")
        elif question.datatype == "datetime":
            field.keyboard_type = ft.KeyboardType.DATETIME
            field.hint_text = _("Day/month/year and time, for example 26/11/2026 08:30")
            field.suffix = ft.IconButton(
                icon=ft.Icons.CALENDAR_MONTH,
                tooltip=_("Choose the day"),
                on_click=lambda _event: self._pick_day(question, field),
            )

        def show_problem(problem: str | None) -> None:
            """Show the problem under the field."""
            field.error = problem

        return QuestionField(field, show_problem)

    def _pick_day(self, question: ServiceAttribute, field: ft.TextField) -> None:
        """Open a calendar; the chosen day replaces the field's day and keeps its time."""

        def picked(event: ft.Event[ft.DatePicker]) -> None:
            """Write the chosen day into the field."""
            day = event.control.value
            if not isinstance(day, datetime):
                return
            typed = datetime_value(field.value or "")
            clock = datetime.fromisoformat(typed).strftime(" %H:%M") if typed else ""
            field.value = day.strftime("%d/%m/%Y") + clock
            self._answer(question.code, field.value)
            field.update()

        self.ctx.page.show_dialog(ft.DatePicker(on_change=picked, last_date=datetime.now()))

    def _single_choice(self, question: ServiceAttribute) -> QuestionField:
        """Return radio buttons for one answer among a list (optional ones may stay unanswered)."""
        _ = self.ctx._
        answer = self.answers.get(question.code)
        choices: list[ft.Control] = [
            radio_of(question_label(question), ft.Radio(value=value.key, label=value.name))
            for value in question.values
        ]
        if not question.required:
            no_answer = ft.Radio(value=NO_ANSWER, label=_("No answer"))
            choices.append(radio_of(question_label(question), no_answer))
        group = ft.RadioGroup(
            key=f"incident-question-{question.code}",
            value=answer if isinstance(answer, str) and answer else NO_ANSWER,
            content=ft.Row(choices, wrap=True, spacing=4, run_spacing=0),
            on_change=lambda event: self._answer(question.code, event.control.value or ""),
        )
        return self._listed(question, group)

    def _multiple_choice(self, question: ServiceAttribute) -> QuestionField:
        """Return a checkbox per answer of a list where several may be chosen."""
        answer = self.answers.get(question.code)
        chosen = set(answer if isinstance(answer, list) else [])
        keys = [value.key for value in question.values]

        def toggled(event: ft.Event[ft.Checkbox]) -> None:
            """Keep the ticked answers in the list's order."""
            ticked = {box.data for box in boxes if box.value}
            self._answer(question.code, [key for key in keys if key in ticked])

        boxes = [
            ft.Checkbox(label=value.name, value=value.key in chosen, data=value.key)
            for value in question.values
        ]
        for box in boxes:
            box.on_change = toggled
        row = ft.Row(list[ft.Control](boxes), key=f"incident-question-{question.code}", wrap=True)
        return self._listed(question, row)

    def _listed(self, question: ServiceAttribute, choices: ft.Control) -> QuestionField:
        """Return a list question: its text, its choices and a line for its problem."""
        problem = ft.Text(
            color=ft.Colors.ERROR, theme_style=ft.TextThemeStyle.BODY_SMALL, visible=False
        )

        def show_problem(message: str | None) -> None:
            """Show the problem under the choices."""
            problem.value, problem.visible = message or "", bool(message)

        column = ft.Column(
            spacing=2, controls=[ft.Text(question_label(question)), choices, problem]
        )
        return QuestionField(column, show_problem)
