"""A digest of the knowledge in force: the bundled files and the user's knowledge folder.

It is part of the analysis signature, so that importing or editing knowledge re-analyses
the stored articles (mentions, claims, events, outlook and features are all linked with
it)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from geobrief.knowledge.load import DATA


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def knowledge_digest(extra: str | Path | None = None) -> str:
    """12 hex digits over the names and bytes of every knowledge file in force."""
    digest = hashlib.sha256()
    folders = [DATA] + ([Path(extra)] if extra is not None and Path(extra).is_dir() else [])
    for n, folder in enumerate(folders):
        for path in _files(folder):
            digest.update(f"{n}:{path.relative_to(folder).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:12]
