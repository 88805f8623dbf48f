"""Staff write a survey question by question and publish it (officers: for their ward)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft
from pydantic import ValidationError

from hue_s.app.api.errors import HueAPIError
from hue_s.app.views.a11y import named_dropdown
from hue_s_surveys.app import resource
from hue_s_surveys.app.surveys import heading
from hue_s_surveys.app.words import KINDS, N_, is_staff, refusal, words
from hue_s_surveys.wire import Question, SurveyDraft

if TYPE_CHECKING:
    from hue_s.app.context import AppContext


async def build_publish(ctx: AppContext, params: dict[str, str]) -> ft.Control:
    """The survey writer (staff only)."""
    if not is_staff(ctx):
        return ft.Text(words(ctx, N_("Only the city's staff publish surveys.")))
    questions: list[Question] = []
    title = ft.TextField(label=words(ctx, N_("Title")), max_length=200, key="publish-title")
    about = ft.TextField(label=words(ctx, N_("What it is about (optional)")), multiline=True,
                         max_length=2000, key="publish-about")  # fmt: skip
    anonymous = ft.Switch(label=words(ctx, N_("Anonymous (one answer per device)")),
                          key="publish-anonymous")  # fmt: skip
    kind = ft.Dropdown(
        label=words(ctx, N_("Kind of question")), value="single", key="publish-kind",
        options=[ft.DropdownOption(key=k, text=words(ctx, t)) for k, t in KINDS.items()],
    )  # fmt: skip
    label = ft.TextField(label=words(ctx, N_("Question")), max_length=300, key="publish-question")
    options = ft.TextField(label=words(ctx, N_("Answers to choose from, one per line")),
                           multiline=True, min_lines=2, key="publish-options")  # fmt: skip
    added = ft.Column(spacing=4, key="publish-added")
    problem = ft.Text("", color=ft.Colors.ERROR, key="publish-problem")

    def add(event: ft.Event[ft.OutlinedButton]) -> None:
        lines = [line.strip() for line in (options.value or "").splitlines() if line.strip()]
        try:
            question = Question(
                name=f"q{len(questions) + 1}", kind=kind.value or "single",  # type: ignore[arg-type]
                label=(label.value or "").strip(),
                options=lines if kind.value in ("single", "multiple") else [],
            )  # fmt: skip
        except ValidationError:
            problem.value = words(ctx, N_(
                "Write the question; a choice needs two different answers or more."
            ))  # fmt: skip
            return
        questions.append(question)
        kind_name = words(ctx, KINDS[question.kind])
        added.controls.append(ft.Text(f"{len(questions)}. {question.label} ({kind_name})"))
        label.value, options.value, problem.value = "", "", ""

    async def publish(event: ft.Event[ft.Button]) -> None:
        try:
            draft = SurveyDraft(title=(title.value or "").strip(), questions=questions,
                                description=(about.value or "").strip(),
                                anonymous=bool(anonymous.value))  # fmt: skip
        except ValidationError:
            problem.value = words(ctx, N_("Write a title and add at least one question."))
            return
        try:
            survey = await resource.publish(ctx, draft)
        except HueAPIError as error:
            problem.value = refusal(ctx, error)
            return
        await ctx.page.push_route(f"/surveys/{survey.id}")

    return ft.Column(
        [heading(words(ctx, N_("Publish a survey"))), title, about, anonymous, added,
         named_dropdown(kind, words(ctx, N_("Kind of question"))), label, options,
         ft.OutlinedButton(words(ctx, N_("Add the question")), icon=ft.Icons.ADD,
                           on_click=add, key="publish-add"),
         problem,
         ft.FilledButton(words(ctx, N_("Publish")), icon=ft.Icons.SEND, on_click=publish,
                         key="publish-send")],
        spacing=12, key="publish-page",
    )  # fmt: skip
