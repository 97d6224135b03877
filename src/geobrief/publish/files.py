"""Writing briefings to a folder: md, html and json per day, and an index page."""

from __future__ import annotations

from html import escape
from pathlib import Path

from geobrief.compose.render import RENDERERS
from geobrief.compose.render.html import page
from geobrief.models import Briefing


def write_briefing(
    briefing: Briefing, folder: Path, formats: tuple[str, ...] = ("md", "html", "json")
) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        path = folder / f"{briefing.date.isoformat()}.{fmt}"
        path.write_text(RENDERERS[fmt](briefing), encoding="utf-8")
        written.append(path)
    return written


def write_index(briefings: list[Briefing], folder: Path) -> Path:
    """An index page listing every briefing, newest first, with its stories."""
    rows = []
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
