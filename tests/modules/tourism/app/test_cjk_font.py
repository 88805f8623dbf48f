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
from hue_s.app.views.settings.home import LANGUAGE_NAMES
from hue_s.modules.tourism.app.language import HEADING
from hue_s.modules.tourism.app.words import DOMAIN, LANGUAGES, TRANSLATIONS

ASSETS = Path(hue_s.__file__).parent / "assets"
PLACES = TRANSLATIONS.parent / "migrations" / "tourism_0001_places.json"
CJK_START = 0x2E80
"""Below this, Roboto (bundled with the web client) has the characters."""


def unpack(font: bytes, fmt: str, at: int) -> tuple[int, ...]:
    """Read big-endian values of a font at an offset."""
    return struct.unpack_from(">" + fmt, font, at)


def cmap_glyphs(font: bytes, cmap: int) -> dict[int, int]:
    """Return code point -> glyph id from a font's Unicode cmap subtables (formats 4 and 12)."""
    glyphs: dict[int, int] = {}
    for index in range(unpack(font, "H", cmap + 2)[0]):
        start = cmap + unpack(font, "I", cmap + 8 + 8 * index)[0]
        kind = unpack(font, "H", start)[0]
        if kind == 4:
            segments = unpack(font, "H", start + 6)[0] // 2
            ends = unpack(font, f"{segments}H", start + 14)
            starts = unpack(font, f"{segments}H", start + 16 + 2 * segments)
            deltas = unpack(font, f"{segments}H", start + 16 + 4 * segments)
            ranges_at = start + 16 + 6 * segments
            ranges = unpack(font, f"{segments}H", ranges_at)
            for i, (first, last) in enumerate(zip(starts, ends, strict=True)):
                for code in range(first, last + 1):
                    if ranges[i] == 0:
                        glyphs[code] = (code + deltas[i]) & 0xFFFF
                        continue
                    at = ranges_at + 2 * i + ranges[i] + 2 * (code - first)
                    glyph = unpack(font, "H", at)[0]
                    glyphs[code] = (glyph + deltas[i]) & 0xFFFF if glyph else 0
        elif kind == 12:
            for group in range(unpack(font, "I", start + 12)[0]):
                first, last, glyph = unpack(font, "III", start + 16 + 12 * group)
                glyphs.update({code: glyph + code - first for code in range(first, last + 1)})
    return glyphs


def table_offsets(font: bytes) -> dict[bytes, int]:
    """Return where each table of a font starts."""
    tables = unpack(font, "H", 4)[0]
    return {
        font[12 + 16 * i : 16 + 16 * i]: unpack(font, "I", 20 + 16 * i)[0] for i in range(tables)
    }


def character_glyphs(font: bytes) -> dict[int, int]:
    """Return code point -> glyph id of a font, blank glyphs included."""
    return cmap_glyphs(font, table_offsets(font)[b"cmap"])


def mapped_characters(font: bytes) -> set[int]:
    """Return the code points a TrueType font draws: mapped by its cmap to a glyph with an
    outline (NanumSquare maps 4,620 Han characters and 8,693 Hangul syllables to empty glyphs,
    which the web client drew as nothing), or white space."""
    offsets = table_offsets(font)
    long_offsets = unpack(font, "h", offsets[b"head"] + 50)[0] == 1
    count = unpack(font, "H", offsets[b"maxp"] + 4)[0] + 1
    loca = offsets[b"loca"]
    if long_offsets:
        bounds = unpack(font, f"{count}I", loca)
    else:
        bounds = tuple(2 * b for b in unpack(font, f"{count}H", loca))
    return {
        code
        for code, glyph in cmap_glyphs(font, offsets[b"cmap"]).items()
        if code != 0xFFFF
        and 0 < glyph < count - 1
        and (bounds[glyph + 1] > bounds[glyph] or chr(code).isspace())
    }


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


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_first_font_that_has_a_character_draws_it(language: str) -> None:
    """A font that maps a character to an empty glyph hides it from the fonts after it."""
    families = {**PICKER_FONTS, **dict(CJK_FONTS.values())}
    fonts = {family: (ASSETS / asset).read_bytes() for family, asset in families.items()}
    has = {family: set(character_glyphs(font)) for family, font in fonts.items()}
    draws = {family: mapped_characters(font) for family, font in fonts.items()}
    shown = shown_characters(language)
    if language in CJK_FONTS:
        with (CATALOG_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
            texts = [str(m.string) for m in read_po(po, locale=language) if m.id]
        shown |= {ord(c) for text in texts for c in text if ord(c) >= CJK_START}
    first = {c: next((f for f in font_fallback(language) if c in has[f]), None) for c in shown}
    blank = {f"{chr(c)} by {f}" for c, f in first.items() if f is not None and c not in draws[f]}
    assert not blank, sorted(blank)


def test_the_reader_sees_what_a_font_lacks() -> None:
    droid = mapped_characters((ASSETS / CJK_FONTS["zh"][1]).read_bytes())
    assert {ord("顺"), ord("観"), ord("ア")} <= droid
    assert ord("관") not in droid  # Droid Sans Fallback has no Hangul syllables
    hangul = mapped_characters((ASSETS / CJK_FONTS["ko"][1]).read_bytes())
    assert ord("관") in hangul and ord("中") not in hangul  # NanumSquare's Han were blank
    assert ord("顺") not in loaded_characters("vi")  # only the picker's few characters
