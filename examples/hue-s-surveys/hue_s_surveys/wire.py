"""Surveys and ideas as they travel between the module's app and backend, and the one check of
a survey's answers, the same on the device and on the server.

A survey's questions are data (single choice, multiple choice, a 1-5 scale, short text). The
check reuses public services' form engine (`hue_s.modules.services.wire.form_problems`), the
host's dynamic-form rules, for each answered value.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from hue_s.modules.services.wire import FormField, Option, form_problems

QuestionKind = Literal["single", "multiple", "scale", "text"]
SurveyStatus = Literal["open", "closed"]
SCALE = ("1", "2", "3", "4", "5")
DEVICE_HEADER = "X-Device-Id"
"""The answering device's id: needed (and only used) for anonymous surveys."""
MAX_TEXT = 500
"""The longest short-text answer."""


class Question(BaseModel):
    """One question of a survey; choices list their options (the scale's are 1 to 5)."""

    name: str = Field(pattern=r"^[a-z0-9_]{1,30}$")
    kind: QuestionKind
    label: str = Field(min_length=1, max_length=300)
    options: list[str] = Field(default_factory=list, max_length=12)
    required: bool = True

    @model_validator(mode="after")
    def options_fit_the_kind(self) -> Question:
        """Choices need two distinct options or more; other kinds have none of their own."""
        if self.kind in ("single", "multiple"):
            if len(self.options) < 2 or len(set(self.options)) != len(self.options):
                raise ValueError("a choice needs two distinct options or more")
            if any(not option.strip() or len(option) > 200 for option in self.options):
                raise ValueError("an option is empty or too long")
        elif self.options:
            raise ValueError("only choices have options")
        return self


class SurveyDraft(BaseModel):
    """What staff publish; an anonymous survey takes one answer per device, not per account."""

    title: str = Field(min_length=3, max_length=200)
    description: str = Field(default="", max_length=2000)
    questions: list[Question] = Field(min_length=1, max_length=30)
    anonymous: bool = False
    ward_code: str | None = Field(default=None, max_length=5)
    """Whose people it asks (None: the whole city)."""

    @model_validator(mode="after")
    def names_are_distinct(self) -> SurveyDraft:
        """Each question has a name of its own."""
        names = [question.name for question in self.questions]
        if len(set(names)) != len(names):
            raise ValueError("two questions share a name")
        return self


class Survey(SurveyDraft):
    """A published survey, with how many answered it and whether the caller did."""

    id: int
    status: SurveyStatus
    opened_at: datetime
    closed_at: datetime | None = None
    respondents: int = 0
    answered: bool = False
    """Whether the caller (their account, or their device for an anonymous survey) answered."""


class SurveyAnswer(BaseModel):
    """One person's answers, by question name (a list: one value, or several for multiple)."""

    answers: dict[str, list[str]]


class OptionCount(BaseModel):
    """How many chose one option (or one point of the scale)."""

    option: str
    count: int


class QuestionResult(BaseModel):
    """One question's results: counts per option, or the short texts written."""

    name: str
    label: str
    kind: QuestionKind
    counts: list[OptionCount] = Field(default_factory=list)
    texts: list[str] = Field(default_factory=list)


class SurveyResults(BaseModel):
    """A closed survey's results."""

    survey: Survey
    questions: list[QuestionResult]


class IdeaDraft(BaseModel):
    """A resident's proposal for their ward."""

    title: str = Field(min_length=5, max_length=150)
    body: str = Field(min_length=10, max_length=3000)
    ward_code: str = Field(min_length=5, max_length=5)


class Idea(BaseModel):
    """An idea as shown: no name nor phone of its author, only the ward."""

    id: int
    title: str
    body: str
    ward_code: str
    ward_name: str
    created_at: datetime
    supporters: int
    answer: str | None = None
    answered_at: datetime | None = None
    hidden: bool = False
    hidden_reason: str | None = None
    """Why staff hid it: shown to its author and to staff only."""
    mine: bool = False
    supported: bool = False
    """Whether the caller supports it."""


class StaffText(BaseModel):
    """Staff's answer to an idea, or their reason to hide it."""

    text: str = Field(min_length=3, max_length=2000)


def form_field(question: Question) -> FormField:
    """Return the services form field that checks one value of a question."""
    if question.kind == "text":
        return FormField(name=question.name, kind="text", label=question.label,
                         max_length=MAX_TEXT)  # fmt: skip
    options = SCALE if question.kind == "scale" else question.options
    return FormField(
        name=question.name, kind="choice", label=question.label,
        options=[Option(value=option, label=option) for option in options],
    )  # fmt: skip


def answer_problems(questions: list[Question], answers: dict[str, list[str]]) -> dict[str, str]:
    """Return, per question, what is wrong with the answers (empty: acceptable). Codes: those
    of `form_problems` (required, too_long, not_an_option, unknown) and too_many."""
    problems = {name: "unknown" for name in answers if name not in {q.name for q in questions}}
    for question in questions:
        values = [value.strip() for value in answers.get(question.name, []) if value.strip()]
        if not values:
            if question.required:
                problems[question.name] = "required"
            continue
        if question.kind != "multiple" and len(values) > 1:
            problems[question.name] = "too_many"
            continue
        if len(set(values)) != len(values):
            problems[question.name] = "too_many"
            continue
        field = form_field(question)
        for value in values:
            found = form_problems([field], {question.name: value})
            if found:
                problems[question.name] = found[question.name]
                break
    return problems
