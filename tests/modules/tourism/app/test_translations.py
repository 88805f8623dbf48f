"""Every message of the tourism module is translated in each of its six languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from hue_s.app.config import SUPPORTED_LANGUAGES
from hue_s.app.i18n import I18n
from hue_s.modules.tourism.app import manifest
from hue_s.modules.tourism.app.words import DOMAIN, LANGUAGES, TRANSLATIONS

SOURCE = Path(manifest.translations or TRANSLATIONS).parent / "app"
SIX = ("vi", "en", "zh", "ko", "ja", "fr")


def extracted() -> set[str]:
    """Return the messages the module's app marks with _() or N_()."""
    found = extract_from_dir(
        str(SOURCE), method_map=[("**.py", "python")], keywords={"_": None, "N_": None}
    )
    return {message for _file, _line, message, _comments, _context in found}


def test_the_six_languages_are_offered_by_the_app_and_the_module() -> None:
    assert tuple(LANGUAGES) == SIX
    assert set(SIX) <= set(SUPPORTED_LANGUAGES)


@pytest.mark.parametrize("language", SIX)
def test_each_message_has_a_translation(language: str) -> None:
    path = TRANSLATIONS / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as po:
        catalog = read_po(po, locale=language.replace("zh", "zh_Hans"))
    translated = {
        message.id: message.string
        for message in catalog
        if message.id and message.string and not message.fuzzy
    }
    wanted = extracted()
    missing = sorted(wanted - translated.keys())
    assert not missing, f"{language}: no translation for {missing}"
    unused = sorted(translated.keys() - wanted)
    assert not unused, f"{language}: translations of messages no longer used: {unused}"
    for message_id in wanted:
        fields = set(re.findall(r"\{\w+\}", message_id))
        assert set(re.findall(r"\{\w+\}", str(translated[message_id]))) == fields, message_id


@pytest.mark.parametrize(("language", "title"), [("vi", "Du lịch"), ("zh", "旅游"), ("ko", "관광")])
def test_the_tile_speaks_the_session_language(language: str, title: str) -> None:
    assert manifest.translate(I18n(language), manifest.title) == title
