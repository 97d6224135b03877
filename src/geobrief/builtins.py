"""The built-in input formats, sections, renderers and writer, registered through the
same hooks as plugins (``geobrief.plugins``)."""

from __future__ import annotations

from typing import Any

from geobrief.plugins import BuiltinSection, hookimpl

# The story sections every briefing has, in order: they drive the renderers' headings and
# the JSON schema's required story keys (a test checks the schema against them).
SECTIONS = [
    BuiltinSection("at_a_glance", "At a glance"),
    BuiltinSection("what_is_happening", "What is happening?"),
    BuiltinSection("what_is_in_it_for_you", "What is in it for you?"),
    BuiltinSection("what_happens_next", "What happens next?"),
    BuiltinSection("previously", "Previously"),
]


class _Detected:
    """A built-in format: picked by suffix, content type or content (ingest.sources)."""

    builtin = True

    def __init__(self, name: str, suffixes: tuple[str, ...]) -> None:
        self.name = name
        self.suffixes = suffixes

    def parse(self, name: str, data: bytes, outlets: Any) -> Any:
        raise NotImplementedError("built-in formats are parsed by geobrief.ingest.sources")


@hookimpl
def geobrief_input_formats() -> list[Any]:
    from geobrief.ingest.sources import FEED_SUFFIXES, JSONL_SUFFIXES, PAGE_SUFFIXES

    return [_Detected("feed", tuple(sorted(FEED_SUFFIXES))),
            _Detected("page", tuple(sorted(PAGE_SUFFIXES))),
            _Detected("jsonl", tuple(sorted(JSONL_SUFFIXES)))]


@hookimpl
def geobrief_sections() -> list[Any]:
    return list(SECTIONS)


@hookimpl
def geobrief_renderers() -> dict[str, Any]:
    from geobrief.compose.render.html import render_html
    from geobrief.compose.render.jsonfmt import render_json
    from geobrief.compose.render.markdown import render_markdown

    return {"md": render_markdown, "html": render_html, "json": render_json}


@hookimpl
def geobrief_writers() -> dict[str, Any]:
    from geobrief.compose.writer import NAME, ExtractiveWriter

    return {NAME: ExtractiveWriter()}
