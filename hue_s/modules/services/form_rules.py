"""The rules a dossier's answers are checked by, the same on the device and on the server:
which questions are shown (`shown_when`), and what is wrong with each answer (`form_problems`,
stable problem codes the app translates and the backend returns in its 422)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from hue_s.modules.services.wire import FormField

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""A date answer: YYYY-MM-DD (as JSON Schema's "date" format reads it)."""
NUMBER = re.compile(r"-?[0-9]{1,15}(\.[0-9]{1,6})?")
"""A number answer: digits, a point for decimals (no exponent, no infinity)."""


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
