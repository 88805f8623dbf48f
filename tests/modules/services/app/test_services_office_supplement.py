"""The officer's "add the documents for the citizen" section (issue #14): only on a visitor's
dossier (no owner) that waits for a supplement at the ward, with a slot per document."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import flet as ft

from hue_s.modules.services.app.views.staff import staff_part
from hue_s.modules.services.wire import Dossier, Evidence, Procedure

PAGE = Procedure.model_construct(
    form=[],
    documents=[
        Evidence(code="giay-chung-sinh", name="Giấy chứng sinh", copies="1", required=True,
                 online=True)
    ],
)  # fmt: skip


def keys_of(controls: list[ft.Control]) -> set[str]:
    """Return the keys of these controls and all they hold."""
    found: set[str] = set()
    for control in controls:
        if control.key is not None:
            found.add(str(control.key))
        found |= keys_of(list(getattr(control, "controls", None) or []))
    return found


def shows_section(
    status: str, visitor: str | None, role: str = "officer", city_tier: bool = False
) -> bool:
    """Say whether staff_part shows the section to add a supplement at the office."""
    ctx: Any = SimpleNamespace(_=lambda text: text, session=SimpleNamespace(role=role))
    dossier = Dossier.model_construct(
        code="19753-261204-ABCDEF", status=status, city_tier=city_tier, answers={},
        documents=[], visitor_name=visitor, visitor_phone=None,
    )  # fmt: skip
    keys = keys_of(staff_part(ctx, dossier, PAGE))
    shown = "office-supplement-send" in keys
    assert shown == ("document-attach-giay-chung-sinh" in keys)
    return shown


def test_the_section_shows_only_for_a_visitors_dossier_waiting_for_more() -> None:
    assert shows_section("supplement_requested", "Lê Thị Bích")
    assert not shows_section("supplement_requested", None)  # its owner sends them
    for status in ("submitted", "received", "approved", "rejected"):
        assert not shows_section(status, "Lê Thị Bích"), status
    assert not shows_section("supplement_requested", "Lê Thị Bích", city_tier=True)
    assert not shows_section("supplement_requested", "Lê Thị Bích", role="operator")
