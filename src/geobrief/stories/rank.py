"""Salience: which stories lead the day's edition, and why, as geopolitical significance.

A story's salience on a day adds up parts, each explained in words (``Salience.reasons``),
all read from the day's reports of the story:

- the kind of event: the weightiest PLOVER type analysis coded (armed violence, coercion,
  agreements and diplomacy, disputes), more when one state acts on another; violence read
  in context (``topics.violence``): an armed actor's, a crime (weighs less), or none (an
  accident, a disaster, an animal, a cyber attack), and not when a headline gives it as
  its event's cause ("due to the invasion"); a decisive political act (a vote, an office
  taken or left, a coup) weighs as armed violence does;
- the weight of the actors named outside datelines: heads of state and government holding
  office that day, other office holders, international bodies, armed groups and national
  institutions (from the knowledge), and how many states are involved;
- human cost and scale: the largest count of dead, wounded or displaced, and of troops or
  weapons, the reports give (``story_figures``);
- independent publishers: publisher families, not feed labels (a wire and its regional
  editions are one; ``stories.publishers``), and the spread of their home countries;
- novelty: a story first reported that day, or reported faster than before.

Reader countries play no part: they shape the reader parts and personal briefings, not
the edition's order; a dateline ("LONDON (Reuters) -") names where a report was filed,
not who is involved. Sport, entertainment, weather, market chatter and site furniture
(``stories.topics``) are left out of the edition unless they carry a hard signal (then
they rank below hard news), or the setting ``edition_soft_news`` keeps them. A story
already briefed is left out on a day with no original report, since it has nothing new.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from geobrief.analyse.claims import figures as title_figures
from geobrief.analyse.events import trigger_types
from geobrief.knowledge.load import Knowledge
from geobrief.settings import Settings
from geobrief.store import Store
from geobrief.store.signals import ArticleSignals, FigureRef, article_signals
from geobrief.store.stories import ArticleRef, StoryRow, briefed_stories, stories_for_day
from geobrief.stories.publishers import Publisher, Publishers, publishers
from geobrief.stories.topics import (
    SoftKind,
    Violence,
    arms_transfer,
    counts_animals,
    main_clause,
    political_terms,
    soft_kind,
    violence,
)

# PLOVER types by kind of event, each kind's weight and name
KINDS: dict[str, tuple[float, str]] = {
    **dict.fromkeys(("FIGHT", "ASSAULT"), (1.5, "armed violence")),
    **dict.fromkeys(("COERCE", "SANCTION", "THREATEN", "MOBILIZE"), (1.0, "coercion")),
    **dict.fromkeys(("AGREE", "COOPERATE", "AID", "CONCEDE", "RETREAT"), (1.0, "agreement")),
    **dict.fromkeys(("CONSULT", "SUPPORT"), (0.8, "diplomacy")),
    **dict.fromkeys(("DEMAND", "DISAPPROVE", "REJECT", "PROTEST", "INVESTIGATE"),
                    (0.5, "dispute or protest")),
}
BETWEEN_STATES = 0.5
HEADLINE_ONLY = 0.8  # a kind named by a headline's words, no actor coded: weighs less
POLITICAL = 0.8  # the political process (elections, governments, parliaments, coups)
POLITICAL_ONE_TERM = 0.5  # ... when a headline names it by a single term ("president")
# ... and when it names a decisive act of it: a vote held, an office taken or left, a coup
POLITICAL_EVENT = 1.5
DECISIVE_TERMS = frozenset([
    "election", "elections", "elect", "elected", "re elected", "polls", "vote", "votes",
    "voters", "referendum", "runoff", "run off", "ballot", "coup", "impeachment",
    "impeached", "no confidence", "sworn in", "inaugurated", "inauguration", "resigns",
    "resign", "resignation", "steps down", "step down", "martial law", "state of emergency",
    "junta", "dissolves", "dissolved"])
ARMS_TRANSFER = 1.5  # weapons of war sent to another party's forces: as armed violence
SOFT_KEPT = 1.0  # what soft news kept in the edition for a hard signal loses
LEAVING = frozenset(["resigns", "resign", "resignation", "steps down", "step down"])
CRIME = 0.5  # violence named as a crime (a lone gunman, a mass shooting, a murder)
HARD_KIND = 1.0  # an event kind at least this weighty keeps a story in the edition
OFFICES = {"head-of-state": 1.0, "head-of-government": 1.0, "foreign-minister": 0.6,
           "defence-minister": 0.6, "secretary-general": 0.8, "commission-president": 0.8,
           "council-president": 0.8, "high-representative": 0.6, "director-general": 0.6}
BODY_KINDS = {"armed-group": (0.8, "armed group"), "military": (0.5, "armed forces"),
              "legislature": (0.4, "legislature"), "intelligence": (0.4, "intelligence"),
              "agency": (0.3, "state agency")}
ARMED_BODIES = ("armed-group", "military")
INTERNATIONAL_BODY = 0.8
ACTORS_CAP = 2.0
PER_STATE = 0.4  # each state involved beyond the first
STATES_CAP = 1.2
DEATHS = frozenset("killed deaths dead died casualties civilians people".split())
HARMED = frozenset("wounded injured refugees missing displaced".split())
HARMED_WEIGHT = 0.3  # one wounded or displaced person counts as this share of one death
# a count of people is a human cost only in a sentence about harm
_HARM = re.compile(r"\b(kill\w*|dead|die[ds]?|death\w*|wound\w*|injur\w*|casualt\w*|"
                   r"missing|displaced|refugees?|fled|flee\w*|evacuat\w*|massacre\w*)\b",
                   re.I)
NOT_VIOLENCE = 0.6  # human cost outside armed violence (accidents, disasters) weighs less
_NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())} | {
    "thirty": 30, "forty": 40, "fifty": 50, "dozens": 24, "scores": 40, "hundreds": 200,
    "thousands": 2000}
_COUNT = r"(?P<{}>\d[\d,]*|" + "|".join(_NUMBER_WORDS) + r")"
_QUALIFIER = r"(?:at least |more than |over |about |around |nearly |some |as many as )?"
_CASUALTIES = re.compile(
    r"\b" + _QUALIFIER + _COUNT.format("n") + r"\s+(?:[A-Za-z-]+\s+){0,3}?"
    r"(?:(?:are|were|have been|has been|had been|was|is)\s+)?"
    r"(?P<harm>killed|dead|died|injured|wounded|missing|displaced)\b"
    r"|\b(?:killing|kills|killed|leaving)\s+" + _QUALIFIER + _COUNT.format("m") + r"\b",
    re.I)
VIOLENT_KINDS = frozenset(("FIGHT", "ASSAULT"))
SCALE = frozenset("troops soldiers personnel forces missiles drones units".split())
PUBLISHER_COUNTRY = 0.3  # each home country beyond the first


@dataclass
class Salience:
    score: float
    parts: dict[str, float] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)
    sources: int = 0  # independent publishers that day
    soft: SoftKind | None = None  # the soft-news kind it was left out as, if it was


@dataclass(frozen=True)
class Diversity:
    """Who published a story's reports of a day."""

    publishers: int
    countries: int
    state_funded: int
    public: int
    families: tuple[str, ...]

    def describe(self) -> str:
        """'4 independent publishers from 3 countries; 1 state-funded'."""
        text = f"{_count(self.publishers, 'independent publisher')}"
        if self.countries:
            text += f" from {_count(self.countries, 'country', 'countries')}"
        extra = []
        if self.state_funded:
            extra.append(f"{self.state_funded} state-funded")
        if self.public:
            extra.append(f"{self.public} public-service")
        return "; ".join([text, *extra])


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def diversity(reports: Iterable[ArticleRef], table: Publishers | None = None) -> Diversity:
    """The publisher families of ``reports``, their home countries and funding (for the
    composer: ``diversity(today's reports).describe()``)."""
    table = table or publishers()
    found: dict[str, Publisher] = {}
    for ref in reports:
        publisher = table.resolve(ref.outlet, ref.outlet_domain, ref.outlet_country)
        found.setdefault(publisher.family, publisher)
    countries = {p.country for p in found.values() if p.country}
    return Diversity(len(found), len(countries),
                     sum(p.funding == "state" for p in found.values()),
                     sum(p.funding == "public" for p in found.values()),
                     tuple(sorted(found)))


def story_figures(signals: dict[int, ArticleSignals], reports: list[ArticleRef]
                  ) -> list[FigureRef]:
    """The figures the reports give: those analysis stored with claims, and those of the
    headlines, by their typed kind (analyse/figures.py)."""
    out = [f for ref in reports for f in signals[ref.id].figures]
    for ref in reports:
        harm = casualties(ref.title)
        # a headline's counts of harm, typed as dead, wounded or missing, replace its
        # untyped "casualties" ("Four are killed and six injured" is not six dead)
        out += [FigureRef(f.value, f.kind, f.text, ref.title) for f in title_figures(ref.title)
                if not f.vague and not (harm and f.kind in DEATHS | HARMED)]
        out += harm
    return out


def casualties(text: str) -> list[FigureRef]:
    """Counts of dead, wounded or missing written in words or digits ("Two soldiers are
    killed", "killing 19"), which the claim figures do not read."""
    out = []
    for match in _CASUALTIES.finditer(text):
        raw = (match.group("n") or match.group("m")).lower().replace(",", "")
        value = float(_NUMBER_WORDS[raw]) if raw in _NUMBER_WORDS else float(raw)
        harm = (match.group("harm") or "killed").lower()
        out.append(FigureRef(value, harm, match.group(0), text))
    return out


def _kind(signals: list[ArticleSignals], headlines: list[str], armed_actor: bool
          ) -> tuple[float, str | None, bool, bool]:
    """The weightiest event kind of the day's reports, its words, whether it was hard, and
    whether it was armed violence. Coded events first; a headline's trigger words when
    none was coded (no actor the knowledge knows), and the political process. Violence
    is read in context (``topics.violence``): none in an accident, a disaster or a cyber
    attack; a crime when a lone perpetrator or a prosecution is named and no armed actor,
    weapon of war or targeted group is."""
    context = violence(headlines, armed_actor)
    best, words, hard, violent = _coded_kind(signals, context is not Violence.NONE)
    if not best:
        for headline in headlines:
            for kind in trigger_types(main_clause(headline)):
                if context is Violence.NONE and kind in VIOLENT_KINDS:
                    continue
                weight, name = KINDS.get(kind, (0.0, ""))
                # no actor coded, so the kind is less sure; not so for violence when the
                # headline names an armed actor, a weapon of war or a targeted group
                sure = kind in VIOLENT_KINDS and context is Violence.ARMED
                if weight * (1.0 if sure else HEADLINE_ONLY) > best:
                    best = weight * (1.0 if sure else HEADLINE_ONLY)
                    words, violent = f"{name} (in the headline)", kind in VIOLENT_KINDS
                hard = hard or weight >= HARD_KIND
    if violent and context is Violence.CRIME:
        best = min(best, CRIME)
        words = "violent crime" + str(words)[len(KINDS["FIGHT"][1]):]
        violent = False
    if best < ARMS_TRANSFER and any(arms_transfer(h) for h in headlines):
        best, words, hard = ARMS_TRANSFER, "military aid (weapons sent)", True
    terms = sorted({t for h in headlines for t in political_terms(h)})
    # leaving an office is political only when the office is named ("resigns as prime
    # minister"; not a chief executive who steps down)
    office = any(t not in LEAVING for t in terms)
    decisive = [t for t in terms if t in DECISIVE_TERMS and (t not in LEAVING or office)]
    political = POLITICAL_EVENT if decisive else \
        POLITICAL if len(terms) > 1 else POLITICAL_ONE_TERM
    if terms and best < political:
        shown = decisive or terms
        best, words = political, f"political process ({', '.join(shown[:3])})"
    return best, words, hard, violent


def _coded_kind(signals: list[ArticleSignals], with_violence: bool = True
                ) -> tuple[float, str | None, bool, bool]:
    best, words, hard, violent = 0.0, None, False, False
    for article in signals:
        for event in article.events:
            weight, name = KINDS.get(event.type, (0.0, ""))
            if event.negated or not weight or (
                    not with_violence and event.type in VIOLENT_KINDS):
                continue
            if event.intended:
                weight *= 0.7  # a stated intention weighs less than a deed
            between = (event.source_country and event.target_country
                       and event.source_country != event.target_country)
            total = weight + (BETWEEN_STATES if between else 0.0)
            if total > best:
                best, violent = total, event.type in VIOLENT_KINDS
                words = f"{name} ({event.trigger}"
                words += f", {event.source_country} on {event.target_country})" if between \
                    else ")"
            hard = hard or weight >= HARD_KIND
    return best, words, hard, violent


def _actors(signals: list[ArticleSignals], knowledge: Knowledge | None, day: date
            ) -> tuple[float, list[str], set[str], bool]:
    """The weight of who is named, their names, the states involved, and whether an armed
    group or armed forces are among them. A national body counts only in a report that
    also names its country: "Congress" in a report on Brasilia is not the United States
    Congress."""
    weights: dict[str, tuple[float, str]] = {}
    states: set[str] = set()
    armed = False
    for article in signals:
        named = {a.country for a in article.actors
                 if a.country and a.type in ("country", "place")}
        states |= named
        for actor in article.actors:
            if not actor.entity_id or knowledge is None or actor.type not in (
                    "person", "organisation"):
                continue
            national = actor.type == "organisation" and actor.country is not None
            if national and actor.country not in named:
                continue
            weighed = _actor_weight(actor.type, actor.entity_id, knowledge, day)
            body = knowledge.organisations.get(actor.entity_id)
            armed = armed or (body is not None and body.kind in ARMED_BODIES)
            if weighed is not None:
                weights[actor.entity_id] = weighed
                if actor.country:
                    states.add(actor.country)
    ranked = sorted(weights.values(), key=lambda w: -w[0])
    total = min(ACTORS_CAP, sum(w for w, _ in ranked))
    return total, [name for _, name in ranked[:3]], states, armed


def _actor_weight(kind: str, entity: str, knowledge: Knowledge, day: date
                  ) -> tuple[float, str] | None:
    person = knowledge.people.get(entity) if kind == "person" else None
    if person is not None:
        held = [(OFFICES.get(r, 0.3), o.title) for o in person.offices if o.held_on(day)
                for r in (o.role, *o.also)]
        if not held:
            return None
        weight, title = max(held)
        return weight, f"{person.name} ({title})"
    body = knowledge.organisations.get(entity) if kind == "organisation" else None
    if body is None:
        return None
    if body.country is None:
        return INTERNATIONAL_BODY, body.short_name
    weight, what = BODY_KINDS.get(body.kind, (0.0, ""))
    return (weight, f"{body.short_name} ({what})") if weight else None


def _figures(found: list[FigureRef], violence: bool) -> tuple[float, str | None, bool]:
    """Human cost (dead, wounded, displaced) and scale (troops, weapons), in words."""
    cost = max((f for f in found if f.noun in DEATHS | HARMED and _HARM.search(f.context)
                and not counts_animals(f.text, f.context)),
               key=lambda f: f.value * (HARMED_WEIGHT if f.noun in HARMED else 1.0),
               default=None)
    scale = max((f for f in found if f.noun in SCALE), key=lambda f: f.value, default=None)
    part, words = 0.0, []
    if cost is not None:
        value = cost.value * (HARMED_WEIGHT if cost.noun in HARMED else 1.0)
        part += min(1.5, 0.5 * math.log10(1 + value)) * (1.0 if violence else NOT_VIOLENCE)
        words.append(f"human cost: {cost.text}")
    if scale is not None:
        part += min(1.0, 0.3 * math.log10(1 + scale.value))
        words.append(f"scale: {scale.text}")
    return part, "; ".join(words) or None, cost is not None


def salience(story: StoryRow, day: date, signals: dict[int, ArticleSignals],
             knowledge: Knowledge | None = None, table: Publishers | None = None
             ) -> Salience:
    """Salience of ``story`` on ``day``; ``signals`` hold what analysis stored for its
    reports (``store.signals.article_signals``)."""
    today = [a for a in story.articles if a.published.date() == day]
    earlier = [a for a in story.articles if a.published.date() < day]
    mine = [signals[a.id] for a in today if a.id in signals]
    parts: dict[str, float] = {}
    reasons: list[str] = []
    actors, names, states, armed = _actors(mine, knowledge, day)
    armed = armed or any(e.type in VIOLENT_KINDS and e.source_country and e.target_country
                         and e.source_country != e.target_country
                         for article in mine for e in article.events)
    kind, kind_words, hard, violent = _kind(mine, [a.title for a in today], armed)
    if kind:
        parts["kind of event"] = kind
        reasons.append(str(kind_words))
    if actors:
        parts["actors"] = actors
        reasons.append("actors: " + ", ".join(names))
    if len(states) > 1:
        parts["states"] = min(STATES_CAP, PER_STATE * (len(states) - 1))
        reasons.append(f"involves {len(states)} states")
    cost, cost_words, human = _figures(story_figures(
        signals, [a for a in today if a.id in signals]), violent)
    if cost:
        parts["human cost and scale"] = cost
        reasons.append(str(cost_words))
    who = diversity(today, table)
    parts["independent publishers"] = math.log2(1 + who.publishers)
    parts["publishers' countries"] = PUBLISHER_COUNTRY * max(0, who.countries - 1)
    reasons.append(who.describe())
    parts["novelty"], novelty_words = _novelty(today, earlier)
    reasons.append(novelty_words)
    soft = soft_kind(a.title for a in today)
    if soft is not None and (hard or human):
        # kept in the edition for a hard signal (a footballer arrested for protesting, a
        # storm that kills), but below the day's hard news
        parts["soft news"] = -SOFT_KEPT
        reasons.append(f"{soft.value} news, kept for {'its human cost' if human else kind_words}")
        soft = None
    score = round(sum(parts.values()), 3)
    return Salience(score, parts, reasons, who.publishers, soft)


def _novelty(today: list[ArticleRef], earlier: list[ArticleRef]) -> tuple[float, str]:
    if not earlier:
        return 0.5, "first reported today"
    days_before = len({a.published.date() for a in earlier}) or 1
    rate = len(earlier) / days_before
    velocity = math.log1p(len(today) / max(1.0, rate))
    return 0.5 * velocity, (f"continuing: {len(today)} reports today against "
                            f"{rate:.1f} a day over {_count(days_before, 'earlier day')}")


def has_news(story: StoryRow, day: date, briefed_before: bool) -> bool:
    """A story already briefed needs an original report on ``day`` to be briefed again."""
    if not briefed_before:
        return any(a.published.date() == day for a in story.articles)
    return any(a.published.date() == day and a.origin_id is None for a in story.articles)


def rank_day(store: Store, day: date, knowledge: Knowledge | None,
             audience: str | None = None, settings: Settings | None = None
             ) -> list[tuple[StoryRow, Salience]]:
    """The day's edition from the store, ranked (see ``rank``); a story counts as briefed
    when a published briefing for ``audience`` (any, by default) carried it."""
    stories = stories_for_day(store, day)
    ids = [a.id for s in stories for a in s.articles if a.published.date() == day]
    return rank(stories, day, article_signals(store, ids), knowledge,
                briefed_stories(store, day, audience), settings)


def rank(stories: list[StoryRow], day: date, signals: dict[int, ArticleSignals],
         knowledge: Knowledge | None, briefed: set[str], settings: Settings | None = None
         ) -> list[tuple[StoryRow, Salience]]:
    """Stories with news on ``day``, most salient first (ties by id, so stable), without
    soft news unless ``settings.edition_soft_news``."""
    settings = settings or Settings()
    table = publishers(settings.publishers_file)
    scored = [(s, salience(s, day, signals, knowledge, table)) for s in stories
              if has_news(s, day, s.id in briefed)]
    if not settings.edition_soft_news:
        scored = [(s, v) for s, v in scored if v.soft is None]
    else:
        for _s, v in scored:
            if v.soft is not None:
                v.reasons.append(f"soft news ({v.soft.value}), kept by edition_soft_news")
    return sorted(scored, key=lambda pair: (-pair[1].score, pair[0].id))
