"""scripts/update_catalogs.py merges a partial language: the scope's messages to translate,
its other translations kept, nothing else added, and only the scope counted as missing."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from babel.messages.pofile import read_po

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "update_catalogs.py"
TEMPLATE = """
msgid "Home"
msgstr ""

msgid "I need help"
msgstr ""

msgid "Health"
msgstr ""

msgid "Dossiers"
msgstr ""

msgid "{count} item"
msgid_plural "{count} items"
msgstr[0] ""
msgstr[1] ""
"""
CHINESE = """
msgid "Home"
msgstr "首页"

msgid "Health"
msgstr "医疗"

msgid "Gone from the code"
msgstr "已删除"
"""


def script() -> ModuleType:
    """Load the script as a module (scripts/ is no package)."""
    spec = importlib.util.spec_from_file_location("update_catalogs", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_partial_language_gets_its_scope_and_keeps_its_other_translations(
    tmp_path: Path,
) -> None:
    template = tmp_path / "messages.pot"
    template.write_text(TEMPLATE, encoding="utf-8")
    po = tmp_path / "zh" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(CHINESE, encoding="utf-8")
    scope = {"Home", "I need help", "{count} item"}

    missing = script().update_language("zh", template_path=template, catalogs=tmp_path, scope=scope)

    with po.open("rb") as written:
        merged = {m.id: m.string for m in read_po(written, locale="zh") if m.id}
    assert missing == 2  # "I need help" and the plural; "Dossiers" is not counted
    assert merged == {
        "Home": "首页",
        "I need help": "",
        "Health": "医疗",  # outside the scope, translated: kept
        ("{count} item", "{count} items"): ("",),
    }


def test_a_full_language_gets_every_message(tmp_path: Path) -> None:
    template = tmp_path / "messages.pot"
    template.write_text(TEMPLATE, encoding="utf-8")
    missing = script().update_language("vi", template_path=template, catalogs=tmp_path)
    assert missing == 5
