"""geobrief: world news in, a cited daily geopolitical briefing out.

The library is the product; the ``geobrief`` command is a thin layer over it::

    import geobrief

    with geobrief.open(db="news.db") as gb:
        report = gb.ingest(["feeds/", "articles.jsonl"])
        gb.update()
        briefing = gb.brief("2024-11-22", readers=["US", "UA"])
        print(briefing.to_markdown())
        gb.publish(briefing)  # later briefings list it under "Previously"
"""

__version__ = "0.1.0"

from geobrief.app import Geobrief, open  # noqa: E402
from geobrief.errors import GeobriefError  # noqa: E402
from geobrief.ingest import IngestReport  # noqa: E402
from geobrief.models import (  # noqa: E402
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
from geobrief.plugins import hookimpl  # noqa: E402
from geobrief.settings import Settings  # noqa: E402

__all__ = ["Briefing", "Citation", "Edition", "Geobrief", "GeobriefError", "IngestReport",
           "Line", "Outcome", "Personal", "Reader", "Reason", "Settings", "Stance", "Status",
           "StoryBrief", "__version__", "hookimpl", "open"]
