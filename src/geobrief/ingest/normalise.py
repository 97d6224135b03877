"""Normalising what parsers return: URLs, text, dates, language and the content fingerprint."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import py3langid
from lxml import html as lxml_html

_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|mc_cid$|mc_eid$|ocid$|cmpid$|at_)", re.I)
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_BLANKS = re.compile(r"\n\s*\n+")


class InvalidURL(ValueError):
    """A URL that does not parse: a port out of range, a broken IPv6 host, no host."""


class DateOutOfRange(ValueError):
    """A date that reads but cannot be a time in UTC (year 0, 0001-01-01 east of UTC)."""


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, drop the fragment, tracking parameters and default ports.

    Raises InvalidURL when the URL does not parse or names no host."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:  # "Port out of range 0-65535", "Invalid IPv6 URL"
        raise InvalidURL(str(exc)) from exc
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if not host:
        raise InvalidURL("no host")
    if ":" in host:  # an IPv6 address keeps its brackets
        host = f"[{host}]"
    if port and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING.match(k)
        ]
    )
    path = parts.path or "/"
    return urlunsplit((scheme, host, path, query, ""))


def domain_of(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:  # a broken IPv6 host: no domain rather than a failed source
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def clean_text(text: str) -> str:
    """Unicode NFC, one space between words, one blank line between paragraphs."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", text).strip()


_BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "tr"}


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (feed content), keeping paragraph breaks."""
    if "<" not in fragment:
        return clean_text(fragment)
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types on junk; fall back to tag stripping
        return clean_text(re.sub(r"<[^>]+>", " ", fragment))
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n\n" + (element.tail or "")
    return clean_text(root.text_content())


def content_hash(title: str, text: str) -> str:
    """Fingerprint of what an article says, blind to case and white space."""
    basis = " ".join(f"{title}\n{text}".lower().split())
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()


def detect_language(text: str, declared: str | None = None) -> str:
    """The declared language when there is one (``en-GB`` -> ``en``), else a detected one."""
    if declared:
        code = declared.strip().lower().replace("_", "-").split("-")[0]
        if re.fullmatch(r"[a-z]{2,3}", code):
            return code
    lang, _score = py3langid.classify(text[:2000])
    return str(lang)


def parse_datetime(value: str | None) -> datetime | None:
    """An ISO 8601 (or RFC 822) date as an aware UTC datetime; None when it cannot be read.

    Raises DateOutOfRange for a date that reads but has no UTC time (0001-01-01 at +01:00)."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError) as exc:
        raise DateOutOfRange(f"publication date {value[:40]!r} is out of range") from exc
