"""ChoiceButton: pick one of a list in a dialog of labelled buttons (screen readers reach each)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import flet as ft

from hue_s.app.context import AppContext
from hue_s.app.views.dialogs import close_now


@dataclass(frozen=True)
class Choice:
    """One option: the value kept, what it is called, and a line about it."""

    value: str
    label: str
    detail: str | None = None


class ChoiceButton:
    """A button that shows the current choice and opens the list to change it."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        key: str,
        prompt: str,
        choices: Sequence[Choice],
        value: str | None = None,
        on_change: Callable[[Choice], object] | None = None,
        icon: ft.IconData = ft.Icons.ARROW_DROP_DOWN_CIRCLE_OUTLINED,
    ) -> None:
        """Show `prompt` until something is chosen; call `on_change` with each new choice."""
        self.ctx = ctx
        self.key = key
        self.prompt = prompt
        self.choices = list(choices)
        self.value = value if any(c.value == value for c in self.choices) else None
        self._on_change = on_change
        self.dialog: ft.AlertDialog | None = None
        self.button = ft.OutlinedButton(key=key, icon=icon, on_click=self._open)
        self.control = ft.Column(
            [ft.Text(prompt, theme_style=ft.TextThemeStyle.BODY_SMALL), self.button], spacing=4
        )
        self._render()

    @property
    def chosen(self) -> Choice | None:
        """Return the current choice."""
        return next((c for c in self.choices if c.value == self.value), None)

    def _render(self) -> None:
        """Show the choice's name on the button (or the prompt)."""
        chosen = self.chosen
        shown = chosen.label if chosen else self.ctx._("Choose…")
        # The button is named by its question too: "Ward: Choose…", not only "Choose…".
        self.button.content = ft.Text(shown, semantics_label=f"{self.prompt}: {shown}")
        self.button.tooltip = f"{self.prompt}: {chosen.label}" if chosen else self.prompt

    def _open(self, event: ft.Event[ft.OutlinedButton]) -> None:
        """Show every choice as a button in a dialog."""
        entries: list[ft.Control] = []
        for choice in self.choices:
            entries.append(
                ft.ListTile(
                    key=f"{self.key}-{choice.value}",
                    title=ft.Text(choice.label),
                    subtitle=ft.Text(choice.detail, theme_style=ft.TextThemeStyle.BODY_SMALL)
                    if choice.detail
                    else None,
                    selected=choice.value == self.value,
                    on_click=lambda _event, picked=choice: self._pick(picked),
                )
            )
        self.dialog = ft.AlertDialog(
            title=ft.Text(self.prompt),
            semantics_label=self.prompt,
            content=ft.Column(entries, tight=True, spacing=0, width=480),
            scrollable=True,
            actions=[
                ft.TextButton(content=self.ctx._("Cancel"), on_click=lambda _e: self._close())
            ],
        )
        self.ctx.page.show_dialog(self.dialog)

    def _close(self) -> None:
        """Close the list of choices (this dialog, not whichever opened last)."""
        if self.dialog is not None:
            close_now(self.dialog)

    def _pick(self, choice: Choice) -> None:
        """Keep a choice and close the list."""
        self.value = choice.value
        self._render()
        self._close()
        self.control.update()
        if self._on_change is not None:
            self._on_change(choice)
