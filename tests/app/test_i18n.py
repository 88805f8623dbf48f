"""The catalogs cover every message in the code, and sessions switch language independently."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from hue_s.app.i18n import CATALOG_DIR, I18n, load_translations

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def source_messages() -> set[str]:
    """Every message id marked in the package's Python code (but in modules that bring their
    own catalogs in `<module>/i18n`, which their own tests check, as babel.cfg leaves them)."""
    own = [f"modules/{path.parent.name}/**.py" for path in (ROOT / "hue_s/modules").glob("*/i18n")]
    found = extract_from_dir(
        str(ROOT / "hue_s"),
        method_map=[*((pattern, "ignore") for pattern in own), ("**.py", "python")],
        keywords=KEYWORDS,
    )
    ids = set()
    for _filename, _lineno, message, _comments, _context in found:
        ids.add(message[0] if isinstance(message, tuple) else message)
    return ids


@pytest.mark.parametrize("language", ["vi", "en"])
def test_catalog_translates_every_message_in_the_code(language: str) -> None:
    with (CATALOG_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as po_file:
        catalog = read_po(po_file, locale=language)
    translated = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id and m.string}
    missing = source_messages() - translated
    assert not missing, f"run scripts/update_catalogs.py and translate: {sorted(missing)}"


def test_vietnamese_is_the_default_language() -> None:
    assert I18n().gettext("Settings") == "Cài đặt"


def test_sessions_switch_language_independently() -> None:
    first, second = I18n("vi"), I18n("vi")
    second.set_language("en")
    assert first.gettext("Public services") == "Dịch vụ công"
    assert second.gettext("Public services") == "Public services"


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError):
        I18n("de")


def test_formatting_follows_the_session_locale() -> None:
    session = I18n("vi")
    assert session.vnd(1250000) == "1.250.000\xa0₫"
    assert session.number(1234.5) == "1.234,5"
    session.set_language("en")
    assert session.vnd(1250000) == "₫1,250,000"
    assert session.date(date(2026, 11, 26)) == "26 Nov 2026"


def test_catalogs_are_compiled_once_per_language() -> None:
    assert load_translations("vi") is load_translations("vi")


def test_no_message_is_marked_inside_an_f_string() -> None:
    """Babel's extractor does not look inside f-strings: a message marked there is missing from
    the template, and a catalog update drops its translation ("Unread" was shown in English)."""
    import ast

    hidden = []
    for path in sorted((ROOT / "hue_s").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for call in ast.walk(node):
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Name)
                    and call.func.id in KEYWORDS
                    and call.args
                    and isinstance(call.args[0], ast.Constant)
                ):
                    hidden.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert not hidden, f"mark the message outside the f-string: {hidden}"
