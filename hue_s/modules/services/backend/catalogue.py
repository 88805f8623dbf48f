"""The procedure catalogue in memory: localized pages, and search that ignores diacritics.

The catalogue is reference data frozen by the migrations, so each process reads it once
(`catalogue_of`) and answers lists and searches from memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from hue_s.modules.services.backend.models import CataloguePart, ProcedureRow
from hue_s.modules.services.wire import Procedure, ProcedureSummary, Topic, Topics, fold

LANGUAGES = ("vi", "en")
KIND_NAMES = {
    "in_person": {"vi": "Trực tiếp", "en": "In person"},
    "online": {"vi": "Trực tuyến", "en": "Online"},
    "postal": {"vi": "Bưu chính công ích", "en": "By post"},
}
FREE = {"vi": "Miễn phí", "en": "Free"}


def words_of(text: str) -> list[str]:
    """Return the folded words of a text."""
    return "".join(char if char.isalnum() else " " for char in fold(text)).split()


def localize(value: Any, language: str) -> Any:
    """Replace every {"vi": ..., "en": ...} inside a value by its text in one language."""
    if isinstance(value, dict):
        if set(value) == set(LANGUAGES):
            return value[language]
        return {key: localize(item, language) for key, item in value.items()}
    if isinstance(value, list):
        return [localize(item, language) for item in value]
    return value


def fee_text(channels: list[dict[str, Any]], language: str) -> str:
    """Return the fee of the first channel in a few words."""
    fees = channels[0]["fees"] if channels else []
    if all(fee["amount"] == 0 for fee in fees):
        return FREE[language]
    return "; ".join(fee["description"] for fee in fees)


@dataclass
class Entry:
    """One procedure: its page and list line in each language, and the words that find it
    (folded, each after a space, so that " word" finds a word's start with one `in`)."""

    pages: dict[str, Procedure]
    summaries: dict[str, ProcedureSummary]
    name_text: str
    text: str


@dataclass
class Catalogue:
    """The whole catalogue, indexed for lists and search."""

    entries: list[Entry] = field(default_factory=list)
    topics: dict[str, Topics] = field(default_factory=dict)
    by_code: dict[str, Entry] = field(default_factory=dict)

    def search(
        self,
        language: str,
        query: str = "",
        field_code: str | None = None,
        life_event: str | None = None,
        audience: str | None = None,
    ) -> list[ProcedureSummary]:
        """Return the procedures matching every typed word (as a word's start, in vi or en)
        and the filters; those whose name has all the words first."""
        tokens = [" " + token for token in words_of(query)]
        found: list[tuple[int, int, Entry]] = []
        for position, entry in enumerate(self.entries):
            page = entry.summaries[language]
            if field_code and page.field != field_code:
                continue
            if life_event and life_event not in page.life_events:
                continue
            if audience and page.audience != audience:
                continue
            if not all(token in entry.text for token in tokens):
                continue
            in_name = all(token in entry.name_text for token in tokens)
            found.append((0 if in_name else 1, position, entry))
        found.sort(key=lambda item: item[:2])
        return [entry.summaries[language] for _, _, entry in found]

    def page(self, code: str, language: str) -> Procedure | None:
        """Return a procedure's page, or None."""
        entry = self.by_code.get(code)
        return entry.pages[language] if entry else None


def summary(page: Procedure) -> ProcedureSummary:
    """Return the list fields of a page."""
    return ProcedureSummary.model_validate(
        page.model_dump(include=set(ProcedureSummary.model_fields))
    )


def build_catalogue(session: Session) -> Catalogue:
    """Read the catalogue tables into memory (blocking)."""
    parts: dict[str, dict[str, Any]] = {}
    for part in session.scalars(
        select(CataloguePart).order_by(CataloguePart.kind, CataloguePart.code)
    ):
        parts.setdefault(part.kind, {})[part.code] = part.document
    catalogue = Catalogue()
    rows = session.scalars(select(ProcedureRow).order_by(ProcedureRow.position))
    for row in rows:
        entry = entry_of(row.document, parts)
        catalogue.entries.append(entry)
        catalogue.by_code[row.document["code"]] = entry
    for language in LANGUAGES:
        catalogue.topics[language] = topics_of(catalogue, parts, language)
    return catalogue


def entry_of(document: dict[str, Any], parts: dict[str, dict[str, Any]]) -> Entry:
    """Return one procedure's pages and words."""
    pages = {}
    text: list[str] = []
    for language in LANGUAGES:
        raw = localize(document, language)
        form = parts.get("form", {}).get(document.get("form") or "")
        channels = raw["channels"]
        page = Procedure(
            **{key: raw[key] for key in ("code", "name", "field", "level", "audience")},
            field_name=localize(parts["field"][raw["field"]]["name"], language),
            authority=localize(parts["authority"][raw["authority"]]["name"], language),
            life_events=raw["life_events"],
            online=form is not None and any(c["kind"] == "online" for c in channels),
            processing_time=channels[0]["processing_time"],
            fee_text=fee_text(channels, language),
            steps=raw["steps"],
            channels=channels,
            documents=raw["documents"],
            conditions=raw["conditions"],
            legal_basis=raw["legal_basis"],
            result=raw["result"],
            form=localize(form["fields"], language) if form else [],
        )
        pages[language] = page
        text += [page.name, raw["keywords"], page.field_name]
    names = " ".join(pages[language].name for language in LANGUAGES)
    all_words = sorted(set(words_of(" ".join(text) + " " + document["code"])))
    summaries = {language: summary(page) for language, page in pages.items()}
    return Entry(pages, summaries, " " + " ".join(words_of(names)), " " + " ".join(all_words))


def topics_of(catalogue: Catalogue, parts: dict[str, dict[str, Any]], language: str) -> Topics:
    """Return the fields and life events with their procedure counts, in catalogue order."""
    pages = [entry.pages[language] for entry in catalogue.entries]
    fields = [
        Topic(code=code, name=localize(part["name"], language), count=n)
        for code, part in parts.get("field", {}).items()
        if (n := sum(page.field == code for page in pages))
    ]
    events = [
        Topic(
            code=code,
            name=localize(part["name"], language),
            count=n,
            audience=part.get("audience"),
        )
        for code, part in parts.get("life_event", {}).items()
        if (n := sum(code in page.life_events for page in pages))
    ]
    return Topics(fields=fields, life_events=events)


async def catalogue_of(request: Request) -> Catalogue:
    """FastAPI dependency: the process's catalogue, read on first use."""
    state = request.app.state
    catalogue: Catalogue | None = getattr(state, "services_catalogue", None)
    if catalogue is None:

        def load() -> Catalogue:
            with state.session_factory() as session:
                return build_catalogue(session)

        catalogue = await run_in_threadpool(load)
        state.services_catalogue = catalogue
    return catalogue
