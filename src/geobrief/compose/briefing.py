"""Composing the briefing for a date and an edition (its reader groups)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from geobrief.compose import writer
from geobrief.compose.evidence import gather
from geobrief.compose.ledger_lines import annotate, figure_lines
from geobrief.compose.readers import Relevance, interest_lines, relevance
from geobrief.errors import Code, ComposeError
from geobrief.knowledge.graph import Graph
from geobrief.knowledge.link import Linker
from geobrief.knowledge.load import Knowledge, bundled_knowledge
from geobrief.models import Briefing, PreviousBrief, Reader, StoryBrief
from geobrief.settings import Settings
from geobrief.store import Store
from geobrief.store.events import sentence_events
from geobrief.store.stories import StoryRow, earlier_in_thread, last_briefed, save_briefing
from geobrief.stories.ledger import Entry, build_ledger
from geobrief.stories.rank import Salience, rank_day

MAX_PREVIOUS = 5


def briefing_id(day: date, readers: list[str]) -> str:
    return f"{day.isoformat()}:{'-'.join(readers)}"


def check_readers(readers: list[str], knowledge: Knowledge) -> list[str]:
    codes = [r.strip().upper() for r in readers if r.strip()]
    unknown = [r for r in codes if r not in knowledge.countries]
    if unknown:
        raise ComposeError(
            f"unknown reader country code(s): {', '.join(unknown)} "
            "(use ISO 3166-1 alpha-2 codes such as AU, US, UA, KR)",
            Code.BAD_READER,
        )
    return codes


class Composer:
    def __init__(
        self, store: Store, settings: Settings, day: date, readers: list[str], knowledge: Knowledge
    ) -> None:
        self.store = store
        self.settings = settings
        self.day = day
        self.readers = readers
        self.knowledge = knowledge
        self.graph = Graph(knowledge, day)
        self.linker = Linker(knowledge)
        self.names = {cid: knowledge.country_name(cid) for cid in knowledge.countries}
        self.ledgers: dict[str, list[Entry]] = {}

    def story(self, story: StoryRow, score: Salience, why: Relevance | None = None
              ) -> StoryBrief:
        ev = gather(self.store, story, self.day, self.linker)
        happening, used = writer.what_is_happening(ev, self.settings)
        if story.thread_id not in self.ledgers:  # stories of one thread share a ledger
            self.ledgers[story.thread_id] = build_ledger(self.store, story.thread_id,
                                                         self.day, self.linker)
        entries = self.ledgers[story.thread_id]
        # each line's sentence, before the ledger annotation replaces the reference
        keys = [(line.claims[0]["article_id"], line.claims[0]["idx"]) if line.claims else None
                for line in happening]
        stored = sentence_events(self.store, [k for k in keys if k is not None])
        annotate(happening, entries)
        for line, key in zip(happening, keys, strict=True):
            line.events = stored.get(key) if key is not None else None
        happening += figure_lines(entries, {a.id for a in story.articles})[:1]
        since = last_briefed(self.store, story.id, self.day)
        if since and happening:
            happening[0].text = f"New since our briefing of {since}: {happening[0].text}"
        next_lines = writer.what_happens_next(ev, used, self.settings)
        for_you, ties = writer.what_is_in_it_for_you(
            ev, self.readers, self.graph, self.linker, self.settings, self.day
        )
        if why is not None:  # a personal briefing says which of the reader's interests it meets
            code = self.readers[0]
            for_you[code] = for_you[code] + interest_lines(ev, why, code)
        glance = writer.at_a_glance(ev, happening, next_lines, for_you, ties, self.names)
        annotate(next_lines + glance + [x for lines in for_you.values() for x in lines],
                 entries)
        return StoryBrief(
            id=story.id,
            thread=story.thread_id,
            thread_name=story.thread_name,
            title=ev.lead.title if ev.lead else story.title,
            date=self.day.isoformat(),
            first_seen=story.first_published.date().isoformat(),
            outlets=sorted({a.outlet for a in story.articles}),
            sources=len(ev.origins),
            articles=len(story.articles),
            at_a_glance=glance,
            what_is_happening=happening,
            what_is_in_it_for_you=for_you,
            what_happens_next=next_lines,
            previously=self.previously(story),
            salience={"score": score.score, "reasons": score.reasons},
        )

    def previously(self, story: StoryRow) -> list[PreviousBrief]:
        earlier = earlier_in_thread(self.store, story.thread_id, self.day)
        return [
            PreviousBrief(e.day, e.title, e.briefing_id, e.story_id) for e in earlier[:MAX_PREVIOUS]
        ]


PERSONAL_MINIMUM = 3  # a personal briefing still carries the day's biggest stories


def personal_selection(composer: Composer, ranked: list[tuple[StoryRow, Salience]],
                       reader: Reader, settings: Settings
                       ) -> list[tuple[StoryRow, Salience, Relevance | None]]:
    """The stories that matter to ``reader`` (relevance, then salience), up to the limit;
    topped up with the most salient stories when fewer than a few matter."""
    scored: list[tuple[StoryRow, Salience, Relevance | None]] = []
    for story, score in ranked:
        ev = gather(composer.store, story, composer.day, composer.linker)
        scored.append((story, score, relevance(ev, reader, composer.graph, composer.linker)))
    relevant = sorted((s for s in scored if s[2] is not None and s[2].relevant),
                      key=lambda s: (-((s[2].score if s[2] else 0) + 0.3 * s[1].score),
                                     s[0].id))
    chosen = relevant[: settings.top_stories]
    for item in scored:
        if len(chosen) >= PERSONAL_MINIMUM:
            break
        if item not in chosen:
            chosen.append(item)
    return chosen


def compose_briefing(
    store: Store,
    day: date,
    settings: Settings,
    readers: list[str] | None = None,
    knowledge: Knowledge | None = None,
    save: bool = True,
    progress: Callable[[int, int], None] | None = None,
    reader: Reader | None = None,
) -> Briefing:
    """The briefing for ``day`` from what is stored up to that day: an edition for reader
    groups (``readers``, country codes), or a personal briefing for one ``reader``."""
    knowledge = knowledge or bundled_knowledge()
    codes = check_readers([reader.country] if reader else list(readers or settings.readers),
                          knowledge)
    ident = f"{day.isoformat()}:reader:{reader.name}" if reader else briefing_id(day, codes)
    ranked = rank_day(store, day, knowledge,
                      f"%:reader:{reader.name}" if reader else None, settings)
    if not ranked:
        raise ComposeError(f"no stored news for {day.isoformat()}", Code.NO_NEWS)
    composer = Composer(store, settings, day, codes, knowledge)
    chosen: list[tuple[StoryRow, Salience, Relevance | None]] = (
        personal_selection(composer, ranked, reader, settings) if reader else
        [(story, score, None) for story, score in ranked[: settings.top_stories]])
    briefs = []
    for n, (story, score, why) in enumerate(chosen, 1):
        briefs.append(composer.story(story, score, why))
        if progress:
            progress(n, len(chosen))
    briefing = Briefing(
        id=ident,
        date=day,
        readers=codes,
        stories=briefs,
        generated_at=datetime.now(UTC).replace(microsecond=0).isoformat(),
    )
    if save:
        save_briefing(
            store,
            briefing.id,
            day.isoformat(),
            ",".join(codes),
            briefing.to_dict(),
            datetime.now(UTC).replace(tzinfo=None),
        )
    return briefing
