"""Refusing hostile or broken XML before a feed parser sees it.

feedparser's lenient parser would happily expand internal entities; defusedxml refuses
entity declarations ("billion laughs") and external references outright.
"""

from __future__ import annotations

from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from geobrief.errors import Code, IngestError


def check_xml(item: str, data: bytes) -> None:
    """Raise IngestError when ``data`` declares entities, references externals or is malformed."""
    try:
        fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise IngestError(
            item,
            f"refused: XML declares entities or external references ({type(exc).__name__})",
            Code.FORBIDDEN_XML,
        ) from exc
    except ParseError as exc:
        raise IngestError(item, f"malformed XML: {exc}", Code.MALFORMED_XML) from exc
