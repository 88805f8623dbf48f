"""The visitors' languages (zh, ko, ja, fr): the shell and the alerts module speak them, every
other word falls back to English, and the translations keep the messages' placeholders."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from hue_s.app.i18n import (
    CATALOG_DIR,
    FALLBACK_LANGUAGES,
    I18n,
    accept_language,
    compile_catalog,
    load_translations,
    visitor_scope_messages,
    visitor_scope_sources,
)
from hue_s.modules.alerts.app.models import Alert, AlertInfo

VISITORS = ("zh", "ko", "ja", "fr")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def catalog(language: str) -> dict[str, tuple[str, ...]]:
    """Return a visitor language's catalog: message id (a plural's singular) -> its forms."""
    with (CATALOG_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
        read = read_po(po, locale=language)
    return {
        (m.id if isinstance(m.id, str) else m.id[0]): (
            (m.string,) if isinstance(m.string, str) else tuple(m.string)
        )
        for m in read
        if m.id and not m.fuzzy
    }


def test_the_scope_is_found_in_the_sources() -> None:
    names = {path.name for path in visitor_scope_sources()}
    assert {"home.py", "shell.py", "sign_in_form.py", "help_dialog.py", "view_detail.py"} <= names
    assert "operator_form.py" not in names  # the operator's screens stay English
    found = visitor_scope_messages()
    assert {"Hello! How can Huế help you today?", "I need help", "What to do"} <= found
    assert len(found) > 250


@pytest.mark.parametrize("language", VISITORS)
def test_every_shell_and_alerts_message_is_translated(language: str) -> None:
    translated = {key for key, forms in catalog(language).items() if all(forms)}
    missing = visitor_scope_messages() - translated
    assert not missing, f"{language} lacks: {sorted(missing)}"


@pytest.mark.parametrize("language", VISITORS)
def test_translations_keep_the_placeholders(language: str) -> None:
    with (CATALOG_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
        messages = [m for m in read_po(po, locale=language) if m.id and m.string]
    wrong = []
    for message in messages:
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        forms = [message.string] if isinstance(message.string, str) else list(message.string)
        wanted = sorted(PLACEHOLDER.findall(ids[-1]))
        wrong += [form for form in forms if sorted(PLACEHOLDER.findall(form)) != wanted]
    assert not wrong, wrong


@pytest.mark.parametrize("language", VISITORS)
def test_a_visitor_language_speaks_the_shell_and_falls_back_to_english(language: str) -> None:
    session = I18n(language)
    assert session.gettext("Settings") not in ("Settings", "Cài đặt", "")
    assert session.gettext("I need help") not in ("I need help", "")
    assert FALLBACK_LANGUAGES[language] == "en"
    assert load_translations(language)._fallback is load_translations("en")  # type: ignore[attr-defined]


def test_an_empty_translation_reads_as_the_fallback_never_empty(tmp_path: Path) -> None:
    po = tmp_path / "messages.po"
    po.write_text('msgid "Close"\nmsgstr ""\n\nmsgid "Home"\nmsgstr "ホーム"\n', encoding="utf-8")
    compiled = compile_catalog(po, "ja")
    english = compile_catalog(CATALOG_DIR / "en" / "LC_MESSAGES" / "messages.po", "en")
    compiled.add_fallback(english)
    assert compiled.gettext("Home") == "ホーム"
    assert compiled.gettext("Close") == english.gettext("Close") == "Close"


def test_dates_and_numbers_follow_the_visitor_locale() -> None:
    day = date(2026, 11, 26)
    assert I18n("zh").date(day) == "2026年11月26日"
    assert I18n("ko").date(day) == "2026. 11. 26."
    assert I18n("ja").date(day) == "2026/11/26"
    assert I18n("fr").date(day) == "26 nov. 2026"
    assert I18n("fr").number(1234.5) == "1\u202f234,5"


def test_a_visitor_reads_a_warnings_english_info_before_the_vietnamese_one() -> None:
    def info(language: str, severity: str) -> AlertInfo:
        return AlertInfo(language=language, event="Flood", urgency="Immediate", severity=severity)

    warning = Alert(
        id=1, identifier="w1", sender="hueioc@hue.gov.vn", sent=datetime(2026, 11, 26, tzinfo=UTC),
        severity="Severe", infos=[info("vi-VN", "Severe"), info("en-US", "Moderate")],
    )  # fmt: skip
    assert [warning.info_for(lang).language for lang in ("ja", "fr", "vi", "en")] == [  # type: ignore[union-attr]
        "en-US", "en-US", "vi-VN", "en-US",
    ]  # fmt: skip


def test_a_forecast_day_reads_in_the_locales_order() -> None:
    day = date(2026, 11, 26)
    shown = {language: I18n(language).day(day) for language in ("vi", "en", *VISITORS)}
    assert shown == {
        "vi": "Thứ 5 26/11", "en": "Thu 26/11", "zh": "11/26周四", "ko": "11. 26. (목)",
        "ja": "11/26(木)", "fr": "jeu. 26/11",
    }  # fmt: skip


def test_a_visitor_asks_the_server_for_english_after_their_language() -> None:
    from hue_s.backend.kernel.locale import language_of

    assert accept_language("vi") == "vi" and accept_language("en") == "en"
    assert accept_language("ja") == "ja, en;q=0.5"
    assert language_of(None, accept_language("ko")) == "en"  # the server knows vi and en only
