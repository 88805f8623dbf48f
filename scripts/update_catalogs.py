"""Extract messages into hue_s/i18n/messages.pot and merge them into every language's catalog.

English is the source language, so its catalog is filled with the source text; every other
language keeps its translations and gets new, empty entries to translate.
Run: python scripts/update_catalogs.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = ROOT / "hue_s" / "i18n"
TEMPLATE = CATALOGS / "messages.pot"
LANGUAGES = ("vi", "en")
EXTRACT = [
    sys.executable, "-m", "babel.messages.frontend", "--quiet", "extract", "-F", "babel.cfg",
    "-k", "_", "-k", "N_", "-k", "ngettext:1,2", "--no-location", "--sort-output",
    "--omit-header", "-o", str(TEMPLATE), ".",
]  # fmt: skip


def update_language(language: str) -> int:
    """Merge the template into one language's catalog; return how many entries lack text."""
    po_path = CATALOGS / language / "LC_MESSAGES" / "messages.po"
    po_path.parent.mkdir(parents=True, exist_ok=True)
    with TEMPLATE.open("rb") as template_file:
        template = read_po(template_file)
    if po_path.exists():
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=language)
    else:
        catalog = read_po(TEMPLATE.open("rb"), locale=language)
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    missing = 0
    for message in catalog:
        if not message.id:
            continue
        if language == "en" and not message.string:
            message.string = message.id
        if not message.string or (isinstance(message.string, tuple) and not all(message.string)):
            missing += 1
    with po_path.open("wb") as po_file:
        write_po(po_file, catalog, omit_header=False, sort_output=True, width=100)
    return missing


def main() -> int:
    """Extract, merge, and report untranslated entries per language."""
    subprocess.run(EXTRACT, cwd=ROOT, check=True)
    status = 0
    for language in LANGUAGES:
        missing = update_language(language)
        print(f"{language}: {missing} untranslated")
        status |= bool(missing)
    return status


if __name__ == "__main__":
    sys.exit(main())
