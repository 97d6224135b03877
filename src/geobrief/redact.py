"""Keeping credentials out of logs and the store.

A feed URL may carry a password (``https://user:secret@host/feed``) or a token in its
query (``?api_key=...``). geobrief fetches with the URL as given, but every message it
prints and every URL or label it stores goes through ``redact`` first.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MASK = "***"
# query parameters whose values are secrets by name (api_key, access_token, sig, ...)
_SECRET_PARAM = re.compile(
    r"(^|[_-])(key|apikey|token|secret|password|passwd|pwd|pass|auth|sig|signature|"
    r"session|sessionid|credential|credentials)$",
    re.I,
)
_USERINFO = re.compile(r"(?P<scheme>\b[a-z][a-z0-9+.-]*://)(?P<userinfo>[^/?#@\s]+)@", re.I)
_URL = re.compile(r"\bhttps?://[^\s'\"<>]+", re.I)


def redact_url(url: str) -> str:
    """``url`` with any user name, password and secret-named query values masked."""
    url = _USERINFO.sub(lambda m: f"{m['scheme']}{MASK}@", url)
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.query:
        return url
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if not any(_SECRET_PARAM.search(k) for k, _ in pairs):
        return url
    query = urlencode([(k, MASK if _SECRET_PARAM.search(k) else v) for k, v in pairs],
                      safe="*")
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def redact(text: str) -> str:
    """``text`` (a message, a label) with every URL in it redacted."""
    text = _URL.sub(lambda m: redact_url(m.group(0)), text)
    return _USERINFO.sub(lambda m: f"{m['scheme']}{MASK}@", text)
