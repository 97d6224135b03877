"""Renderers: Markdown, self-contained HTML and JSON (and any a plugin adds), from one
Briefing."""

from __future__ import annotations

from geobrief.compose.render.html import render_html
from geobrief.compose.render.jsonfmt import render_json
from geobrief.compose.render.markdown import render_markdown
from geobrief.errors import Code, ComposeError
from geobrief.models import Briefing


def renderers() -> dict:
    """Every output format: the built-in ones and those plugins add."""
    from geobrief.plugins import registry

    return registry().renderers


def render(briefing: Briefing, fmt: str) -> str:
    found = renderers()
    if fmt not in found:
        raise ComposeError(f"unknown format {fmt!r} (known: {', '.join(sorted(found))})",
                           Code.UNKNOWN_OUTPUT)
    return str(found[fmt](briefing))


__all__ = ["render", "render_html", "render_json", "render_markdown", "renderers"]
