"""Turning raw bytes into text, strictly: invalid encodings are refused, not guessed around."""

from __future__ import annotations

import codecs
import re

from geobrief.errors import Code, IngestError

_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']""")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9._-]+)""", re.I)


def declared_encoding(data: bytes) -> str:
    """The encoding a document declares (BOM, XML declaration, HTML meta), else UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:2048]
    match = _XML_DECL.match(head) or _META_CHARSET.search(head)
    if match:
        name = match.group(1).decode("ascii").lower()
        try:
            return codecs.lookup(name).name
        except LookupError:
            return "utf-8"
    return "utf-8"


def decode(item: str, data: bytes, encoding: str | None = None) -> str:
    """Decode ``data`` strictly; name the byte offset of the first bad sequence on failure."""
    if not data.strip():
        raise IngestError(item, "empty file", Code.EMPTY)
    encoding = encoding or declared_encoding(data)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        label = "UTF-8" if encoding.startswith("utf-8") else encoding
        raise IngestError(
            item, f"invalid {label} at byte {exc.start}: {exc.reason}", Code.BAD_ENCODING
        ) from exc
    except LookupError as exc:
        raise IngestError(item, f"unknown encoding {encoding!r}", Code.BAD_ENCODING) from exc
