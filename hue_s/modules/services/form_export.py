"""A procedure's form given to others: as a JSON Schema (draft 2020-12) document that accepts
the answers `wire.form_problems` accepts, and as readable lines (question: answer) for staff,
the confirmation and the result document.

The schema reads answers as the app sends them: trimmed, without empty ones. Two rules it
cannot say are kept as annotations: a number's bounds (`x-minimum`, `x-maximum`: answers are
texts) and that a text of spaces counts as no answer.
"""

from __future__ import annotations

from typing import Any

from hue_s.modules.services.wire import ISO_DATE, NUMBER, FormField

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def form_json_schema(form: list[FormField], title: str | None = None) -> dict[str, Any]:
    """Return the JSON Schema of a form's answers (draft 2020-12)."""
    schema: dict[str, Any] = {"$schema": DRAFT}
    if title:
        schema["title"] = title
    return schema | level_schema(form)


def level_schema(fields: list[FormField]) -> dict[str, Any]:
    """Return the object schema of one level: the form, or one item of a group."""
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {field.name: field_schema(field) for field in fields},
        "additionalProperties": False,
    }
    required = [field.name for field in fields if needed(field) and field.shown_when is None]
    if required:
        schema["required"] = required
    rules = [condition_schema(field) for field in fields if field.shown_when is not None]
    if rules:
        schema["allOf"] = rules
    return schema


def needed(field: FormField) -> bool:
    """Say whether a shown question must be answered (a group: with at least one item)."""
    return field.min_items > 0 if field.kind == "group" else field.required


def condition_schema(field: FormField) -> dict[str, Any]:
    """Return the rule of a conditional question: answered as asked when its condition
    holds, absent otherwise."""
    assert field.shown_when is not None
    rule = field.shown_when
    holds = {"properties": {rule.field: {"enum": rule.equals}}, "required": [rule.field]}
    then: dict[str, Any] = {"required": [field.name]} if needed(field) else {}
    return {"if": holds, "then": then, "else": {"not": {"required": [field.name]}}}


def field_schema(field: FormField) -> dict[str, Any]:
    """Return the schema of one answer."""
    schema: dict[str, Any] = {"title": field.label}
    if field.kind == "group":
        items = level_schema(field.fields)
        if field.item_label:
            items["title"] = field.item_label
        return schema | {
            "type": "array",
            "minItems": field.min_items,
            "maxItems": field.max_items,
            "items": items,
        }
    schema["type"] = "string"
    if field.max_length is not None:
        schema["maxLength"] = field.max_length
    if field.kind == "date":
        schema |= {"format": "date", "pattern": f"^{ISO_DATE.pattern}$"}
    elif field.kind == "choice":
        schema["oneOf"] = [{"const": o.value, "title": o.label} for o in field.options]
    elif field.kind == "number":
        schema["pattern"] = f"^{NUMBER.pattern}$"
        if field.minimum is not None:
            schema["x-minimum"] = field.minimum
        if field.maximum is not None:
            schema["x-maximum"] = field.maximum
    return schema


def answer_texts(form: list[FormField], answers: dict[str, Any]) -> list[tuple[str, str]]:
    """Return (question, answer) pairs in the form's order, choices by their label, dates as
    day/month/year, a group one pair per item ("Cha hoặc mẹ 1", "Họ và tên: An; Năm sinh:
    1990"); answers to questions the form no longer has come last under their names."""
    pairs: list[tuple[str, str]] = []
    for field in form:
        value = answers.get(field.name)
        if value in (None, "", []):
            continue
        if field.kind == "group" and isinstance(value, list):
            named = field.item_label or field.label
            for index, item in enumerate(value):
                inner = answer_texts(field.fields, item) if isinstance(item, dict) else []
                said = "; ".join(f"{label}: {text}" for label, text in inner) or "—"
                pairs.append((f"{named} {index + 1}", said))
            continue
        pairs.append((field.label, shown_value(field, value)))
    known = {field.name for field in form}
    pairs += [(name, str(value)) for name, value in answers.items() if name not in known]
    return pairs


def shown_value(field: FormField, value: Any) -> str:
    """Return an answer as people read it: a choice by its label, a date as day/month/year
    (as the form asks it); else as it is."""
    if field.kind == "date" and isinstance(value, str) and ISO_DATE.fullmatch(value):
        return "/".join(reversed(value.split("-")))
    return next((o.label for o in field.options if o.value == value), str(value))
