"""A procedure's form drawn from its description: text, dates, choices, numbers; answers read
back and checked by the same rules the server applies (`wire.form_problems`)."""

from __future__ import annotations

import re
from collections.abc import Callable

import flet as ft

from hue_s.app.context import AppContext
from hue_s.app.i18n import N_
from hue_s.app.views.a11y import radio_of
from hue_s.modules.services.wire import FormField, form_problems

PROBLEMS = {
    "required": N_("Please answer this."),
    "too_long": N_("This is too long."),
    "not_a_date": N_("Write a date as day/month/year, e.g. 20/11/2026."),
    "not_an_option": N_("Choose one of the answers."),
    "not_a_number": N_("Write a number."),
    "too_small": N_("This number is too small."),
    "too_large": N_("This number is too large."),
    "unknown": N_("This question is not part of the form."),
}
DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


def iso_day(text: str) -> str:
    """Return "20/11/2026" as "2026-11-20"; other texts as they are."""
    found = DAY_MONTH_YEAR.match(text)
    if not found:
        return text.strip()
    day, month, year = found.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


class DossierForm:
    """The questions of one procedure, their answers and their problems."""

    def __init__(
        self, ctx: AppContext, fields: list[FormField], on_change: Callable[[], None] | None = None
    ) -> None:
        """Draw one control per question; `on_change` hears every change (to keep a draft)."""
        self.ctx = ctx
        self.fields = fields
        self.on_change = on_change
        self.inputs: dict[str, ft.TextField | ft.RadioGroup] = {}
        self.errors: dict[str, ft.Text] = {}
        self.control = ft.Column(spacing=12, controls=[self._draw(f) for f in fields])

    def _draw(self, field: FormField) -> ft.Control:
        """Return the control of one question."""
        _ = self.ctx._
        optional = _("optional")
        label = field.label if field.required else f"{field.label} ({optional})"
        if field.kind == "choice":
            group = ft.RadioGroup(
                key=f"form-{field.name}",
                on_change=self._changed,
                content=ft.Row(
                    wrap=True,
                    controls=[
                        radio_of(field.label, ft.Radio(value=option.value, label=option.label))
                        for option in field.options
                    ],
                ),
            )
            self.inputs[field.name] = group
            error = self.errors[field.name] = ft.Text(color=ft.Colors.ERROR, visible=False)
            return ft.Column([ft.Text(label), group, error], spacing=4)
        box = ft.TextField(
            key=f"form-{field.name}",
            label=label,
            max_length=field.max_length,
            hint_text=_("day/month/year") if field.kind == "date" else None,
            keyboard_type=ft.KeyboardType.NUMBER
            if field.kind == "number"
            else ft.KeyboardType.TEXT,
            on_change=self._changed,
        )
        self.inputs[field.name] = box
        return box

    def _changed(self) -> None:
        """Tell the listener that an answer changed."""
        if self.on_change is not None:
            self.on_change()

    def typed(self) -> dict[str, str]:
        """Return what is typed or chosen, as it is (for a draft)."""
        return {name: control.value for name, control in self.inputs.items() if control.value}

    def restore(self, typed: dict[str, str]) -> None:
        """Put back what a draft kept."""
        for name, value in typed.items():
            if name in self.inputs and isinstance(value, str):
                self.inputs[name].value = value

    def answers(self) -> dict[str, str]:
        """Return the non-empty answers, dates written as the server reads them."""
        found: dict[str, str] = {}
        for field in self.fields:
            value = (self.inputs[field.name].value or "").strip()
            if field.kind == "date":
                value = iso_day(value)
            if value:
                found[field.name] = value
        return found

    def check(self) -> bool:
        """Show each question's problem; return whether the answers are acceptable."""
        problems = form_problems(self.fields, self.answers())
        for field in self.fields:
            message = self.ctx._(PROBLEMS[problems[field.name]]) if field.name in problems else None
            control = self.inputs[field.name]
            if isinstance(control, ft.TextField):
                control.error = message
            else:
                self.errors[field.name].value = message or ""
                self.errors[field.name].visible = bool(message)
        return not problems
