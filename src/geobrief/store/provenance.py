"""Which source an article belongs to: the key that scopes its URL and its content.

An article belongs to the source it came from: the URL fetched (the feed or the page, as
configured, credentials redacted), or the file read (its resolved path) and, for JSON
Lines, where every line names its own outlet, the outlet the line declares. What the
content says about its outlet is metadata. ``articles`` is unique by (source key, URL),
and one source's content is stored once: so one source never revises or hides another
source's article, and the same text from two sources is two reports of one origin (the
copies logic links them through ``articles.origin_id``).
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from geobrief.redact import redact_url

JSONL_SUFFIXES = (".jsonl", ".ndjson")
STDIN = "<stdin>"


def source_kind(name: str) -> str:
    """``url``, ``stdin`` or ``file``, for a SOURCE as given or as labelled."""
    if name in ("-", STDIN):
        return "stdin"
    return "url" if name.lower().startswith(("http://", "https://")) else "file"


def _url_basis(url: str) -> str:
    try:
        parts = urlsplit(redact_url(url.strip()))
        return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/",
                           parts.query, ""))
    except ValueError:
        return url.strip()


def source_key(name: str, claimed_outlet: str | None = None) -> str:
    """The fingerprint of the source ``name`` (a URL, a file path, ``-``/``<stdin>``);
    ``claimed_outlet`` counts for JSON Lines only."""
    kind = source_kind(name)
    outlet = (claimed_outlet or "").strip().casefold()
    if kind == "url":
        basis = "url\n" + _url_basis(name)
    elif kind == "stdin":
        basis = "stdin\n" + outlet
    else:
        basis = "file\n" + _resolved(os.getcwd(), name)
        if name.lower().endswith(JSONL_SUFFIXES):
            basis += "\n" + outlet
    return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()


@lru_cache(maxsize=256)
def _resolved(cwd: str, name: str) -> str:
    """A file's absolute path from ``cwd`` (once per file, not per line of JSON Lines)."""
    return str((Path(cwd) / name).resolve())
