"""The operators' panel of CAP feeds: health, back-off and refused entries in words."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import flet as ft

from hue_s.app.i18n import I18n
from hue_s.modules.alerts.app.views.feed_status import EntriesReport, SourceStatus, sources_lines


def texts_of(controls: list[ft.Control]) -> list[str]:
    """Return the texts of controls and of the controls inside them, in order."""
    found: list[str] = []
    for control in controls:
        if isinstance(control, ft.Text) and isinstance(control.value, str):
            found.append(control.value)
        for inner in ("controls", "content"):
            child = getattr(control, inner, None)
            if isinstance(child, list):
                found.extend(texts_of(child))
            elif isinstance(child, ft.Control):
                found.extend(texts_of([child]))
    return found


def test_operators_read_each_feed_its_back_off_and_its_refused_entries() -> None:
    i18n = I18n("en")
    ctx: Any = SimpleNamespace(_=i18n.gettext, i18n=i18n)
    failing = SourceStatus(
        url="https://a.example/feed.atom", state="failing", failures=3, last_status=None,
        last_polled_at=datetime(2026, 12, 4, 1, 0, tzinfo=UTC),
        next_poll_at=datetime(2026, 12, 4, 1, 16, tzinfo=UTC),
        last_error="Cannot fetch https://a.example/feed.atom: HTTP 503",
    )  # fmt: skip
    working = SourceStatus(
        url="https://b.example/cap.atom", state="ok", last_status=304,
        last_polled_at=datetime(2026, 12, 4, 1, 0, tzinfo=UTC),
        report=EntriesReport(entries=3, stored=1, unchanged=1, refused=1, outside_city=1,
                             errors=["entry 2: Refused: the alert has no <identifier>"]),
    )  # fmt: skip
    shown = texts_of(sources_lines(ctx, [failing, working, SourceStatus(url="https://c")]))
    assert "https://a.example/feed.atom" in shown
    assert any(
        text.startswith("Failed 3 times in a row: Cannot fetch") and "next try at" in text
        for text in shown
    )
    assert (
        "Last read: 3 alerts, 1 new, 1 known, 1 refused, 1 outside the city" in shown
        and "entry 2: Refused: the alert has no <identifier>" in shown
    )
    assert shown[-1] == "Not asked yet."
    assert texts_of(sources_lines(ctx, [])) == [
        "No warning feed is followed (HUE_S_CAP_SOURCES is empty)."
    ]
