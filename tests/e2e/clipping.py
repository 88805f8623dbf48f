"""Clipped, cut or overlapping text, measured from Flutter's semantics tree in Chromium.

The web client is a release build: Flutter's "A RenderFlex overflowed" reports are compiled out,
so the test measures what Flutter tells the browser. Each text of the semantics tree has the
rectangle Flutter laid it out in, and its whole label (an ellipsis shortens only what is drawn).
The label is measured in Roboto, the font the client draws with, so for each text we know how
wide it would be at a given font size. Its height says how many lines of which text style it
has: the app's text styles are the Material 3 scale times the text size setting (`theme.py`),
each with its own line height. A text is reported when:

- `cut`: at no style (size, lines) matching its height does its label fit in that many lines
  of its width: an ellipsis, or a line Flutter had to break off;
- `small`: its height matches no style of the chosen text size: it ignores the setting;
- `off screen`: it reaches past the left or right edge of the window (outside a sideways list);
- `overlap`: two texts (or buttons) that are not nested cover each other.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Page

# Material 3 type scale: (font size, line height) in logical pixels at 100% (theme.py scales
# the sizes; Flutter keeps each style's line height as a multiple of its size).
M3_STYLES = (
    (57, 64), (45, 52), (36, 44), (32, 40), (28, 36), (24, 32), (22, 28),
    (16, 24), (14, 20), (12, 16), (11, 16),
)  # fmt: skip
# Flutter labels a text field's counter "N characters remaining" but draws "n/max".
COUNTER = re.compile(r"characters? remaining|Còn lại\s[\d.,\s]+ký tự")

# Every text of the tree with its rectangle and (for a plain text) its label's widths in Roboto.
# A plain text is a <span> Flutter scales into the node's rectangle (its label in one line), or a
# heading element it positions itself; a button carries its label as its own text.
TEXTS_JS = """
async () => {
  // (document.fonts.check() says true for a family it does not know: look the face up.)
  if (!Array.from(document.fonts).some((f) => f.family === 'HueAuditRoboto')) {
    const face = new FontFace('HueAuditRoboto', 'url(/assets/fonts/roboto.woff2)');
    document.fonts.add(await face.load());
  }
  const canvas = document.createElement('canvas').getContext('2d');
  canvas.font = '100px HueAuditRoboto';
  const nested = ['FLT-SEMANTICS', 'FLT-SEMANTICS-CONTAINER', 'INPUT', 'TEXTAREA'];
  const out = [];
  document.querySelectorAll('flt-semantics').forEach((el, index) => {
    el.setAttribute('data-audit-index', String(index));
    const holder = Array.from(el.children)
      .find((c) => !nested.includes(c.tagName) && c.textContent.trim());
    const ownText = Array.from(el.childNodes)
      .filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim();
    if (!holder && !ownText) return;
    const text = holder ? holder.textContent : ownText;
    const sized = holder && (holder.style.transform || '').startsWith('scale');
    const box = (holder && !sized ? holder : el).getBoundingClientRect();
    if (box.width < 1 || box.height < 1) return;
    const ancestors = [];
    const window_ = {left: 0, top: 0, right: innerWidth, bottom: innerHeight};
    let scroller = null;
    let sideways = false;  // in a list scrolled sideways: past the window's edge is fine
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (!p.hasAttribute('data-audit-index')) continue;
      ancestors.push(Number(p.getAttribute('data-audit-index')));
      const style = p.getAttribute('style') || '';
      sideways = sideways || /overflow-x: scroll/.test(style);
      if (!scroller && /overflow-[xy]: scroll/.test(style)) scroller = p.getBoundingClientRect();
    }
    // Partly scrolled out of its list or of the window: Flutter gave it only what shows.
    const edge = [scroller || window_, window_].some((frame) =>
      box.top <= frame.top + 1 || box.bottom >= frame.bottom - 1
      || box.left <= frame.left + 0.5 || box.right >= frame.right - 0.5);
    out.push({
      index, text, ancestors, edge, sideways, plain: Boolean(holder),
      x: box.x, y: box.y, w: box.width, h: box.height,
      widths: text.split('\\n').map((line) => canvas.measureText(line.trim()).width / 100),
    });
  });
  return {texts: out, width: window.innerWidth, height: window.innerHeight};
}
"""


def measure(page: Page) -> dict[str, Any]:
    """Return every text of the semantics tree with its rectangle (see TEXTS_JS)."""
    return dict(page.evaluate(TEXTS_JS))


def lines_needed(widths: list[float], size: float, width: float) -> int:
    """Return the fewest lines these label lines take at a font size in a box this wide.

    A lower bound (words may wrap early); 3% and a pixel allow for rounding and shaping.
    """
    return sum(max(1, math.ceil(line * size / (width * 1.03 + 1))) for line in widths)


def fitting_styles(text: dict[str, Any], scale: float) -> list[tuple[float, int]]:
    """Return the (font size, lines) of the app's styles whose line height matches the text."""
    matches = []
    for size, line in M3_STYLES:
        line_height = line * scale
        lines = round(text["h"] / line_height)
        if lines >= 1 and abs(text["h"] - lines * line_height) <= 1.0 + 0.02 * text["h"]:
            matches.append((size * scale, lines))
    return matches


def problems(measured: dict[str, Any], scale: float) -> list[str]:
    """Return one line per cut, too small, off-screen or overlapping text."""
    found: list[str] = []
    texts = measured["texts"]
    for text in texts:
        label = text["text"].replace("\n", " / ")
        outside = text["x"] < -1 or text["x"] + text["w"] > measured["width"] + 1
        if outside and not text["sideways"]:
            found.append(f"off screen: {label!r} at x={text['x']:.0f}..{text['x'] + text['w']:.0f}")
        if not text["plain"] or text["edge"] or "\n" in text["text"]:
            continue  # a button (padded), partly scrolled away, or several texts merged
        if COUNTER.search(unicodedata.normalize("NFC", text["text"])):  # Flutter's own: NFD
            continue
        styles = fitting_styles(text, scale)
        if not styles:
            if scale > 1:
                found.append(f"small: {label!r} ({text['h']:.0f} px high) ignores the text size")
        elif not any(lines_needed(text["widths"], f, text["w"]) <= n for f, n in styles):
            size, lines = styles[0]
            found.append(
                f"cut: {label!r} needs {lines_needed(text['widths'], size, text['w'])} lines "
                f"of {text['w']:.0f} px at {size:.0f} px, has {lines}"
            )
    for i, one in enumerate(texts):
        for other in texts[i + 1 :]:
            if one["index"] in other["ancestors"] or other["index"] in one["ancestors"]:
                continue
            if one["edge"] or other["edge"]:
                continue  # a list scrolling under a bar or a dialog's buttons
            across = min(one["x"] + one["w"], other["x"] + other["w"]) - max(one["x"], other["x"])
            down = min(one["y"] + one["h"], other["y"] + other["h"]) - max(one["y"], other["y"])
            if across > 2 and down > 2:
                found.append(f"overlap: {one['text']!r} and {other['text']!r}")
    return found
