"""Names for what Flutter leaves unnamed on the web: drop-downs and the choices of a question.

Flutter's DropdownMenu reaches the web's accessibility tree as a button without a name that
takes no focus; a Radio is named by its own label only ("Yes"), not by its question.
"""

from __future__ import annotations

import contextlib

import flet as ft


def dropdown_name(dropdown: ft.Dropdown, nothing: str) -> str:
    """Return "<label>: <chosen option>" (or `nothing` when none is chosen)."""
    chosen = next((o for o in dropdown.options if o.key == dropdown.value), None)
    label = dropdown.label if isinstance(dropdown.label, str) else ""
    return f"{label}: {chosen.text if chosen is not None and chosen.text else nothing}"


def named_dropdown(dropdown: ft.Dropdown, nothing: str) -> ft.Semantics:
    """Return the drop-down in a node a screen reader reaches, named by its label and choice.

    The name follows the choice; call `relabel` after setting the value from code.
    """
    wrapper = ft.Semantics(label=dropdown_name(dropdown, nothing), content=dropdown)

    def selected(event: ft.Event[ft.Dropdown]) -> None:
        """Say the new choice."""
        relabel(wrapper, nothing)

    assert dropdown.on_select is None, "named_dropdown owns on_select"
    dropdown.on_select = selected
    return wrapper


def relabel(wrapper: ft.Semantics, nothing: str) -> None:
    """Name a `named_dropdown` again after its value changed (no redraw: the caller's)."""
    assert isinstance(wrapper.content, ft.Dropdown)
    wrapper.label = dropdown_name(wrapper.content, nothing)
    with contextlib.suppress(RuntimeError):  # not on a page yet: drawn with the new name
        wrapper.update()


def radio_of(question: str, radio: ft.Radio) -> ft.Control:
    """Return a radio button whose accessible name is its question, then its answer."""
    return ft.MergeSemantics(content=ft.Semantics(label=question, content=radio))
