"""Composing a briefing from what was read beforehand: no store access while writing.

The application (``geobrief.app``) ranks the day's stories, reads each chosen story's
material from the store, and hands both here; this module picks stories for a personal
reader (relevance rules), has the writer write each story's sections, notes the claim
ledger on the lines, and returns a typed ``Briefing``. Saving it is a separate step
(``Geobrief.publish``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime

from geobrief.compose.evidence import StoryEvidence, gather
from geobrief.compose.ledger_lines import annotate, figure_lines
from geobrief.compose.writer import ExtractiveWriter
from geobrief.errors import Code, ComposeError
from geobrief.knowledge.load import Knowledge
from geobrief.models import (
    Briefing,
    Edition,
    Personal,
    PreviousBrief,
    SalienceNote,
    StoryBrief,
)
from geobrief.plugins import Section, Writer
from geobrief.relevance import Relevance, RuleContext, assess
from geobrief.settings import Settings
from geobrief.store.stories import StoryMaterial, StoryRow
from geobrief.stories.ledger import Entry, ledger_for
from geobrief.stories.rank import Salience

MAX_PREVIOUS = 5
PERSONAL_MINIMUM = 3  # a personal briefing still carries the day's biggest stories

Ranked = list[tuple[StoryRow, Salience]]


def briefing_id(day: date, audience: Edition | Personal) -> str:
    return f"{day.isoformat()}:{audience.key}"


def check_countries(codes: Sequence[str], knowledge: Knowledge) -> tuple[str, ...]:
    clean = tuple(r.strip().upper() for r in codes if r.strip())
    unknown = [r for r in clean if r not in knowledge.countries]
    if unknown:
        raise ComposeError(
            f"unknown reader country code(s): {', '.join(unknown)} "
            "(use ISO 3166-1 alpha-2 codes such as AU, US, UA, KR)",
            Code.BAD_READER,
        )
    return clean


class Composer:
    """Writes the stories of one briefing (one day, one audience)."""

    def __init__(self, settings: Settings, day: date, audience: Edition | Personal,
                 ctx: RuleContext, writer: Writer | None = None,
                 sections: Sequence[Section] = ()) -> None:
        self.settings = settings
        self.day = day
        self.audience = audience
        self.ctx = ctx
        self.writer: Writer = writer or ExtractiveWriter()
        self.sections = sections  # sections added by plugins
        self.names = {cid: ctx.knowledge.country_name(cid) for cid in ctx.knowledge.countries}
        self.ledgers: dict[str, list[Entry]] = {}

    def evidence(self, story: StoryRow, material: StoryMaterial) -> StoryEvidence:
        return gather(material, story, self.day, self.ctx.linker)

    def story(self, story: StoryRow, score: Salience, material: StoryMaterial) -> StoryBrief:
        ev = self.evidence(story, material)
        w = self.writer
        happening, used = w.what_is_happening(ev, self.settings)
        if story.thread_id not in self.ledgers:  # stories of one thread share a ledger
            self.ledgers[story.thread_id] = ledger_for(material.ledger, self.day)
        entries = self.ledgers[story.thread_id]
        for line in happening:
            if line.sentence is not None:
                key = (line.sentence.article_id, line.sentence.idx)
                line.events = material.events.get(key)
        annotate(happening, entries)
        happening += figure_lines(entries, {a.id for a in story.articles})[:1]
        if material.last_briefed and happening:
            happening[0].text = (f"New since our briefing of {material.last_briefed}: "
                                 f"{happening[0].text}")
        next_lines = w.what_happens_next(ev, used, self.settings)
        found = {r.country: assess(ev, r, self.ctx) for r in self.audience.readers}
        for_you, ties = w.what_is_in_it_for_you(ev, found, self.names, self.settings)
        glance = w.at_a_glance(ev, happening, next_lines, for_you, ties, self.names)
        annotate(next_lines + glance + [x for lines in for_you.values() for x in lines],
                 entries)
        brief = StoryBrief(
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
            previously=[PreviousBrief(e.day, e.title, e.briefing_id, e.story_id)
                        for e in material.earlier[:MAX_PREVIOUS]],
            salience=SalienceNote(score.score, score.reasons),
        )
        for section in self.sections:
            brief.extra[section.key] = section.compose(ev, brief)
        return brief

    def personal_selection(self, ranked: Ranked, material: dict[str, StoryMaterial]
                           ) -> Ranked:
        """The stories that matter to the reader (relevance, then salience), up to the
        limit; topped up with the most salient stories when fewer than a few matter."""
        assert isinstance(self.audience, Personal)
        scored: list[tuple[StoryRow, Salience, Relevance]] = []
        for story, score in ranked:
            ev = self.evidence(story, material[story.id])
            scored.append((story, score, assess(ev, self.audience.reader, self.ctx)))
        relevant = sorted((s for s in scored if s[2].relevant),
                          key=lambda s: (-(s[2].score + 0.3 * s[1].score), s[0].id))
        chosen = relevant[: self.settings.top_stories]
        for item in scored:
            if len(chosen) >= PERSONAL_MINIMUM:
                break
            if item not in chosen:
                chosen.append(item)
        return [(story, score) for story, score, _ in chosen]


def compose(composer: Composer, ranked: Ranked, material: dict[str, StoryMaterial],
            progress: Callable[[int, int], None] | None = None) -> Briefing:
    """The briefing of ``ranked`` stories (all of the day's for a personal briefing, which
    picks its own; the top ones for an edition)."""
    if not ranked:
        raise ComposeError(f"no stored news for {composer.day.isoformat()}", Code.NO_NEWS)
    chosen = (composer.personal_selection(ranked, material)
              if isinstance(composer.audience, Personal)
              else ranked[: composer.settings.top_stories])
    briefs = []
    for n, (story, score) in enumerate(chosen, 1):
        briefs.append(composer.story(story, score, material[story.id]))
        if progress:
            progress(n, len(chosen))
    return Briefing(
        id=briefing_id(composer.day, composer.audience),
        date=composer.day,
        audience=composer.audience,
        stories=briefs,
        generated_at=datetime.now(UTC).replace(microsecond=0).isoformat(),
        generator=composer.writer.generator,
    )
