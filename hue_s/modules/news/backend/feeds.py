"""RSS 2.0 and Atom feeds read safely: size cap, no DTD, no entities, no network, few entries.

lxml (already a dependency) with the parser settings CAP parsing uses; a broken entry is
skipped and logged, a repeated one kept once (its newest version).
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from lxml import etree

logger = logging.getLogger(__name__)
MAX_FEED_BYTES = 2 * 1024 * 1024
MAX_ENTRIES = 200
MAX_TITLE = 300
MAX_SUMMARY = 5000
ATOM = "{http://www.w3.org/2005/Atom}"
TAGS = re.compile(r"<[^>]*>")
SPACES = re.compile(r"[ \t\r\f\v]+")
CATEGORY_WORDS = {
    "traffic": ("giao thông", "traffic", "đường", "road"),
    "health": ("y tế", "sức khỏe", "sức khoẻ", "health", "dịch"),
    "environment": ("môi trường", "environment", "thời tiết", "weather", "không khí"),
    "culture": ("văn hóa", "văn hoá", "du lịch", "lễ hội", "culture", "festival", "tourism"),
    "education": ("giáo dục", "trường", "education", "school"),
    "announcement": ("thông báo", "announcement", "chính quyền", "government"),
}


class FeedError(ValueError):
    """A feed that is refused as a whole; the message says why."""


@dataclass(frozen=True)
class Entry:
    """One readable entry of a feed."""

    guid: str
    title: str
    summary: str
    link: str | None
    category: str
    published_at: datetime
    updated_at: datetime


def _parser() -> etree.XMLParser:
    """Return a parser that resolves no entity, loads no DTD and never touches the network."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=True, remove_pis=True, collect_ids=False,
    )  # fmt: skip


def plain_text(markup: str | None, limit: int) -> str:
    """Return the text of an entry's (possibly HTML) field, tags dropped, cut at `limit`."""
    text = html.unescape(TAGS.sub(" ", markup or ""))
    lines = (SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)[:limit]


def category_of(words: list[str]) -> str:
    """Map a feed's category words onto ours ('other' when none matches)."""
    joined = " ".join(words).lower()
    for category, keys in CATEGORY_WORDS.items():
        if any(key in joined for key in keys):
            return category
    return "other"


def _date(text: str | None) -> datetime | None:
    """Read an RFC 822 (RSS) or ISO 8601 (Atom) date; None when absent or unreadable."""
    if not text or not text.strip():
        return None
    text = text.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _child(node: etree._Element, *names: str) -> str | None:
    """Return the text of the first child with one of these tags."""
    for name in names:
        found = node.find(name)
        if found is not None and (found.text or "").strip():
            return found.text
    return None


def _web_link(value: str | None) -> str | None:
    """Keep a link only if it is http(s): a feed's javascript: or file: link is dropped."""
    value = (value or "").strip()
    return value[:1000] if value.lower().startswith(("http://", "https://")) else None


@dataclass(frozen=True)
class _Raw:
    """An entry as read, before it is checked."""

    guid: str
    title: str
    summary: str
    link: str | None
    words: list[str]
    published: datetime | None
    updated: datetime | None


def _rss_entry(item: etree._Element) -> _Raw:
    link = _web_link(_child(item, "{*}link"))
    return _Raw(
        guid=(_child(item, "{*}guid") or link or "").strip(),
        title=plain_text(_child(item, "{*}title"), MAX_TITLE),
        summary=plain_text(_child(item, "{*}description", "{*}encoded"), MAX_SUMMARY),
        link=link,
        words=[c.text or "" for c in item.findall("{*}category")],
        published=_date(_child(item, "pubDate", "{*}date")),
        updated=None,
    )


def _atom_entry(entry: etree._Element) -> _Raw:
    links = entry.findall(f"{ATOM}link")
    alternate = [n.get("href") for n in links if n.get("rel", "alternate") == "alternate"]
    link = _web_link(alternate[0] if alternate else None)
    return _Raw(
        guid=(_child(entry, f"{ATOM}id") or link or "").strip(),
        title=plain_text(_child(entry, f"{ATOM}title"), MAX_TITLE),
        summary=plain_text(_child(entry, f"{ATOM}summary", f"{ATOM}content"), MAX_SUMMARY),
        link=link,
        words=[c.get("term") or c.get("label") or "" for c in entry.findall(f"{ATOM}category")],
        published=_date(_child(entry, f"{ATOM}published")),
        updated=_date(_child(entry, f"{ATOM}updated")),
    )


def parse_feed(data: bytes, *, now: datetime) -> list[Entry]:
    """Return a feed's readable entries, each guid once (its latest update); raise FeedError."""
    if len(data) > MAX_FEED_BYTES:
        raise FeedError(f"feed of {len(data)} bytes is over the {MAX_FEED_BYTES}-byte limit")
    if b"<!DOCTYPE" in data[:65536].upper():
        raise FeedError("feed declares a DTD; refused")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        raise FeedError(f"not well-formed XML ({error})") from None
    if root.tag == f"{ATOM}feed":
        raw = [_atom_entry(node) for node in root.findall(f"{ATOM}entry")[:MAX_ENTRIES]]
    elif root.tag == "rss" or root.tag.endswith("RDF"):
        raw = [_rss_entry(node) for node in root.iter("{*}item")][:MAX_ENTRIES]
    else:
        raise FeedError(f"not RSS nor Atom (root <{root.tag}>)")
    entries: dict[str, Entry] = {}
    for position, found in enumerate(raw):
        if not found.guid or not found.title:
            why = "id" if found.title else "title"
            logger.warning("skipping feed entry %d: it has no %s", position, why)
            continue
        published = found.published or found.updated or now
        entry = Entry(
            guid=found.guid[:500], title=found.title, summary=found.summary, link=found.link,
            category=category_of(found.words), published_at=published,
            updated_at=found.updated or published,
        )  # fmt: skip
        kept = entries.get(entry.guid)
        if kept is None or entry.updated_at > kept.updated_at:
            entries[entry.guid] = entry
    return list(entries.values())
