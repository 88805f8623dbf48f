"""Find the CAP alerts in a document: a lone alert, an <alerts> list, an EDXL-DE envelope,
or an Atom/RSS feed whose entries embed CAP or link to it."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import etree

from hue_s.modules.alerts.backend.cap.safe_xml import (
    CapError,
    local_name,
    namespace_of,
    parse_untrusted_xml,
)

ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
EDXL_DE_NAMESPACE = "urn:oasis:names:tc:emergency:EDXL:DE:1.0"


@dataclass(frozen=True)
class DocumentItem:
    """One alert slot of a document: an embedded <alert>, a link to one, or why neither.

    A feed entry may have both; its link is the fallback when the embedded alert is refused.
    """

    label: str
    """Where it is, for messages: 'alert', 'alert 2', 'entry 3', ..."""
    alert: etree._Element | None = None
    link: str | None = None
    problem: CapError | None = None


@dataclass(frozen=True)
class CapDocument:
    """What a document holds: its kind ('alert', 'alerts', 'edxl', 'atom', 'rss') and items."""

    kind: str
    items: list[DocumentItem]


def _descendant_alert(element: etree._Element) -> etree._Element | None:
    """Return the first <alert> inside element, also when it is escaped as text, else None."""
    for found in element.iter():
        if found is not element and local_name(found) == "alert":
            return found
    for holder in element:
        text = (holder.text or "").strip()
        if local_name(holder) not in ("content", "description") or not text.startswith("<"):
            continue
        try:
            inner = parse_untrusted_xml(text.encode("utf-8"))
        except CapError:
            continue
        if local_name(inner) == "alert":
            return inner
    return None


def _atom_link(entry: etree._Element, base: str | None) -> str | None:
    """Return the entry link most likely to be CAP: typed cap+xml, then alternate, then any."""
    links = [link for link in entry if local_name(link) == "link" and link.get("href")]
    ranked = sorted(
        links,
        key=lambda link: (
            "cap" not in (link.get("type") or "").lower(),
            (link.get("rel") or "alternate") != "alternate",
        ),
    )
    if not ranked:
        return None
    return urljoin(base or "", (ranked[0].get("href") or "").strip())


def _rss_link(item: etree._Element, base: str | None) -> str | None:
    """Return an RSS item's CAP link: a cap enclosure, else <link>, else a permalink guid."""
    for child in item:
        if local_name(child) == "enclosure" and "cap" in (child.get("type") or "").lower():
            return urljoin(base or "", child.get("url") or "")
    for name in ("link", "guid"):
        for child in item:
            if local_name(child) != name or not (child.text or "").strip():
                continue
            if name == "guid" and child.get("isPermaLink", "true") == "false":
                continue
            text = (child.text or "").strip()
            if name == "link" or text.startswith(("http://", "https://")):
                return urljoin(base or "", text)
    return None


def _entry_item(label: str, entry: etree._Element, link: str | None) -> DocumentItem:
    """Return the item of one feed entry: its embedded alert, else its link, else a problem."""
    embedded = _descendant_alert(entry)
    if embedded is not None:
        return DocumentItem(label=label, alert=embedded, link=link)
    if link:
        return DocumentItem(label=label, link=link)
    problem = CapError("no_alert_in_entry", f"Refused {label}: no embedded CAP and no link")
    return DocumentItem(label=label, problem=problem)


def _feed_items(root: etree._Element, base: str | None) -> CapDocument:
    """Return the items of an Atom feed or an RSS channel."""
    if local_name(root) == "feed":
        entries = [entry for entry in root if local_name(entry) == "entry"]
        items = [
            _entry_item(f"entry {number}", entry, _atom_link(entry, base))
            for number, entry in enumerate(entries, start=1)
        ]
        return CapDocument(kind="atom", items=items)
    channel_items = [item for item in root.iter() if local_name(item) == "item"]
    items = [
        _entry_item(f"item {number}", item, _rss_link(item, base))
        for number, item in enumerate(channel_items, start=1)
    ]
    return CapDocument(kind="rss", items=items)


def _numbered(kind: str, alerts: list[etree._Element]) -> CapDocument:
    """Return a document of embedded alerts labelled 'alert 1', 'alert 2', ..."""
    items = [
        DocumentItem(label=f"alert {number}", alert=alert)
        for number, alert in enumerate(alerts, start=1)
    ]
    return CapDocument(kind=kind, items=items)


def read_cap_document(data: bytes, base_url: str | None = None) -> CapDocument:
    """Parse an untrusted document and list the alerts in it, or raise CapError."""
    root = parse_untrusted_xml(data)
    name, namespace = local_name(root), namespace_of(root)
    if name == "alert":
        return CapDocument(kind="alert", items=[DocumentItem(label="alert", alert=root)])
    if name == "alerts":
        return _numbered("alerts", [child for child in root if local_name(child) == "alert"])
    if name == "EDXLDistribution" and namespace == EDXL_DE_NAMESPACE:
        embedded = [
            child
            for content in root.iter(f"{{{EDXL_DE_NAMESPACE}}}embeddedXMLContent")
            for child in content
            if local_name(child) == "alert"
        ]
        return _numbered("edxl", embedded)
    if (name == "feed" and namespace == ATOM_NAMESPACE) or name in ("rss", "RDF"):
        return _feed_items(root, base_url)
    shown = f"{{{namespace}}}{name}" if namespace else name
    raise CapError(
        "not_cap",
        f"Refused: <{shown}> is not a CAP alert, an Atom or RSS feed, or an EDXL-DE envelope",
    )
