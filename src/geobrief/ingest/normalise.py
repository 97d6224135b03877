"""Normalising what parsers return: URLs, text, dates, language and the content fingerprint."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import py3langid
from lxml import html as lxml_html

from geobrief.errors import Code, IngestError

_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|mc_cid$|mc_eid$|ocid$|cmpid$|at_)", re.I)
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_BLANKS = re.compile(r"\n\s*\n+")


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, drop the fragment, tracking parameters and default ports."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and (scheme, parts.port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{parts.port}"
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
    host = urlsplit(url).hostname
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
    """An ISO 8601 (or RFC 822) date as an aware UTC datetime; None when it cannot be read."""
    if not value:
        return None
    value = value.strip()
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def check_published(
    item: str, published: datetime | None, tolerance_hours: float, now: datetime | None = None
) -> datetime:
    """Refuse an article with no date or one dated in the future (beyond a tolerance)."""
    if published is None:
        raise IngestError(item, "no publication date", Code.MISSING_DATE)
    now = now or datetime.now(UTC)
    if published > now + timedelta(hours=tolerance_hours):
        raise IngestError(
            item, f"publication date {published.isoformat()} is in the future", Code.FUTURE_DATE
        )
    return published
