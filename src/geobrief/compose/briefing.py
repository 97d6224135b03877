"""Composing a briefing from what was read beforehand: no store access while writing.

The application (``geobrief.app``) ranks the day's stories, reads each chosen story's
material from the store, and hands both here; this module picks stories for a personal
reader (relevance rules), has the writer write each story's sections, notes the claim
ledger on the lines, and returns a typed ``Briefing``. Saving it is a separate step
(``Geobrief.publish``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from geobrief.compose.budget import BUDGETS, REPEAT_SHARE, Length, Printed, fit, words
from geobrief.compose.evidence import StoryEvidence, gather
from geobrief.compose.ledger_lines import annotate, figure_lines
from geobrief.compose.lines import compact_figures, foreign_lines, only_this, stand_lines
from geobrief.compose.previously import previously, short_title, since
from geobrief.compose.render.common import possessive
from geobrief.compose.writer import ExtractiveWriter, _reader_bullet
from geobrief.errors import Code, ComposeError
from geobrief.knowledge.load import Knowledge
from geobrief.models import (
    Briefing,
    Edition,
    Line,
    Personal,
    SalienceNote,
    StoryBrief,
)
from geobrief.plugins import Section, Writer
from geobrief.relevance import Relevance, RuleContext, assess
from geobrief.relevance.wording import capitalised
from geobrief.settings import Settings
from geobrief.store.stories import StoryMaterial, StoryRow
from geobrief.stories.ledger import Entry, ledger_for
from geobrief.stories.rank import Salience, diversity

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
        self.untied: set[frozenset[str]] = set()  # reader groups told "no direct tie" so far
        self.printed = Printed()  # the runs of words the stories above printed
        self.addressed: set[str] = set()  # readers a reader bullet above named ("For readers in")

    def evidence(self, story: StoryRow, material: StoryMaterial) -> StoryEvidence:
        return gather(material, story, self.day, self.ctx.linker, self.settings.language)

    def ledger(self, story: StoryRow, material: StoryMaterial) -> list[Entry]:
        if story.thread_id not in self.ledgers:  # stories of one thread share a ledger
            self.ledgers[story.thread_id] = ledger_for(material.ledger, self.day)
        return self.ledgers[story.thread_id]

    def history(self, story: StoryRow, material: StoryMaterial) -> list[Entry]:
        """The thread's ledger over the storyline's life (for what changed since)."""
        if material.history is material.ledger or not material.history:
            return self.ledger(story, material)
        key = f"history:{story.thread_id}"
        if key not in self.ledgers:
            self.ledgers[key] = ledger_for(material.history, self.day, recent_days=None)
        return self.ledgers[key]

    def story(self, story: StoryRow, score: Salience, material: StoryMaterial,
              quiet: bool = False) -> StoryBrief:
        ev = self.evidence(story, material)
        w = self.writer
        happening, used = w.what_is_happening(ev, self.settings)
        entries = self.ledger(story, material)
        for line in happening:
            if line.sentence is not None:
                key = (line.sentence.article_id, line.sentence.idx)
                line.events = material.events.get(key)
        annotate(happening, entries)
        happening, answered = stand_lines(happening, entries)
        happening += [compact_figures(x) for x in
                      figure_lines(entries, {a.id for a in story.articles})[:1]]
        happening += [x for x in foreign_lines(ev) if all(x.text != h.text for h in happening)]
        if happening and quiet:
            latest = story.last_published.date().isoformat()
            happening[0].text = f"No new report; the latest, of {latest}: {happening[0].text}"
        elif material.last_briefed and happening:
            happening[0].text = (f"New since our briefing of {material.last_briefed}: "
                                 f"{happening[0].text}")
        next_lines = w.what_happens_next(ev, used, self.settings)
        found = {r.country: assess(ev, r, self.ctx) for r in self.audience.readers}
        for_you, ties = w.what_is_in_it_for_you(ev, found, self.names, self.settings)
        glance = self.reader_opening_once(self.reader_bullet_not_repeated(
            w.at_a_glance(ev, happening, next_lines, for_you, ties, self.names), for_you, ties))
        annotate(next_lines + glance + [x for lines in for_you.values() for x in lines],
                 entries)
        shown = {id(x) for x in glance}
        rest = [x for x in happening if id(x) not in shown]
        earlier = previously(material)
        brief = StoryBrief(
            id=story.id,
            thread=story.thread_id,
            thread_name=story.thread_name,
            title=short_title(ev.lead.title if ev.lead else story.title),
            date=self.day.isoformat(),
            first_seen=story.first_published.date().isoformat(),
            outlets=sorted({a.outlet for a in story.articles}),
            sources=len(ev.origins),
            articles=len(story.articles),
            at_a_glance=glance,
            what_is_happening=rest or [only_this(ev)],
            what_is_in_it_for_you=for_you,
            what_happens_next=next_lines,
            previously=earlier,
            salience=SalienceNote(score.score, score.reasons),
            since=since(self.history(story, material), earlier, self.day, self.ctx.linker),
            diversity=diversity(ev.today or story.articles).describe(),
            languages=list(story.languages),
            quiet=True if quiet else None,
        )
        if answered:
            brief.more["what_is_happening"] = answered
        untied = [code for code, found in ties.items()
                  if found and all(getattr(t, "kind", None) == "none" for t in found)]
        if len(untied) > 1:  # one line for them all, not the same sentence per reader
            lines = [x for code in untied for x in for_you.get(code, [])]
            for code in untied:
                brief.more[f"what_is_in_it_for_you:{code}"] = for_you.pop(code, [])
            again = frozenset(untied) in self.untied
            brief.no_tie = no_tie_line(untied, ev, self.names, lines, again,
                                       explained=bool(self.untied),
                                       everyone=len(untied) == len(ties))
            self.untied.add(frozenset(untied))
        for section in self.sections:
            brief.extra[section.key] = section.compose(ev, brief)
        for x in [*brief.at_a_glance, *brief.what_is_happening, *brief.what_happens_next,
                  *(y for ys in for_you.values() for y in ys)]:
            self.printed.add(x.text)
        return brief

    def reader_bullet_not_repeated(self, glance: list[Line], for_you: dict[str, list[Line]],
                                   ties: dict[str, list[Any]]) -> list[Line]:
        """At a glance's reader bullet, unless a story above printed the same line (two
        stories quoting one report: Timeline17 LibyaWar_cnn 2011-02-21 printed a 45-word
        sentence twice); then the strongest tie that quotes nothing printed above."""
        last = glance[-1] if glance else None
        if last is None or last.reader is None:
            return glance
        quoted = last.text.split(": ", 1)[1] if ": " in last.text else last.text
        if not self.seen_above(quoted):
            return glance
        seen = [t.quotes for found in ties.values() for t in found
                if getattr(t, "quotes", None) and self.seen_above(t.quotes)]
        bullet = _reader_bullet(for_you, ties, self.names, [b.text for b in glance[:-1]]
                                + seen)
        return glance[:-1] + [bullet]

    def reader_opening_once(self, glance: list[Line]) -> list[Line]:
        """The reader bullet's opening said once per briefing: "For readers in the United
        States, their country is a party to the dispute: ..." in the first story; below,
        "The United States is a party to the dispute: ...", and where that frame was
        printed above too, "Also for the United States: ..." with the story's own quote
        (Timeline17 2011-01-28 printed "For readers in the United States, their country is
        itself a party to what is agreed" in three stories)."""
        last = glance[-1] if glance else None
        if last is None or last.reader is None or last.reader not in self.names:
            return glance
        name = self.names[last.reader]
        opening = f"For readers in {name}, "
        if not last.text.startswith(opening):
            return glance
        if last.reader not in self.addressed:
            self.addressed.add(last.reader)
            return glance
        rest = last.text[len(opening):]
        frame, colon, quote = rest.partition(": ")
        if "their country" not in frame:
            return glance  # a frame that does not name the reader's country keeps its opening
        named = capitalised(frame.replace("their country's", possessive(name))
                            .replace("their country", name))
        if colon and self.printed.share(named) >= REPEAT_SHARE:
            text = f"Also for {name}: {quote}"
        else:
            text = named + colon + quote
        return glance[:-1] + [replace(last, text=text)]

    def seen_above(self, text: str) -> bool:
        """Whether most of ``text`` (a sentence of at least ``QUOTE_SEEN`` words) was
        printed above in runs of words (a sentence quoted again with a day name dropped
        is still a repeat)."""
        return len(words(text)) >= QUOTE_SEEN and self.printed.share(text) >= 0.6

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


QUOTE_SEEN = 8  # words: a quoted sentence this long printed above is a repeat


def no_tie_line(codes: list[str], ev: StoryEvidence, names: dict[str, str],
                lines: list[Line], again: bool = False, explained: bool = False,
                everyone: bool = False) -> Line:
    """"Readers in Australia, Ukraine and South Korea: no direct tie to Nigeria found in
    the reports or in geobrief's knowledge."; ``again`` (a story above said it for the
    same readers): "No direct tie to Nigeria either, for the same readers."; ``explained``
    (a story above said where geobrief looked): "Other readers: no direct tie to Nigeria
    either." (the readers with a tie have their parts above it); ``everyone`` (all the
    edition's reader groups, named in its first line): "No reader group of this edition
    has a direct tie to Nigeria ..." """
    readers = [names.get(c, c) for c in codes]
    who = ", ".join(readers[:-1]) + " and " + readers[-1]
    actors = [names.get(a, a) for a in (ev.actors or [])[:2] if a not in codes]
    to = " or ".join(actors) if actors else "the places in this story"
    citations = list({(c.url, c.label): c for x in lines for c in x.citations}.values())
    where = "found in the reports or in geobrief's knowledge"
    if again:
        text = f"No direct tie to {to} either, for the same readers."
    elif everyone:
        text = f"No reader group has a direct tie to {to} either." if explained else \
            f"No reader group of this edition has a direct tie to {to} {where}."
    else:
        text = f"Other readers: no direct tie to {to} either." if explained else \
            f"Readers in {who}: no direct tie to {to} {where}."
    return Line(text=text, citations=citations or ev.citations_today())


def compose(composer: Composer, ranked: Ranked, material: dict[str, StoryMaterial],
            progress: Callable[[int, int], None] | None = None,
            quiet: bool = False) -> Briefing:
    """The briefing of ``ranked`` stories (all of the day's for a personal briefing, which
    picks its own; the top ones for an edition), fitted to the length budget. On a quiet
    day (``quiet``: no report on the day) the stories are the live storylines as they
    stood, and the briefing says that nothing new was reported."""
    if not ranked:
        raise ComposeError(f"no stored news for {composer.day.isoformat()}", Code.NO_NEWS)
    chosen = (composer.personal_selection(ranked, material)
              if isinstance(composer.audience, Personal) and not quiet
              else ranked[: composer.settings.top_stories])
    briefs = []
    for n, (story, score) in enumerate(chosen, 1):
        briefs.append(composer.story(story, score, material[story.id], quiet))
        if progress:
            progress(n, len(chosen))
    length = Length(composer.settings.length)
    briefing = Briefing(
        id=briefing_id(composer.day, composer.audience),
        date=composer.day,
        audience=composer.audience,
        stories=briefs,
        generated_at=datetime.now(UTC).replace(microsecond=0).isoformat(),
        generator=composer.writer.generator,
        length=length.value,
        notice=(f"Nothing new was reported on {composer.day.isoformat()}. These are the "
                "developing storylines as their latest reports left them." if quiet else None),
    )
    fit(briefing, BUDGETS[length])
    return briefing
