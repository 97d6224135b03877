"""Writing briefings to a folder: md, html and json per day, and an index page."""

from __future__ import annotations

from html import escape
from pathlib import Path

from geobrief.compose.render import render
from geobrief.compose.render.html import page
from geobrief.models import Briefing


def write_briefing(
    briefing: Briefing, folder: Path, formats: tuple[str, ...] = ("md", "html", "json"),
    name: str | None = None,
) -> list[Path]:
    """Write ``briefing`` as NAME.md, .html, .json (NAME defaults to its date)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        path = folder / f"{name or briefing.date.isoformat()}.{fmt}"
        path.write_text(render(briefing, fmt), encoding="utf-8")
        written.append(path)
    return written


def write_index(briefings: list[Briefing], folder: Path,
                personal: Briefing | None = None) -> Path:
    """An index page listing every briefing, newest first, with its stories (and the
    personal briefing, when there is one)."""
    rows = []
    if personal is not None:
        name = f"{personal.date.isoformat()}-{personal.id.rsplit(':', 1)[-1]}"
        titles = "".join(f"<li>{escape(s.title)}</li>" for s in personal.stories)
        rows.append(f'<li>Personal briefing, {personal.date.isoformat()}, for a reader in '
                    f'{escape(personal.readers[0])}: <a href="{name}.html">{name}</a>'
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
    path = folder / "index.html"
    path.write_text(page("geobrief · briefings", body), encoding="utf-8")
    return path
