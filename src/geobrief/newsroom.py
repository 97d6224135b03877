"""What readers see, read from the store: published editions and personal briefings
with their corrections, the archive, a storyline's page, search, and the sources' health.
The web edition, the feeds and the email read through this (``gb.newsroom``); none of
it ever shows a draft."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from geobrief.compose.render.load import briefing_from_json
from geobrief.models import Briefing
from geobrief.store.editorial import Correction, corrections_of, publication_stamp
from geobrief.store.feeds import FeedHealth, feed_health
from geobrief.store.search import SearchHit, search
from geobrief.store.stories import Published, StorylineStory, published_body, storyline_stories
from geobrief.store.storylines import (
    Carried,
    Storyline,
    any_story_of,
    storyline,
    storyline_articles,
    storyline_briefings,
)
from geobrief.stories.ledger import Entry

if TYPE_CHECKING:
    from geobrief.app import Geobrief

READER_PREFIX = "reader:"
T = TypeVar("T")


@dataclass(frozen=True)
class Issue:
    """A published briefing as readers see it: corrected, with its corrections."""

    id: str
    date: str
    audience: str
    published_at: datetime
    briefing: Briefing
    corrections: list[Correction] = field(default_factory=list)

    @property
    def updated(self) -> datetime:
        """When it last changed: published, or corrected since."""
        return max([self.published_at] + [c.at for c in self.corrections])

    @property
    def reader(self) -> str | None:
        """The reader's name of a personal briefing (None for an edition)."""
        return self.audience.removeprefix(READER_PREFIX) \
            if self.audience.startswith(READER_PREFIX) else None


@dataclass(frozen=True)
class StorylineView:
    storyline: Storyline
    stories: list[StorylineStory]  # in time order
    briefings: list[Carried]
    ledger: list[Entry]
    forecasts: list[dict[str, Any]]  # open outlook items of its reports


class Newsroom:
    """The readers' side of a Geobrief: ``gb.newsroom``."""

    def __init__(self, gb: Geobrief) -> None:
        self.gb = gb

    @property
    def edition_key(self) -> str:
        """The audience key of the default edition (the setting ``readers``)."""
        return "-".join(self.gb.settings.readers)

    def stamp(self) -> tuple[int, str, int]:
        """Changes whenever anything readers see is published or corrected."""
        return publication_stamp(self.gb.store)

    def published(self) -> list[Published]:
        return self.gb.published()

    def editions(self) -> list[Published]:
        """Published editions (not personal briefings), oldest first."""
        return [p for p in self.published() if not p.audience.startswith(READER_PREFIX)]

    def personal(self, reader: str | None = None) -> list[Published]:
        """Published personal briefings (of ``reader``), oldest first."""
        return [p for p in self.published() if p.audience.startswith(READER_PREFIX)
                and (reader is None or p.audience == READER_PREFIX + reader)]

    def issue(self, briefing_id: str) -> Issue | None:
        found = next((p for p in self.published() if p.id == briefing_id), None)
        return self._issue(found) if found else None

    def issues(self, found: list[Published]) -> list[Issue]:
        corrections = corrections_of(self.gb.store, [p.id for p in found])
        return [i for p in found if (i := self._issue(p, corrections.get(p.id, [])))]

    def _issue(self, p: Published, corrections: list[Correction] | None = None
               ) -> Issue | None:
        body = published_body(self.gb.store, p.id)
        if body is None:
            return None
        if corrections is None:
            corrections = corrections_of(self.gb.store, [p.id])[p.id]
        return Issue(p.id, p.date, p.audience, p.created_at,
                     briefing_from_json(body, p.audience), corrections)

    def edition(self, day: date | str | None = None) -> Issue | None:
        """The edition of ``day`` (the latest published one without a day): the default
        readers' edition when that day has it, else the day's first."""
        editions = self.editions()
        if day is not None:
            editions = [p for p in editions if p.date == str(day)]
        if not editions:
            return None
        last = max(p.date for p in editions)
        chosen = _default([p for p in editions if p.date == last],
                          lambda p: p.audience == self.edition_key)
        return self._issue(chosen)

    def reader_issue(self, reader: str, day: date | str | None = None) -> Issue | None:
        found = [p for p in self.personal(reader) if day is None or p.date == str(day)]
        return self._issue(found[-1]) if found else None

    def storyline(self, thread_id: str) -> StorylineView | None:
        line = storyline(self.gb.store, thread_id)
        if line is None:
            return None
        stories = sorted(storyline_stories(self.gb.store, thread_id),
                         key=lambda s: (s.first_published, s.story_id))
        story = any_story_of(self.gb.store, thread_id)
        ledger = self.gb.claims(story) if story else []
        mine = storyline_articles(self.gb.store, thread_id)
        forecasts = [r for r in self.gb.outlook(still_open=True) if r["article_id"] in mine]
        return StorylineView(line, stories, storyline_briefings(self.gb.store, thread_id),
                             ledger, forecasts)

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        return search(self.gb.store, query, limit, offset)

    def sources(self) -> list[FeedHealth]:
        """Every fetched feed's health, paused and failing ones first."""
        return sorted(feed_health(self.gb.store).values(),
                      key=lambda f: (not f.paused, -f.failures, f.url))

    def readers(self) -> list[str]:
        """Names of the readers with a published personal briefing."""
        return sorted({p.audience.removeprefix(READER_PREFIX) for p in self.personal()})


def _default(options: list[T], preferred: Callable[[T], bool]) -> T:
    return next((o for o in options if preferred(o)), options[0])
