"""The font a zh, ko or ja session loads in the web client has a glyph for every character of
that language the tourism module shows (its words, the language picker, the places' names),
and for every character of the app's own words in it (the shell, the alerts module)."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import hue_s
from hue_s.app.i18n import CATALOG_DIR
from hue_s.app.theme import CJK_FONTS, PICKER_FONTS, font_fallback
from hue_s.app.views.settings import LANGUAGE_NAMES
from hue_s.modules.tourism.app.language import HEADING
from hue_s.modules.tourism.app.words import DOMAIN, LANGUAGES, TRANSLATIONS

ASSETS = Path(hue_s.__file__).parent / "assets"
PLACES = TRANSLATIONS.parent / "migrations" / "tourism_0001_places.json"
CJK_START = 0x2E80
"""Below this, Roboto (bundled with the web client) has the characters."""


def mapped_characters(font: bytes) -> set[int]:
    """Return the code points a TrueType font's Unicode cmap maps (formats 4 and 12)."""
    tables = struct.unpack(">H", font[4:6])[0]
    offsets = {
        font[12 + 16 * i : 16 + 16 * i]: struct.unpack(">I", font[20 + 16 * i : 24 + 16 * i])[0]
        for i in range(tables)
    }
    cmap = offsets[b"cmap"]
    found: set[int] = set()
    for index in range(struct.unpack(">H", font[cmap + 2 : cmap + 4])[0]):
        start = cmap + struct.unpack(">I", font[cmap + 8 + 8 * index : cmap + 12 + 8 * index])[0]
        kind = struct.unpack(">H", font[start : start + 2])[0]
        if kind == 4:
            segments = struct.unpack(">H", font[start + 6 : start + 8])[0] // 2
            ends = struct.unpack(f">{segments}H", font[start + 14 : start + 14 + 2 * segments])
            base = start + 16 + 2 * segments
            starts = struct.unpack(f">{segments}H", font[base : base + 2 * segments])
            found.update(c for s, e in zip(starts, ends, strict=True) for c in range(s, e + 1))
        elif kind == 12:
            groups = struct.unpack(">I", font[start + 12 : start + 16])[0]
            for group in range(groups):
                at = start + 16 + 12 * group
                first, last, _glyph = struct.unpack(">III", font[at : at + 12])
                found.update(range(first, last + 1))
    return found - {0xFFFF}


def shown_characters(language: str) -> set[int]:
    """Return the CJK characters a session in a language may see in the module: its words,
    the places' names in it, and the language picker (every language named in itself)."""
    texts = [HEADING, *LANGUAGES.values()]
    path = TRANSLATIONS / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as po:
        texts += [str(message.string) for message in read_po(po) if message.id]
    for place in json.loads(PLACES.read_text(encoding="utf-8"))["places"]:
        texts.append(place["names"].get(language, ""))
    return {ord(c) for text in texts for c in text if ord(c) >= CJK_START}


def loaded_characters(language: str) -> set[int]:
    """Return what the fonts a session in a language loads have (beside Roboto)."""
    assets = [*PICKER_FONTS.values()]
    if language in CJK_FONTS:
        assets.append(CJK_FONTS[language][1])
    return set().union(*(mapped_characters((ASSETS / asset).read_bytes()) for asset in assets))


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_a_session_loads_a_glyph_for_every_character_it_shows(language: str) -> None:
    missing = shown_characters(language) - loaded_characters(language)
    assert not missing, f"{language}: no glyph for " + "".join(sorted(map(chr, missing)))


@pytest.mark.parametrize("language", sorted(CJK_FONTS))
def test_a_session_loads_a_glyph_for_every_character_of_the_apps_words(language: str) -> None:
    with (CATALOG_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
        strings = [m.string for m in read_po(po, locale=language) if m.id]
    texts = [*LANGUAGE_NAMES.values()]
    texts += [form for s in strings for form in ([s] if isinstance(s, str) else s)]
    shown = {ord(c) for text in texts for c in text if ord(c) >= CJK_START}
    assert len(shown) > 100, "the catalog holds hardly any of the language's characters"
    missing = shown - loaded_characters(language)
    assert not missing, f"{language}: no glyph for " + "".join(sorted(map(chr, missing)))


HANGUL = {*range(0x1100, 0x1200), *range(0x3130, 0x3190), *range(0xAC00, 0xD7A4)}
"""Hangul letters (jamo) and syllables: a font with letters but not a syllable draws it apart."""


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_hangul_is_drawn_by_a_font_with_the_whole_syllable(language: str) -> None:
    """Whatever the page loaded before (a session that changed language keeps those fonts),
    the first font that has anything Hangul in a session's fallback order has the syllable."""
    families = {**PICKER_FONTS, **dict(CJK_FONTS.values())}
    fonts = {
        family: mapped_characters((ASSETS / asset).read_bytes())
        for family, asset in families.items()
    }
    texts = [HEADING, *LANGUAGES.values()]
    if language == "ko":
        with (CATALOG_DIR / "ko" / "LC_MESSAGES" / "messages.po").open("rb") as po:
            texts += [str(m.string) for m in read_po(po, locale="ko") if m.id]
    syllables = {ord(c) for text in texts for c in text if ord(c) in HANGUL}
    torn = set()
    for syllable in syllables:
        for family in font_fallback(language):
            if syllable in fonts[family]:
                break
            if fonts[family] & HANGUL:
                torn.add(f"{chr(syllable)} by {family}")
                break
    assert not torn, sorted(torn)


def test_the_reader_sees_what_a_font_lacks() -> None:
    droid = mapped_characters((ASSETS / CJK_FONTS["zh"][1]).read_bytes())
    assert {ord("顺"), ord("観"), ord("ア")} <= droid
    assert ord("관") not in droid  # Droid Sans Fallback has no Hangul syllables
    assert ord("관") in mapped_characters((ASSETS / CJK_FONTS["ko"][1]).read_bytes())
    assert ord("顺") not in loaded_characters("vi")  # only the picker's few characters
