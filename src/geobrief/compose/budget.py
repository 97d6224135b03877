"""A briefing that fits in ten minutes: the length budget and no line printed twice.

The writer and the ledger give each story more than a reader needs; this module decides
what is printed. Two passes over the composed briefing, in reading order:

* **repeats**: a line whose words mostly repeat text already printed in the briefing (a
  sentence two stories share, a reader tie already stated above, a near-copy of a lead)
  is moved out of the printed text;
* **length**: each section keeps at most its budgeted lines, and when the edition is still
  over its word budget the lowest-ranked stories are told in one line under "Also today".

Nothing is thrown away: a line left out goes to ``StoryBrief.more`` under its section's
key (kept in the JSON, one click away in the HTML), and a folded story keeps every section
in the JSON. A required section never ends up empty: its first line stays, or a short
pointer to where the same thing was said."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from geobrief.compose.render.common import reader_name
from geobrief.models import Briefing, Line, StoryBrief

_WORD = re.compile(r"\w+(?:'\w+)?")
RUN = 6  # words: a run of this many already printed makes its words a repeat
REPEAT_SHARE = 0.5  # a line with at least this share of repeated words is not printed again
SAME_SHARE = 0.9  # a required line this close to one above is pointed to, not repeated
STORY_OVERHEAD = 22  # words every printed story costs besides its lines (heading, meta...)
FOLDED_WORDS = 4  # words of a story's line under "Also today", besides its title


class Length(StrEnum):
    SHORT = "short"
    STANDARD = "standard"
    LONG = "long"


@dataclass(frozen=True)
class Budget:
    """How much of a briefing is printed: words for the whole edition (None: no limit),
    and lines per section of each story."""

    words: int | None
    full: int  # stories always told in full (trimmed, never folded)
    keep_lead: bool  # the lead story keeps its lines (never trimmed)
    glance: int
    happening: int
    next: int
    for_you: int  # lines per reader group
    since: int


BUDGETS = {
    Length.SHORT: Budget(words=700, full=1, keep_lead=False, glance=2, happening=2,
                         next=1, for_you=1, since=1),
    Length.STANDARD: Budget(words=1500, full=3, keep_lead=True, glance=3, happening=3,
                            next=1, for_you=1, since=1),
    Length.LONG: Budget(words=None, full=99, keep_lead=True, glance=3, happening=99,
                        next=99, for_you=99, since=9),
}


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


class Printed:
    """The runs of words printed so far in a briefing, to tell a repeat."""

    def __init__(self) -> None:
        self.seen: set[tuple[str, ...]] = set()

    def share(self, text: str) -> float:
        """The share of ``text``'s words inside a run already printed."""
        found = words(text)
        covered: set[int] = set()
        for i in range(len(found) - RUN + 1):
            if tuple(found[i:i + RUN]) in self.seen:
                covered.update(range(i, i + RUN))
        return len(covered) / (len(found) or 1)

    def add(self, text: str) -> None:
        found = words(text)
        self.seen.update(tuple(found[i:i + RUN]) for i in range(len(found) - RUN + 1))


def sections(story: StoryBrief) -> Iterator[tuple[str, list[Line], bool]]:
    """(key, lines, required) of a story's printed sections, in reading order; a reader
    group's part of "What is in it for you?" is keyed ``what_is_in_it_for_you:CC``."""
    yield "at_a_glance", story.at_a_glance, True
    yield "what_is_happening", story.what_is_happening, True
    for code, lines in story.what_is_in_it_for_you.items():
        yield f"what_is_in_it_for_you:{code}", lines, True
    if story.no_tie is not None:
        yield "no_tie", [story.no_tie], True
    yield "what_happens_next", story.what_happens_next, True
    yield "since", story.since, False


def _set(story: StoryBrief, key: str, lines: list[Line]) -> None:
    if key.startswith("what_is_in_it_for_you:"):
        story.what_is_in_it_for_you[key.split(":", 1)[1]] = lines
    elif key == "no_tie":
        story.no_tie = lines[0] if lines else None
    else:
        setattr(story, key, lines)


def _defer(story: StoryBrief, key: str, lines: list[Line]) -> None:
    if lines:
        story.more.setdefault(key, []).extend(lines)


def drop_repeats(briefing: Briefing, printed: Printed | None = None) -> None:
    """Move out every line that mostly repeats what the briefing printed above it. The
    first line of a required section stays when nothing else is left, shortened to a
    pointer when it repeats an earlier story's line word for word. At a glance's reader
    hook always stays, as a pointer when it repeats: it is the story's bullet addressed
    to a reader group."""
    printed = printed or Printed()
    for n, story in enumerate(briefing.stories, 1):
        if story.folded:
            continue
        for key, lines, required in list(sections(story)):
            kept: list[Line] = []
            left: list[Line] = []
            for line in lines:
                repeat = printed.share(line.text) >= REPEAT_SHARE
                if repeat and key == "at_a_glance" and line.reader is not None:
                    kept.append(_pointer(briefing, n, key, line))  # the hook stays
                    continue
                (left if repeat else kept).append(line)
            if required and not kept and left:
                spare = _next_reason(story, key, printed)
                kept = [spare if spare is not None else _pointer(briefing, n, key, left[0])]
                left = [x for x in left if x is not kept[0]]
            for line in kept:
                printed.add(line.text)
            _set(story, key, kept)
            _defer(story, key, left)


AHEAD = "Ahead: "  # a reader's outlook line (compose/writer.py): not a reason


def _next_reason(story: StoryBrief, key: str, printed: Printed) -> Line | None:
    """For a reader part whose reasons the length budget cut to the first, and whose
    first repeats a line above (At a glance's reader hook): the next reason that says
    something new, taken back from ``more``, rather than a pointer to that line."""
    if not key.startswith("what_is_in_it_for_you:"):
        return None
    deferred = story.more.get(key, [])
    for line in deferred:
        if line.note is not True and not line.text.startswith(AHEAD) \
                and printed.share(line.text) < REPEAT_SHARE:
            deferred.remove(line)
            if not deferred:
                del story.more[key]
            return line
    return None


def _pointer(briefing: Briefing, n: int, key: str, line: Line) -> Line:
    """A short stand-in for a required line that repeats this story's At a glance, a
    line above it in this story, or word for word a line of an earlier story; else the
    line itself (a partial repeat of another story keeps its own words)."""
    story = briefing.stories[n - 1]
    if line.reader and any(g.reader == line.reader and g is not line
                           for g in story.at_a_glance):
        return _stand_in(line, "As At a glance says.")
    if key != "at_a_glance" and any(g is line or g.text == line.text
                                    for g in story.at_a_glance):
        return _stand_in(line, _said_in("at_a_glance", key))
    framed = _framed_pointer(story, key, line)
    if framed is not None:
        return framed
    for m, other in enumerate(briefing.stories[:n], 1):
        for other_key, lines, _required in sections(other):
            said = [x for x in lines if x is not line]
            if m == n and any(overlap_share(x.text, line.text) >= SAME_SHARE for x in said):
                return _stand_in(line, _said_in(other_key, key))
            if m < n and any(x.text == line.text for x in said):
                return _stand_in(line, f"As under story {m} above.")
            if m < n and other_key == key and key.startswith("what_is_in_it_for_you:") \
                    and any(overlap_share(x.text, line.text) >= REPEAT_SHARE for x in said):
                # the same tie to the same reader, worded alike around another country
                return _stand_in(line, f"Same tie as story {m} above.")
    return line


def _framed_pointer(story: StoryBrief, key: str, line: Line) -> Line | None:
    """A line that frames a quote ("South Korea is one side of the dispute: <sentence>")
    whose sentence this story printed above: the frame, pointing at that line, instead of
    the sentence a second time."""
    frame, colon, quoted = line.text.partition(": ")
    if not colon or not quoted or len(frame.split()) < 3:
        return None
    for other_key, lines, _required in sections(story):
        if other_key == key:
            return None
        if any(overlap_share(x.text, quoted) >= SAME_SHARE for x in lines if x is not line):
            where = "At a glance" if other_key == "at_a_glance" else "the line above"
            return _stand_in(line, f"{frame}, as {where} reports.")
    return None


def _said_in(where: str, key: str) -> str:
    """The pointer's words: where in this story the same line was printed."""
    if where == "at_a_glance":
        return ("The reports add nothing to At a glance." if key == "what_is_happening"
                else "As At a glance says.")
    if where.startswith("what_is_in_it_for_you:"):
        return f"As for readers in {reader_name(where.split(':', 1)[1])} above."
    return "As said above."


def _stand_in(line: Line, text: str) -> Line:
    return Line(text=text, citations=line.citations, reader=line.reader, why=line.why,
                actor=line.actor, note=True)


def overlap_share(earlier: str, text: str) -> float:
    """The share of ``text``'s words inside a run of ``earlier``."""
    printed = Printed()
    printed.add(earlier)
    return printed.share(text)


def drop_repeated_previously(briefing: Briefing) -> None:
    """Earlier stories listed once: under the first story of the briefing that lists
    them, and one of several with the same title. A story whose earlier stories were all
    listed above points at the first story that listed them ("As under story 2 above")."""
    listed: dict[str, int] = {}  # earlier story or title -> the story (1-based) listing it
    for n, story in enumerate(briefing.stories, 1):
        if story.folded:
            continue
        kept = [p for p in story.previously if p.story not in listed and p.title not in listed]
        if story.previously and not kept:
            first = story.previously[0]
            story.previously_above = listed.get(first.story) or listed.get(first.title)
        for p in kept:
            listed.setdefault(p.story, n)
            listed.setdefault(p.title, n)
        story.previously = kept


def cap_sections(story: StoryBrief, budget: Budget) -> None:
    """At most the budgeted lines per section; the rest to ``more``."""
    limits = {"at_a_glance": budget.glance, "what_is_happening": budget.happening,
              "what_happens_next": budget.next, "since": budget.since, "no_tie": 1}
    for key, lines, _required in list(sections(story)):
        limit = budget.for_you if key.startswith("what_is_in_it_for_you") else limits[key]
        if len(lines) > limit:
            kept = lines[:limit]
            # a personal reader's interest the story meets is why it is in their briefing
            kept += [x for x in lines[limit:] if _is_interest(x)][:1]
            _set(story, key, kept)
            _defer(story, key, [x for x in lines if all(x is not k for k in kept)])


def _is_interest(line: Line) -> bool:
    return line.why is not None and any(getattr(w, "kind", None) == "interest"
                                        for w in line.why[:1])


def story_words(story: StoryBrief) -> int:
    """The words a story prints (its lines, previously and an allowance for headings)."""
    if story.folded:
        return FOLDED_WORDS + word_count(story.title)
    total = STORY_OVERHEAD + word_count(story.title)
    for _key, lines, _required in sections(story):
        total += sum(word_count(line.text) for line in lines)
    total += 3 * len(story.what_is_in_it_for_you)  # "Readers in ..."
    total += word_count(story.no_tie.text) if story.no_tie else 0
    total += sum(word_count(p.title) + 1 for p in story.previously)
    return total


def trim(story: StoryBrief) -> None:
    """A story cut to its essentials: one line per section beside At a glance, and the
    two latest earlier stories."""
    for key, lines, _required in list(sections(story)):
        if key != "at_a_glance" and len(lines) > 1:
            _set(story, key, lines[:1])
            _defer(story, key, lines[1:])
    story.previously = story.previously[:2]


def _words(briefing: Briefing) -> int:
    return sum(map(story_words, briefing.stories))


def _plan(briefing: Briefing, budget: Budget) -> tuple[set[int], set[int]]:
    """Which stories to trim and which to fold so that the printed text fits the word
    budget: the lowest-ranked stories are cut to their essentials first (the lead story
    last, and only when the budget does not keep it), then, while still over, folded
    under "Also today" (at least ``budget.full`` stay). Planned on a copy that goes
    through the repeat pass, as the printed briefing will."""
    trial = copy.deepcopy(briefing)
    drop_repeats(trial)
    drop_repeated_previously(trial)
    trimmed: set[int] = set()
    folded: set[int] = set()
    assert budget.words is not None
    for n in range(len(trial.stories) - 1, 0 if budget.keep_lead else -1, -1):
        if _words(trial) <= budget.words:
            break
        trim(trial.stories[n])
        trimmed.add(n)
    for n in range(len(trial.stories) - 1, budget.full - 1, -1):
        if _words(trial) <= budget.words:
            break
        trial.stories[n].folded = True
        folded.add(n)
    return trimmed, folded


def fit(briefing: Briefing, budget: Budget) -> None:
    """Apply the budget to a composed briefing, in place: sections capped, the stories
    over the word budget trimmed, then folded (see ``_plan``), repeats left out."""
    for story in briefing.stories:
        cap_sections(story, budget)
    if budget.words is not None:
        trimmed, folded = _plan(briefing, budget)
        for n, story in enumerate(briefing.stories):
            if n in trimmed:
                trim(story)
            if n in folded:
                story.folded = True
    drop_repeats(briefing)
    drop_repeated_previously(briefing)
