"""Parse untrusted XML safely: size cap, no DTD, no entities, no network, no huge trees."""

from __future__ import annotations

import re

from lxml import etree

MAX_DOCUMENT_BYTES = 4 * 1024 * 1024
"""Largest CAP document or feed accepted (the biggest real sample, an NWS index, is 276 KB)."""
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
DOCTYPE = re.compile(rb"<!DOCTYPE|<\x00!\x00D\x00O\x00C\x00|\x00<\x00!\x00D\x00O\x00C")
MAX_PROLOG_BYTES = 64 * 1024
ENCODING_ERRORS = ("not proper UTF-8", "Invalid bytes in character encoding")


class CapError(ValueError):
    """A CAP document or alert that is refused; `code` is stable, the message is one line."""

    def __init__(self, code: str, message: str) -> None:
        """Remember the stable code and the English message."""
        super().__init__(message)
        self.code = code
        self.message = message


def _dtd_refused() -> CapError:
    """Return the error for a document that declares a DTD."""
    return CapError(
        "dtd_refused",
        "Refused: the document declares a DTD (<!DOCTYPE>); CAP needs none and DTD "
        "entities are an attack vector (XXE, entity expansion)",
    )


def _parser() -> etree.XMLParser:
    """Return a parser that never resolves entities, loads DTDs or touches the network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
    )


def _parse_latin1_mislabelled(data: bytes) -> etree._Element:
    """Parse a document that claims UTF-8 but is really Windows-1252 (a common feed fault)."""
    text = XML_DECLARATION.sub("", data.decode("cp1252", errors="replace"), count=1)
    return etree.fromstring(text, _parser())


def parse_untrusted_xml(data: bytes) -> etree._Element:
    """Return the root element of an untrusted document, or raise CapError saying why not."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise CapError(
            "too_large", f"Refused: {len(data)} bytes is over the {MAX_DOCUMENT_BYTES}-byte limit"
        )
    if not data.strip():
        raise CapError("empty", "Refused: the document is empty")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        if DOCTYPE.search(data[:MAX_PROLOG_BYTES]):
            raise _dtd_refused() from None
        if not any(sign in str(error) for sign in ENCODING_ERRORS):
            raise CapError("not_xml", f"Refused: not well-formed XML ({error})") from None
        try:
            root = _parse_latin1_mislabelled(data)
        except etree.XMLSyntaxError as retry_error:
            raise CapError("not_xml", f"Refused: not well-formed XML ({retry_error})") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise _dtd_refused()
    return root


def local_name(element: etree._Element) -> str:
    """Return an element's tag without its namespace ('' for comments and the like)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return etree.QName(tag).localname


def namespace_of(element: etree._Element) -> str:
    """Return an element's namespace URI ('' when it has none)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return etree.QName(tag).namespace or ""
