"""A procedure's online form as data, and the one check of its answers, on the device and on
the server (and in other modules' forms: the surveys distribution checks its answers with it).

A form is questions (`FormField`), some shown only when a sibling question has one of some
answers (`shown_when`), and groups of questions answered once per item (a list of people,
`kind="group"`, between `min_items` and `max_items` items). Answers are texts by question name,
a group's a list of such dicts. An answer to a question that is hidden is refused (`hidden`):
the app drops them before sending (it keeps them in the draft, in case the answer comes back).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from pydantic import Field, model_validator

from hue_s.modules.services.wire.base import Wire

FieldKind = Literal["text", "date", "choice", "number", "group"]
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""A date answer: YYYY-MM-DD (as JSON Schema's "date" format reads it)."""
NUMBER = re.compile(r"-?[0-9]{1,15}(\.[0-9]{1,6})?")
"""A number answer: digits, a point for decimals (no exponent, no infinity)."""
MAX_ITEMS = 20
"""The most items a group may have (a household, a list of people)."""


class Option(Wire):
    """One answer of a choice field."""

    value: str
    label: str


class Condition(Wire):
    """When a question is shown: another question of the same level (the form, or the same
    group item) has one of these answers."""

    field: str
    equals: list[str]


class FormField(Wire):
    """One question of a procedure's online form, or a group of questions asked per item."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")
    kind: FieldKind
    label: str
    required: bool = False
    max_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    options: list[Option] = Field(default_factory=list)
    shown_when: Condition | None = None
    """Shown only when this holds; hidden, it may not be answered (`hidden`)."""
    fields: list[FormField] = Field(default_factory=list)
    """A group's questions, asked once per item (no group inside a group)."""
    min_items: int = Field(default=0, ge=0)
    max_items: int = Field(default=MAX_ITEMS, ge=1, le=MAX_ITEMS)
    item_label: str | None = None
    """What one item is ("Cha hoặc mẹ"): items read as "<item_label> 1", "... 2"."""

    @model_validator(mode="after")
    def _consistent(self) -> FormField:
        """Refuse a group without questions or inside a group, and conditions on unknowns."""
        if self.kind == "group":
            if not self.fields or any(sub.kind == "group" for sub in self.fields):
                raise ValueError(f"group {self.name}: questions, and no group inside")
            if self.min_items > self.max_items:
                raise ValueError(f"group {self.name}: min_items > max_items")
            check_conditions(self.fields)
        return self


def check_conditions(fields: list[FormField]) -> None:
    """Raise ValueError when a condition names no question of its level, or a group."""
    kinds = {field.name: field.kind for field in fields}
    for field in fields:
        if field.shown_when is not None:
            if kinds.get(field.shown_when.field) in (None, "group"):
                raise ValueError(f"{field.name}: shown_when names no question of its level")
            if field.shown_when.field == field.name:
                raise ValueError(f"{field.name}: shown_when names itself")


def shown(field: FormField, fields: list[FormField], answers: dict[str, Any]) -> bool:
    """Say whether a question is shown: it has no condition, or the question it names is
    shown and answered with one of the condition's values."""
    by_name = {item.name: item for item in fields}
    seen: set[str] = set()
    current: FormField | None = field
    while current is not None and current.shown_when is not None:
        if current.name in seen:
            return False  # a loop of conditions: never shown
        seen.add(current.name)
        rule = current.shown_when
        value = answers.get(rule.field)
        if not isinstance(value, str) or value.strip() not in rule.equals:
            return False
        current = by_name.get(rule.field)
    return True


def form_problems(form: list[FormField], answers: dict[str, Any]) -> dict[str, str]:
    """Return, per question, what is wrong with the answers (empty: acceptable); same on
    both sides. A group item's question is named `<group>.<index>.<question>`. Messages are
    stable codes: required, too_long, not_a_date, not_an_option, not_a_number, too_small,
    too_large, unknown (no such question), hidden (present while its condition is not met),
    not_a_text (a list for a question), not_a_list (a text for a group), not_an_item (an item
    that is not an object), too_few, too_many (items of a group)."""
    problems: dict[str, str] = {}
    known = {field.name for field in form}
    for name in answers:
        if name not in known:
            problems[name] = "unknown"
    for field in form:
        value = answers.get(field.name)
        if not shown(field, form, answers):
            if field.name in answers:  # even empty: the app sends no hidden question
                problems[field.name] = "hidden"
            continue
        if field.kind == "group":
            problems.update(group_problems(field, value))
            continue
        if value is not None and not isinstance(value, str):
            problems[field.name] = "not_a_text"
            continue
        text = (value or "").strip()
        if not text:
            if field.required:
                problems[field.name] = "required"
            continue
        problem = value_problem(field, text)
        if problem:
            problems[field.name] = problem
    return problems


def group_problems(group: FormField, value: Any) -> dict[str, str]:
    """Return the problems of a group's answer: a list of items, each checked as a form."""
    if value is None:
        value = []
    if not isinstance(value, list):
        return {group.name: "not_a_list"}
    if len(value) < group.min_items:
        return {group.name: "too_few"}
    if len(value) > group.max_items:
        return {group.name: "too_many"}
    problems: dict[str, str] = {}
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            problems[f"{group.name}.{index}"] = "not_an_item"
            continue
        for name, problem in form_problems(group.fields, item).items():
            problems[f"{group.name}.{index}.{name}"] = problem
    return problems


def value_problem(field: FormField, value: str) -> str | None:
    """Return what is wrong with one non-empty answer, or None."""
    if field.max_length is not None and len(value) > field.max_length:
        return "too_long"
    if field.kind == "date":
        if not ISO_DATE.fullmatch(value):
            return "not_a_date"
        try:
            date.fromisoformat(value)
        except ValueError:
            return "not_a_date"
    elif field.kind == "choice" and value not in {option.value for option in field.options}:
        return "not_an_option"
    elif field.kind == "number":
        if not NUMBER.fullmatch(value):
            return "not_a_number"
        number = float(value)
        if field.minimum is not None and number < field.minimum:
            return "too_small"
        if field.maximum is not None and number > field.maximum:
            return "too_large"
    return None
