"""Writing briefings to files: md, html and json per day, an index page, or one --out file.

Every file is written atomically (a temporary file in the same folder, flushed, then
renamed over the target), so a reader or a crash never sees half a briefing; and no file
is ever written over a store (the SQLite file given as ``--db``, its journal and lock
files, or any SQLite database): that is refused with GB405.
"""

from __future__ import annotations

import os
import tempfile
from html import escape
from pathlib import Path
from urllib.parse import quote

from geobrief.compose.render import render
from geobrief.compose.render.html import page
from geobrief.errors import Code, OutputError
from geobrief.models import Briefing

_SQLITE_HEADER = b"SQLite format 3\x00"
_STORE_SUFFIXES = ("", "-wal", "-shm", "-journal", ".analyse.lock")


def _is_store(path: Path, store: Path | None) -> bool:
    target = path.resolve()
    if store is not None:
        base = store.resolve()
        if any(target == Path(f"{base}{suffix}") for suffix in _STORE_SUFFIXES):
            return True
    try:
        with open(target, "rb") as handle:
            return handle.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError:
        return False


def check_output(path: Path, store: Path | None = None) -> None:
    """GB405 when ``path`` is the store, one of its files, or another SQLite database."""
    if _is_store(path, store):
        raise OutputError(f"refusing to write {str(path)!r}: it is the store (or another "
                          "SQLite database); choose another --out", Code.OUTPUT_IS_STORE)


def write_output(path: Path, text: str, store: Path | None = None) -> Path:
    """Write ``text`` to ``path`` atomically; never over the store or another database."""
    check_output(path, store)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write {str(path)!r}: {exc.strerror}") from exc
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"cannot write {str(path)!r}: {exc.strerror}") from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _file_name(name: str) -> str:
    """``name`` as one plain file name in the folder (a reader's name, a date)."""
    if not name or name.startswith(".") or any(c in name for c in "/\\\x00") or len(name) > 200:
        raise OutputError(f"cannot use {name[:80]!r} as a file name")
    return name


def write_briefing(
    briefing: Briefing, folder: Path, formats: tuple[str, ...] = ("md", "html", "json"),
    name: str | None = None, store: Path | None = None,
) -> list[Path]:
    """Write ``briefing`` as NAME.md, .html, .json (NAME defaults to its date)."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = _file_name(name or briefing.date.isoformat())
    return [write_output(folder / f"{stem}.{fmt}", render(briefing, fmt), store)
            for fmt in formats]


def write_index(briefings: list[Briefing], folder: Path,
                personal: Briefing | None = None, store: Path | None = None) -> Path:
    """An index page listing every briefing, newest first, with its stories (and the
    personal briefing, when there is one)."""
    rows = []
    if personal is not None:
        name = f"{personal.date.isoformat()}-{personal.id.rsplit(':', 1)[-1]}"
        titles = "".join(f"<li>{escape(s.title)}</li>" for s in personal.stories)
        rows.append(f'<li>Personal briefing, {personal.date.isoformat()}, for a reader in '
                    f'{escape(personal.readers[0])}: '
                    f'<a href="{escape(quote(name))}.html">{escape(name)}</a>'
                    f"<ul>{titles}</ul></li>")
    for b in sorted(briefings, key=lambda b: b.date, reverse=True):
        day = b.date.isoformat()
        titles = "".join(f"<li>{escape(s.title)}</li>" for s in b.stories)
        rows.append(
            f'<li><a href="{day}.html">{day}</a> · <a href="{day}.md">md</a> · '
            f'<a href="{day}.json">json</a><ul>{titles}</ul></li>'
        )
    body = (
        '<header class="briefing"><h1>geobrief briefings</h1>'
        f"<p>{len(briefings)} daily briefings, newest first</p></header>"
        f"<ul>{''.join(rows)}</ul>"
    )
    return write_output(folder / "index.html", page("geobrief · briefings", body), store)
