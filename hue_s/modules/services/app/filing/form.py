"""A procedure's form drawn from its description: text, dates, choices, numbers, groups of
questions asked per item (cards with "add another" and "remove"), and questions shown only
while another answer has some value; answers read back and checked by the same rules the
server applies (`wire.form_problems`). Controls' keys: `form-<name>`, in a group's item
`form-<group>-<index>-<name>`, and `form-<group>-add`, `form-<group>-<index>-remove`."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import flet as ft

from hue_s.app.context import AppContext
from hue_s.app.i18n import N_
from hue_s.app.views.a11y import radio_of
from hue_s.modules.services.wire import FormField, form_problems, shown

PROBLEMS = {
    "required": N_("Please answer this."),
    "too_long": N_("This is too long."),
    "not_a_date": N_("Write a date as day/month/year, e.g. 20/11/2026."),
    "not_an_option": N_("Choose one of the answers."),
    "not_a_number": N_("Write a number."),
    "too_small": N_("This number is too small."),
    "too_large": N_("This number is too large."),
    "unknown": N_("This question is not part of the form."),
    "hidden": N_("This question does not apply to your other answers."),
    "too_few": N_("Add at least {min}."),
    "too_many": N_("At most {max} may be given."),
    "not_a_text": N_("Write this as a text."),
    "not_a_list": N_("This part is a list."),
    "not_an_item": N_("This part is a list."),
}
DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
Typed = dict[str, Any]
"""What is typed at one level: texts by name, a group's as a list of such dicts."""


def iso_day(text: str) -> str:
    """Return "20/11/2026" as "2026-11-20"; other texts as they are."""
    found = DAY_MONTH_YEAR.match(text)
    if not found:
        return text.strip()
    day, month, year = found.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


class Questions:
    """The questions of one level (the form, or one item of a group) and their controls."""

    def __init__(
        self, ctx: AppContext, fields: list[FormField], key: str, on_change: Callable[[], None]
    ) -> None:
        """Draw one control per question, keyed `<key>-<name>`."""
        self.ctx, self.fields, self.key, self.on_change = ctx, fields, key, on_change
        self.inputs: dict[str, ft.TextField | ft.RadioGroup] = {}
        self.errors: dict[str, ft.Text] = {}
        self.groups: dict[str, Group] = {}
        self.blocks: dict[str, ft.Control] = {}
        self.controls = [self._draw(field) for field in fields]
        self.refresh()

    def _draw(self, field: FormField) -> ft.Control:
        """Return the control of one question."""
        _ = self.ctx._
        key = f"{self.key}-{field.name}"
        if field.kind == "group":
            group = self.groups[field.name] = Group(self.ctx, field, key, self.on_change)
            block: ft.Control = group.control
        elif field.kind == "choice":
            radios = ft.RadioGroup(
                key=key,
                on_change=self._changed,
                content=ft.Row(
                    wrap=True,
                    controls=[
                        radio_of(field.label, ft.Radio(value=option.value, label=option.label))
                        for option in field.options
                    ],
                ),
            )
            self.inputs[field.name] = radios
            error = self.errors[field.name] = ft.Text(color=ft.Colors.ERROR, visible=False)
            block = ft.Column([ft.Text(self._label(field)), radios, error], spacing=4)
        else:
            block = self.inputs[field.name] = ft.TextField(
                key=key,
                label=self._label(field),
                max_length=field.max_length,
                hint_text=_("day/month/year") if field.kind == "date" else None,
                keyboard_type=ft.KeyboardType.NUMBER
                if field.kind == "number"
                else ft.KeyboardType.TEXT,
                on_change=self._changed,
            )
        self.blocks[field.name] = block
        return block

    def _label(self, field: FormField) -> str:
        """Return a question's label, saying when it may be left empty."""
        return field.label if field.required else f"{field.label} ({self.ctx._('optional')})"

    def _changed(self) -> None:
        """Show the questions the answers call for, then tell the listener."""
        self.refresh()
        self.on_change()

    def refresh(self) -> None:
        """Show each question only while its condition holds."""
        values = {name: (control.value or "") for name, control in self.inputs.items()}
        for field in self.fields:
            self.blocks[field.name].visible = shown(field, self.fields, values)

    def typed(self) -> Typed:
        """Return what is typed or chosen, hidden questions too (for a draft)."""
        found: Typed = {n: c.value for n, c in self.inputs.items() if c.value}
        found |= {name: group.typed() for name, group in self.groups.items() if group.items}
        return found

    def restore(self, typed: Typed) -> None:
        """Put back what a draft kept."""
        for name, value in typed.items():
            if name in self.inputs and isinstance(value, str):
                self.inputs[name].value = value
            elif name in self.groups and isinstance(value, list):
                self.groups[name].restore([item for item in value if isinstance(item, dict)])
        self.refresh()

    def answers(self) -> Typed:
        """Return the answers to the questions shown, non-empty, dates as the server reads
        them; a group's items each as such answers."""
        found: Typed = {}
        values = {name: (control.value or "") for name, control in self.inputs.items()}
        for field in self.fields:
            if not shown(field, self.fields, values):
                continue
            if field.kind == "group":
                items = [item.answers() for item in self.groups[field.name].items]
                if items:
                    found[field.name] = items
                continue
            value = (self.inputs[field.name].value or "").strip()
            if value:
                found[field.name] = iso_day(value) if field.kind == "date" else value
        return found

    def show_problems(self, problems: dict[str, str], prefix: str = "") -> None:
        """Show each question's problem (`prefix`: where this level is in the answers)."""
        for field in self.fields:
            problem = problems.get(prefix + field.name)
            message = self.ctx._(PROBLEMS[problem]) if problem else None
            if message:
                message = message.format(min=field.min_items, max=field.max_items)
            if field.kind == "group":
                self.groups[field.name].show_problems(problems, message, prefix + field.name)
                continue
            control = self.inputs[field.name]
            if isinstance(control, ft.TextField):
                control.error = message
            else:
                self.errors[field.name].value = message or ""
                self.errors[field.name].visible = bool(message)


class Group:
    """A group's items, each a card of the group's questions, between its least and most."""

    def __init__(
        self, ctx: AppContext, field: FormField, key: str, on_change: Callable[[], None]
    ) -> None:
        """Draw the group with its least number of items."""
        _ = ctx._
        self.ctx, self.field, self.key, self.on_change = ctx, field, key, on_change
        self.items: list[Questions] = []
        self.cards = ft.Column(spacing=8)
        self.error = ft.Text(color=ft.Colors.ERROR, visible=False)
        self.add_button = ft.OutlinedButton(
            key=f"{key}-add", content=_("Add another"), icon=ft.Icons.PERSON_ADD, on_click=self.add
        )
        self.control = ft.Column(
            [ft.Text(field.label, weight=ft.FontWeight.W_500), self.cards, self.error],
            spacing=8,
        )
        self.control.controls.append(self.add_button)
        self.restore([{} for _index in range(field.min_items)])

    def add(self) -> None:
        """Add an empty item (up to the most the group allows)."""
        if len(self.items) < self.field.max_items:
            self.restore([*self.typed(), {}])
            self.on_change()

    def remove(self, index: int) -> None:
        """Remove an item (never below the least the group needs)."""
        kept = self.typed()
        if len(kept) > self.field.min_items:
            del kept[index]
            self.restore(kept)
            self.on_change()

    def typed(self) -> list[Typed]:
        """Return what each item has typed."""
        return [item.typed() for item in self.items]

    def restore(self, typed: list[Typed]) -> None:
        """Draw the items anew with what they had typed (numbered from 1, keys from 0)."""
        count = max(self.field.min_items, min(len(typed), self.field.max_items))
        typed = (typed + [{}] * count)[:count]
        self.items = []
        for index, kept in enumerate(typed):
            item = Questions(self.ctx, self.field.fields, f"{self.key}-{index}", self.on_change)
            item.restore(kept)
            self.items.append(item)
        self.cards.controls = [self._card(index, item) for index, item in enumerate(self.items)]
        self.add_button.visible = len(self.items) < self.field.max_items

    def _card(self, index: int, item: Questions) -> ft.Control:
        """Return one item's card: its number, a remove button, its questions."""
        _ = self.ctx._
        title = f"{self.field.item_label or self.field.label} {index + 1}"
        head: list[ft.Control] = [ft.Text(title, weight=ft.FontWeight.W_500, expand=True)]
        if len(self.items) > self.field.min_items:
            head.append(
                ft.TextButton(
                    key=f"{self.key}-{index}-remove",
                    content=_("Remove"),
                    icon=ft.Icons.DELETE_OUTLINE,
                    tooltip=_("Remove {item}").format(item=title),
                    on_click=lambda: self.remove(index),
                )
            )
        return ft.Card(
            content=ft.Container(
                padding=12, content=ft.Column([ft.Row(head), *item.controls], spacing=12)
            )
        )

    def show_problems(self, problems: dict[str, str], message: str | None, prefix: str) -> None:
        """Show the group's own problem and each item's."""
        self.error.value, self.error.visible = message or "", bool(message)
        for index, item in enumerate(self.items):
            item.show_problems(problems, f"{prefix}.{index}.")


class DossierForm(Questions):
    """The questions of one procedure, their answers and their problems."""

    def __init__(
        self, ctx: AppContext, fields: list[FormField], on_change: Callable[[], None] | None = None
    ) -> None:
        """Draw one control per question; `on_change` hears every change (to keep a draft)."""
        self.listener = on_change
        super().__init__(ctx, fields, "form", self._heard)
        self.control = ft.Column(spacing=12, controls=list(self.controls))

    def _heard(self) -> None:
        """Tell the listener that an answer changed."""
        if self.listener is not None:
            self.listener()

    def check(self) -> bool:
        """Show each question's problem; return whether the answers are acceptable."""
        problems = form_problems(self.fields, self.answers())
        self.show_problems(problems)
        return not problems
