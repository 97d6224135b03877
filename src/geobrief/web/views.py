"""A briefing as the pages show it: stories with numbered sources, sections with their
lines (each with its address for an editor's form), as plain typed views that the
templates only print (Jinja escapes every value)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

from geobrief.compose.render.common import (
    Sources,
    band_label,
    reader_name,
    safe_url,
    status_label,
    story_meta,
)
from geobrief.editorial import sections
from geobrief.models import Briefing, Line, StoryBrief
from geobrief.store.editorial import Correction

TITLES = {"at_a_glance": "At a glance", "what_is_happening": "What is happening?",
          "what_happens_next": "What happens next?"}


@dataclass
class LineView:
    idx: int
    text: str
    actor: str | None
    tags: list[str]
    refs: list[int]
    corrected: bool = False


@dataclass
class SectionView:
    key: str
    heading: str | None  # an h3 (None: it continues the section above)
    subheading: str | None  # an h4 (readers in X)
    lines: list[LineView]


@dataclass
class SourceView:
    n: int
    label: str
    published: str | None
    title: str | None
    url: str  # http(s) only, else ""
    article: bool


@dataclass
class PreviousView:
    date: str
    title: str
    briefing: str | None


@dataclass
class StoryView:
    n: int
    id: str
    thread: str
    thread_name: str
    title: str
    meta: str
    sections: list[SectionView]
    previously: list[PreviousView]
    sources: list[SourceView]
    dropped: bool = False
    previously_above: int | None = None  # its earlier stories are those story N lists


@dataclass
class BriefingView:
    id: str
    date: str
    readers: str
    stories: list[StoryView]
    generator: str
    generated_at: str
    dropped: list[StoryView] = field(default_factory=list)


def _line(line: Line, idx: int, sources: Sources, outlook: bool,
          corrected: set[int]) -> LineView:
    tags = []
    label = band_label(line)
    if label:
        tags.append(label)
    status = status_label(line)
    if status:
        tags.append(status)
    return LineView(idx, line.text, line.actor if outlook else None, tags,
                    sources.numbers(line), idx in corrected)


def story_view(story: StoryBrief, n: int, extra_titles: dict[str, str],
               corrected: dict[tuple[str, str], set[int]] | None = None,
               dropped: bool = False) -> StoryView:
    sources = Sources()
    out = []
    first_reader = True
    for key, lines in sections(story):
        if key.startswith("for_you:"):
            heading = "What is in it for you?" if first_reader else None
            first_reader = False
            sub = f"Readers in {reader_name(key.removeprefix('for_you:'))}"
        else:
            heading = TITLES.get(key) or extra_titles.get(key.removeprefix("extra:"), key)
            sub = None
        if key == "what_happens_next" and first_reader:
            out.append(SectionView("for_you", "What is in it for you?", None, []))
            first_reader = False
        done = (corrected or {}).get((story.id, key), set())
        out.append(SectionView(key, heading, sub, [
            _line(line, i, sources, key == "what_happens_next", done)
            for i, line in enumerate(lines)]))
    previously = [PreviousView(p.date, p.title, p.briefing) for p in story.previously]
    cited = [SourceView(i, c.label, c.published, c.title, safe_url(c.url), c.kind == "article")
             for i, c in enumerate(sources.order, 1)]
    return StoryView(n, story.id, story.thread, story.thread_name, story.title,
                     story_meta(story), out, previously, cited, dropped,
                     story.previously_above)


def briefing_view(briefing: Briefing, extra_titles: dict[str, str],
                  corrections: list[Correction] | None = None,
                  dropped: list[StoryBrief] | None = None) -> BriefingView:
    corrected: dict[tuple[str, str], set[int]] = {}
    for c in corrections or []:
        if c.corrected is not None:
            corrected.setdefault((c.story_id, c.section), set()).add(c.idx)
    readers = ", ".join(reader_name(r) for r in briefing.readers)
    return BriefingView(
        briefing.id, briefing.date.isoformat(), readers,
        [story_view(s, n, extra_titles, corrected) for n, s in enumerate(briefing.stories, 1)],
        briefing.generator, briefing.generated_at,
        [story_view(s, 0, extra_titles, dropped=True) for s in dropped or []])


def permalink(briefing_id: str) -> str:
    """The path of a published briefing: it never changes."""
    return "/briefings/" + quote(briefing_id, safe=":")
