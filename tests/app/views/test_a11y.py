"""Names a screen reader gets for drop-downs, radios and the choice button (issue 20, item 9)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import flet as ft
from session_doubles import session_context

from hue_s.app.api.client import HueClient
from hue_s.app.state.store import Store
from hue_s.app.views.a11y import named_dropdown, radio_of, relabel
from hue_s.modules.incidents.app.views.choice import Choice, ChoiceButton


def severity() -> ft.Dropdown:
    """Return a drop-down like the operator's severity."""
    options = [ft.DropdownOption(key="Severe", text="Nghiêm trọng"), ft.DropdownOption(key="Minor")]
    return ft.Dropdown(label="Mức độ", value="Severe", options=options)


def test_a_dropdown_is_named_by_its_label_and_choice_which_it_follows() -> None:
    dropdown = severity()
    wrapper = named_dropdown(dropdown, "chưa chọn")
    assert isinstance(wrapper, ft.Semantics) and wrapper.content is dropdown
    assert wrapper.label == "Mức độ: Nghiêm trọng"
    dropdown.value = "Minor"  # an option without a text: its key is not a name
    assert dropdown.on_select is not None
    event: Any = ft.Event(name="select", control=dropdown)
    dropdown.on_select(event)
    assert wrapper.label == "Mức độ: chưa chọn"
    dropdown.value = "Severe"  # set from code, as the operator's form does to edit an alert
    relabel(wrapper, "chưa chọn")
    assert wrapper.label == "Mức độ: Nghiêm trọng"


def test_a_radio_is_named_by_its_question_first() -> None:
    named = radio_of("Có vỡ ống không?", ft.Radio(value="yes", label="Có"))
    assert isinstance(named, ft.MergeSemantics)
    inner = named.content
    assert isinstance(inner, ft.Semantics) and inner.label == "Có vỡ ống không?"
    assert isinstance(inner.content, ft.Radio) and inner.content.label == "Có"


def test_the_choice_button_says_what_it_chooses(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        ctx = session_context(store, HueClient("http://x.test"))
        wards = [Choice("19753", "Phường Phú Xuân")]
        button = ChoiceButton(ctx, key="ward", prompt="Phường, xã", choices=wards)
        shown = button.button.content
        assert isinstance(shown, ft.Text)
        assert (shown.value, shown.semantics_label) == ("Chọn…", "Phường, xã: Chọn…")
        picked = ChoiceButton(ctx, key="ward", prompt="Phường, xã", choices=wards, value="19753")
        assert isinstance(picked.button.content, ft.Text)
        assert picked.button.content.semantics_label == "Phường, xã: Phường Phú Xuân"
