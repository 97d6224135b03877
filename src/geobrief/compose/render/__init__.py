"""Renderers: Markdown, self-contained HTML and JSON, from one Briefing."""

from __future__ import annotations

from collections.abc import Callable

from geobrief.compose.render.html import render_html
from geobrief.compose.render.jsonfmt import render_json
from geobrief.compose.render.markdown import render_markdown
from geobrief.models import Briefing

RENDERERS: dict[str, Callable[[Briefing], str]] = {
    "md": render_markdown,
    "html": render_html,
    "json": render_json,
}

__all__ = ["RENDERERS", "render_html", "render_json", "render_markdown"]
