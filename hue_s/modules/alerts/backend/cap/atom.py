"""Write the Atom index of active alerts, each entry linking to its CAP 1.2 document."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from hue_s.modules.alerts.backend.cap.safe_xml import local_name

ATOM = "http://www.w3.org/2005/Atom"
CAP_MEDIA_TYPE = "application/cap+xml"


@dataclass(frozen=True)
class IndexEntry:
    """One alert in the index."""

    cap_url: str
    title: str
    updated: datetime
    author: str
    summary: str | None
    categories: list[str]


def _add(parent: etree._Element, name: str, text: str | None = None, **attributes: str) -> None:
    """Append an Atom element with optional text and attributes."""
    child = etree.SubElement(parent, f"{{{ATOM}}}{name}", attributes)
    if text is not None:
        child.text = text


def atom_index(
    feed_url: str, title: str, author: str, entries: list[IndexEntry], now: datetime
) -> bytes:
    """Return an Atom 1.0 feed listing the given alerts, newest update as the feed's date."""
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    _add(feed, "id", feed_url)
    _add(feed, "title", title)
    updated = max((entry.updated for entry in entries), default=now)
    _add(feed, "updated", updated.isoformat())
    author_element = etree.SubElement(feed, f"{{{ATOM}}}author")
    _add(author_element, "name", author)
    _add(feed, "link", rel="self", href=feed_url, type="application/atom+xml")
    for entry in entries:
        element = etree.SubElement(feed, f"{{{ATOM}}}entry")
        _add(element, "id", entry.cap_url)
        _add(element, "title", entry.title)
        _add(element, "updated", entry.updated.isoformat())
        entry_author = etree.SubElement(element, f"{{{ATOM}}}author")
        _add(entry_author, "name", entry.author)
        _add(element, "link", rel="alternate", type=CAP_MEDIA_TYPE, href=entry.cap_url)
        for category in entry.categories:
            _add(element, "category", term=category)
        if entry.summary:
            _add(element, "summary", entry.summary)
    return etree.tostring(feed, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def entry_links(feed: etree._Element) -> list[str]:
    """Return the CAP links of an Atom index (for tests and round trips)."""
    return [
        link.get("href", "")
        for entry in feed
        if local_name(entry) == "entry"
        for link in entry
        if local_name(link) == "link" and link.get("type") == CAP_MEDIA_TYPE
    ]
