"""A category's extra questions (Open311 attributes): which the form asks, checks and sends.

The checks here agree with the reference backend's (`backend/cases/submission.py`): a number
is what `float()` reads, a date and time what `datetime.fromisoformat()` reads, a list answer one
of the listed keys, any answer at most 1000 characters, a required one never empty. The app is
stricter only where the backend would accept nonsense ("nan"), and more lenient only in what it
lets people type ("2,5", "26/11/2026 08:30"), which it turns into the backend's form.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import datetime

from hue_s.app.i18n import N_
from hue_s.modules.incidents.app.models import ServiceAttribute, ServiceDefinition

Answer = str | list[str]
Answers = dict[str, Answer]

FORM_OWNED = frozenset({"ward_code", "hide_name"})
"""Attributes the form asks in its own way (the place picker, the "hide my name" box)."""
LIST_TYPES = frozenset({"singlevaluelist", "multivaluelist"})
MAX_ANSWER = 1000
DATE_FORMATS = ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y", "%d-%m-%Y %H:%M", "%d-%m-%Y")
"""How people in Vietnam write a date (and time); ISO 8601 is read as well."""

REQUIRED = N_("Answer this question.")
NOT_A_NUMBER = N_("Write a number, for example 3 or 2.5.")
NOT_A_DATE = N_("Write a date as day/month/year, with the time if you know it: 26/11/2026 08:30.")
NOT_LISTED = N_("Choose one of the answers shown.")
TOO_LONG = N_("The answer is too long (at most 1000 characters).")
QUESTIONS_UNANSWERED = N_("Some questions about this kind of problem need an answer (see above).")


def asked(definition: ServiceDefinition) -> list[ServiceAttribute]:
    """Return the attributes the questions part of the form shows, in order."""
    shown = [a for a in definition.attributes if a.code not in FORM_OWNED]
    return sorted(shown, key=lambda attribute: attribute.order)


def is_empty(answer: Answer | None) -> bool:
    """Say whether nothing was answered."""
    if answer is None:
        return True
    if isinstance(answer, list):
        return not answer
    return not answer.strip()


def number_value(text: str) -> str | None:
    """Return a typed number the way the backend reads it ("2,5" -> "2.5"), None if not one."""
    cleaned = text.strip().replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return cleaned if math.isfinite(value) and "_" not in cleaned else None


def datetime_value(text: str) -> str | None:
    """Return a typed date (and time) as ISO 8601 ("2026-11-26T08:30:00"), None if not one."""
    cleaned = " ".join(text.split())
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, pattern).isoformat()
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(cleaned).isoformat()
    except ValueError:
        return None


def answer_problem(question: ServiceAttribute, answer: Answer | None) -> str | None:
    """Return what is wrong with one answer (a gettext marker), or None when it may be sent."""
    if not question.variable:
        return None
    if is_empty(answer):
        return REQUIRED if question.required else None
    assert answer is not None
    keys = {value.key for value in question.values}
    values = answer if isinstance(answer, list) else [answer]
    if question.datatype in LIST_TYPES:
        if not set(values) <= keys or (question.datatype == "singlevaluelist" and len(values) > 1):
            return NOT_LISTED
        return None
    single = values[-1]
    if len(single) > MAX_ANSWER:
        return TOO_LONG
    if question.datatype == "number" and number_value(single) is None:
        return NOT_A_NUMBER
    if question.datatype == "datetime" and datetime_value(single) is None:
        return NOT_A_DATE
    return None


def answer_problems(
    questions: Iterable[ServiceAttribute], answers: Mapping[str, Answer]
) -> dict[str, str]:
    """Return the problems of the answers, by question code (empty: all may be sent)."""
    found: dict[str, str] = {}
    for question in questions:
        problem = answer_problem(question, answers.get(question.code))
        if problem is not None:
            found[question.code] = problem
    return found


def wire_value(question: ServiceAttribute, answer: Answer) -> Answer:
    """Return an answer as the backend reads it (numbers with a dot, dates in ISO 8601)."""
    if isinstance(answer, list):
        return list(answer)
    text = answer.strip()
    if question.datatype == "number":
        return number_value(text) or text
    if question.datatype == "datetime":
        return datetime_value(text) or text
    return text


def answer_fields(
    questions: Iterable[ServiceAttribute], answers: Mapping[str, Answer]
) -> dict[str, Answer]:
    """Return the GeoReport form fields of the answers: attribute[code] (lists: [code][])."""
    fields: dict[str, Answer] = {}
    for question in questions:
        answer = answers.get(question.code)
        if not question.variable or question.code in FORM_OWNED or is_empty(answer):
            continue
        assert answer is not None
        value = wire_value(question, answer)
        if question.datatype == "multivaluelist":
            fields[f"attribute[{question.code}][]"] = value if isinstance(value, list) else [value]
        else:
            fields[f"attribute[{question.code}]"] = value[-1] if isinstance(value, list) else value
    return fields


def answer_text(question: ServiceAttribute, answer: Answer) -> str:
    """Return an answer as the preview shows it (list keys become their names)."""
    names = {value.key: value.name for value in question.values}
    values = answer if isinstance(answer, list) else [answer]
    return ", ".join(names.get(value, value) for value in values)
