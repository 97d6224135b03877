"""geobrief: world news in, a cited daily geopolitical briefing out.

The library is the product; the ``geobrief`` command is a thin layer over it::

    import geobrief

    with geobrief.open(db="news.db") as gb:
        report = gb.ingest(["feeds/", "articles.jsonl"])
        gb.update()
        briefing = gb.brief("2024-11-22", readers=["US", "UA"])
        print(briefing.to_markdown())
        gb.publish(briefing)  # later briefings list it under "Previously"

Names are imported on first use, so that ``import geobrief.models`` (or any other module)
does not load the whole pipeline.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Geobrief": "geobrief.app", "open": "geobrief.app",
    "GeobriefError": "geobrief.errors",
    "IngestReport": "geobrief.ingest",
    "Briefing": "geobrief.models", "Citation": "geobrief.models", "Edition": "geobrief.models",
    "Line": "geobrief.models", "Outcome": "geobrief.models", "Personal": "geobrief.models",
    "Reader": "geobrief.models", "Reason": "geobrief.models", "Stance": "geobrief.models",
    "Status": "geobrief.models", "StoryBrief": "geobrief.models",
    "hookimpl": "geobrief.plugins",
    "Settings": "geobrief.settings",
    "Workers": "geobrief.analyse.cluster",
}

if TYPE_CHECKING:
    from geobrief.analyse.cluster import Workers
    from geobrief.app import Geobrief, open
    from geobrief.errors import GeobriefError
    from geobrief.ingest import IngestReport
    from geobrief.models import (
        Briefing,
        Citation,
        Edition,
        Line,
        Outcome,
        Personal,
        Reader,
        Reason,
        Stance,
        Status,
        StoryBrief,
    )
    from geobrief.plugins import hookimpl
    from geobrief.settings import Settings


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'geobrief' has no attribute {name!r}")


__all__ = ["Briefing", "Citation", "Edition", "Geobrief", "GeobriefError", "IngestReport",
           "Line", "Outcome", "Personal", "Reader", "Reason", "Settings", "Stance", "Status",
           "StoryBrief", "Workers", "__version__", "hookimpl", "open"]
