"""Extract messages into hue_s/i18n/messages.pot and merge them into every language's catalog.

English is the source language, so its catalog is filled with the source text; Vietnamese
keeps its translations and gets new, empty entries to translate. The visitors' languages
(zh, ko, ja, fr) are partial: they get only the messages of the shell and the alerts module
(`hue_s.app.i18n.VISITOR_SCOPE`) to translate, keep any other translation they have, and are
reported untranslated for that scope only; the app shows their other words in English.
Run: python scripts/update_catalogs.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from hue_s.app.i18n import FALLBACK_LANGUAGES, visitor_scope_messages

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = ROOT / "hue_s" / "i18n"
TEMPLATE = CATALOGS / "messages.pot"
LANGUAGES = ("vi", "en")
EXTRACT = [
    sys.executable, "-m", "babel.messages.frontend", "--quiet", "extract", "-F", "babel.cfg",
    "-k", "_", "-k", "N_", "-k", "ngettext:1,2", "--no-location", "--sort-output",
    "--omit-header", "-o", str(TEMPLATE), ".",
]  # fmt: skip


def singular(message_id: str | tuple[str, ...]) -> str:
    """Return a message's id, or a plural message's singular."""
    return message_id if isinstance(message_id, str) else message_id[0]


def narrow(template: Catalog, scope: set[str], translated: set[str]) -> None:
    """Keep in a template only the messages of a scope and those already translated."""
    for message in list(template):
        key = singular(message.id) if message.id else ""
        if key and key not in scope and key not in translated:
            del template[message.id]


def update_language(
    language: str,
    *,
    template_path: Path = TEMPLATE,
    catalogs: Path = CATALOGS,
    scope: set[str] | None = None,
) -> int:
    """Merge the template into one language's catalog; return how many entries lack text.

    With a `scope` (a partial language), only the scope's messages are added and counted.
    """
    po_path = catalogs / language / "LC_MESSAGES" / "messages.po"
    po_path.parent.mkdir(parents=True, exist_ok=True)
    with template_path.open("rb") as template_file:
        template = read_po(template_file)
    if po_path.exists():
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=language)
    else:
        catalog = Catalog(locale=language, project="Hue-S")
    if scope is not None:
        narrow(template, scope, {singular(m.id) for m in catalog if m.id and m.string})
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    missing = 0
    for message in catalog:
        if not message.id:
            continue
        if language == "en" and not message.string:
            message.string = message.id
        if scope is not None and singular(message.id) not in scope:
            continue
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
    scope = visitor_scope_messages()
    for language in FALLBACK_LANGUAGES:
        missing = update_language(language, scope=scope)
        print(f"{language}: {missing} of the shell's and alerts' untranslated (others: English)")
        status |= bool(missing)
    return status


if __name__ == "__main__":
    sys.exit(main())
