"""The officer's "add the documents for the citizen" section (issue #14): only on a visitor's
dossier (no owner) that waits for a supplement at the ward, with a slot per document; and the
words the officer reads there while the due day waits for those documents."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import flet as ft

from hue_s.app.i18n import I18n
from hue_s.modules.services.app.views.dossiers import paused_text
from hue_s.modules.services.app.views.staff import staff_part
from hue_s.modules.services.wire import Dossier, Evidence, Procedure, TrackedDossier

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
    status: str,
    visitor: str | None,
    role: str = "officer",
    city_tier: bool = False,
    at_office: bool | None = None,
) -> bool:
    """Say whether staff_part shows the section to add a supplement at the office (the server
    says a dossier was filed at the office; by default, when it has a visitor)."""
    ctx: Any = SimpleNamespace(_=lambda text: text, session=SimpleNamespace(role=role))
    filed_at_office = visitor is not None if at_office is None else at_office
    dossier = Dossier.model_construct(
        code="19753-261204-ABCDEF", status=status, city_tier=city_tier, answers={},
        documents=[], visitor_name=visitor, visitor_phone=None, filed_at_office=filed_at_office,
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


def test_the_server_says_it_was_filed_at_office_not_the_visitors_name() -> None:
    assert not shows_section("supplement_requested", "Lê Thị Bích", at_office=False)
    assert shows_section("supplement_requested", None, at_office=True)


def test_the_due_day_of_a_visitors_dossier_reads_for_the_officer() -> None:
    vi: Any = SimpleNamespace(_=I18n("vi").gettext, session=SimpleNamespace(role="citizen"))
    at_office = Dossier.model_construct(status="supplement_requested", filed_at_office=True)
    online = Dossier.model_construct(status="supplement_requested", filed_at_office=False)
    tracked = TrackedDossier.model_construct(status="supplement_requested")
    assert paused_text(vi, at_office) == "tạm dừng cho đến khi người dân bổ sung giấy tờ tại trụ sở"
    assert paused_text(vi, online) == "tạm dừng cho đến khi bạn bổ sung giấy tờ"
    assert paused_text(vi, tracked) == paused_text(vi, online)  # the visitor, by code
    vi.session.role = "officer"  # the ward's staff on a citizen's online dossier
    assert paused_text(vi, online) == "tạm dừng cho đến khi người dân bổ sung giấy tờ"
    assert paused_text(vi, at_office) == "tạm dừng cho đến khi người dân bổ sung giấy tờ tại trụ sở"
    en: Any = SimpleNamespace(_=I18n("en").gettext, session=SimpleNamespace(role="citizen"))
    assert paused_text(en, at_office) == (
        "paused until the citizen brings the documents to the office"
    )
