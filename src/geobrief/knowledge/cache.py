"""A cache of parsed knowledge files, so the knowledge loads fast after the first run.

PyYAML spends most of a load building Python objects, even with the C parser: the bundled
files take about 0.4 s to parse and about 0.02 s to unpickle. Each parsed file is stored
under a key made of the SHA-256 of its bytes and the PyYAML version, so an edited file is
parsed again and a stale entry is never used. The cache lives in ``$GEOBRIEF_CACHE_DIR``,
else ``$XDG_CACHE_HOME/geobrief``, else ``~/.cache/geobrief``; ``GEOBRIEF_CACHE_DIR=off``
turns it off. A cache that cannot be read or written is ignored: the file is parsed as
if there were none.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

FORMAT = 1  # bump when what is cached changes shape


def cache_dir() -> Path | None:
    """Where parsed files are cached, or None when caching is off."""
    configured = os.environ.get("GEOBRIEF_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "none") \
            else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "geobrief"


def cached_parse(raw: bytes, parse: Callable[[bytes], Any]) -> Any:
    """``parse(raw)``, from the cache when these exact bytes were parsed before."""
    folder = cache_dir()
    if folder is None:
        return parse(raw)
    digest = hashlib.sha256(raw).hexdigest()
    path = folder / f"knowledge-{FORMAT}-{yaml.__version__}-{digest}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    value = parse(raw)  # parse errors propagate, and nothing is cached
    _store(path, value)
    return value


def _store(path: Path, value: Any) -> None:
    """Write atomically (a temporary file renamed), so a reader never sees half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)  # a full disk leaves no half-written file
