"""The nouns passed between stages, as plain typed classes and string enums.

Stages exchange these rather than database rows so that each stage can be run, tested
and later distributed on its own. The briefing classes are also the JSON format: their
serialised form is ``Briefing.to_dict()`` (checked against ``briefing.schema.json`` by a
test), and a field that is ``None`` is written as null unless its metadata says
``omit_none``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Literal

# --- vocabularies ------------------------------------------------------------------------


class Stance(StrEnum):
    """How a sentence or claim stands to what it reports."""

    ASSERT = "assert"
    DENY = "deny"
    CONFIRM = "confirm"
    NOT_CONFIRM = "not_confirm"  # declined, failed or "has not" confirmed; not a denial
    NONE = "none"


CONTESTED = (Stance.DENY, Stance.NOT_CONFIRM)


class Status(StrEnum):
    """A claim ledger entry's status over time."""

    REPORTED = "reported"
    CORROBORATED = "corroborated"
    CONFIRMED = "confirmed"
    DENIED = "denied"
    UNCONFIRMED = "unconfirmed"
    DISPUTED = "disputed"


class Outcome(StrEnum):
    """What became of an outlook item (None while it is open)."""

    HAPPENED = "happened"
    LAPSED = "lapsed"


class MentionType(StrEnum):
    """What a linked (or unlinked) mention names."""

    COUNTRY = "country"
    ORGANISATION = "organisation"
    TREATY = "treaty"
    PERSON = "person"
    PLACE = "place"
    VESSEL = "vessel"
    AIRCRAFT = "aircraft"


class EdgeKind(StrEnum):
    """A tie of the knowledge graph between two countries (knowledge/graph.py)."""

    TREATY = "treaty"  # a defence treaty in force and applied
    TREATY_PENDING = "treaty-pending"  # signed, not yet in force
    TREATY_SUSPENDED = "treaty-suspended"
    TREATY_DORMANT = "treaty-dormant"  # in force on paper only (SEATO since 1977)
    ALLIANCE = "alliance"  # fellow members of a military, security or intelligence grouping
    CONFLICT = "conflict"  # opposite sides of an armed conflict or war
    SIDE = "side"  # a fights on b's side
    DISPUTE = "dispute"
    SANCTIONS = "sanctions"
    ARMS = "arms"
    AID = "aid"
    TROOPS = "troops"
    TRADE = "trade"
    IGO = "igo"  # fellow members of a (small) intergovernmental organisation
    LAND_BORDER = "land-border"
    MARITIME_NEIGHBOUR = "maritime-neighbour"
    MARITIME = "maritime-neighbour"  # alias
    MEMBER = "member"


class LinkRule(StrEnum):
    """The rule that joined a story to its thread (None: the story began it)."""

    SIMILAR = "similar"
    CLEAR = "clear"
    COUNTRIES = "countries"
    SITUATION = "situation"  # a weak link: one country's lasting situation, continued
    MEANING = "meaning"
    STORYLINE = "storyline"  # to a storyline quiet for longer than the thread window


class CitationKind(StrEnum):
    ARTICLE = "article"
    KNOWLEDGE = "knowledge"


# --- articles ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Outlet:
    name: str
    domain: str | None = None
    country: str | None = None
    kind: str | None = None


@dataclass
class ArticleIn:
    """One article as parsed from a source, before it is stored."""

    url: str
    title: str
    text: str
    published: datetime
    outlet: Outlet
    language: str
    author: str | None = None
    source: str = ""  # where it came from: the URL fetched or the file read (redacted)
    # the source's identity (see ingest.sources.source_key): one source never revises or
    # hides another's article; empty means "the source named by ``source``"
    source_key: str = ""
    claimed_outlet: str | None = None  # the outlet the content says it is from (metadata)


@dataclass
class Article:
    """A stored article."""

    id: int
    url: str
    title: str
    text: str
    published: datetime
    outlet: Outlet
    language: str
    content_hash: str
    origin_id: int | None = None


@dataclass
class Sentence:
    """A sentence of an article with what analysis found in it."""

    article_id: int
    idx: int
    text: str
    speaker: str | None = None  # who the sentence attributes its content to
    stance: str = Stance.NONE
    hedge: str | None = None  # the forward-looking or hedging words, if any
    band: str | None = None  # estimative probability band from the hedge
    forward: bool = False
    speaker_id: str | None = None  # the speaker's knowledge id, when analysis linked them
    language: str | None = None  # only where it differs from its article's language


@dataclass(frozen=True)
class OutlookItem:
    """What analysis stored about a forward-looking sentence: who would act, how likely
    (estimative band), by when, under what condition, and, once settled, what became of it."""

    article_id: int
    idx: int
    actor: str | None = None
    actor_country: str | None = None
    band: str | None = None
    p: tuple[float, float] | None = None
    horizon: str | None = None
    condition: str | None = None
    outcome: Outcome | None = None
    act: str | None = None  # what would happen, in the source's words
    source: str | None = None  # whose statement or estimate it is (None: the outlet's)
    source_kind: str | None = None  # party (its own intent, or its state outlet) | source | outlet


@dataclass(frozen=True)
class Reader:
    """A reader (or, without interests, a reader group of an edition)."""

    name: str
    country: str
    region: str | None = None
    interests: tuple[str, ...] = ()
    language: str = "en"


@dataclass(frozen=True)
class Edition:
    """A briefing for reader groups, one per country."""

    countries: tuple[str, ...]

    @property
    def key(self) -> str:
        return "-".join(self.countries)

    @property
    def readers(self) -> list[Reader]:
        return [Reader(code, code) for code in self.countries]


@dataclass(frozen=True)
class Personal:
    """A briefing for one reader: stories picked and told for them."""

    reader: Reader

    @property
    def countries(self) -> tuple[str, ...]:
        return (self.reader.country,)

    @property
    def key(self) -> str:
        return f"reader:{self.reader.name}"

    @property
    def readers(self) -> list[Reader]:
        return [self.reader]


Audience = Edition | Personal


# --- briefing ----------------------------------------------------------------------------

OMIT_NONE = {"omit_none": True}  # field metadata: leave the key out of the JSON when None
INTERNAL = {"internal": True}  # field metadata: never written to the JSON
OMIT_EMPTY = {"omit_empty": True}  # field metadata: leave the key out when empty


def to_data(value: Any) -> Any:
    """A briefing object as JSON-ready data (see the module docstring)."""
    if is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for f in fields(value):
            item = getattr(value, f.name)
            if f.metadata.get("internal") or (item is None and f.metadata.get("omit_none")):
                continue
            if not item and f.metadata.get("omit_empty"):
                continue
            out[f.metadata.get("name", f.name)] = to_data(item)
        return out
    if isinstance(value, dict):
        return {k: to_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_data(v) for v in value]
    if isinstance(value, StrEnum):
        return str(value)
    return value


@dataclass
class Citation:
    """What a briefing sentence rests on: a stored article, or a documented fact."""

    kind: CitationKind
    url: str
    label: str  # outlet name, or the knowledge file and fact id
    published: str | None = None  # ISO date of the article
    title: str | None = None
    article_id: int | None = None


@dataclass(frozen=True)
class SentenceKey:
    """Which stored sentence a line reports."""

    article_id: int
    idx: int


@dataclass
class ClaimNote:
    """The claim ledger entry a line reports, with its status; a figure line also carries
    the range of the figures and what they count."""

    ledger: str
    status: Status
    stances: int
    range: tuple[float, float] | None = field(default=None, metadata=OMIT_NONE)
    kind: str | None = field(default=None, metadata=OMIT_NONE)


@dataclass
class Grounds:
    """Why a line stands where it does (not a chain step): the reader's country named,
    a sentence naming it, an outlook for them, or one of their interests."""

    kind: Literal["named", "evidence", "outlook", "interest"]
    country: str | None = field(default=None, metadata=OMIT_NONE)
    interest: str | None = field(default=None, metadata=OMIT_NONE)


@dataclass
class TieStep:
    """One edge of the chain that ties a story to a reader, with its source."""

    from_: str = field(metadata={"name": "from"})
    to: str
    kind: EdgeKind | str  # a kind of tie the knowledge graph knows (EdgeKind, or a newer one)
    via: str | None
    via_id: str | None
    source: str


@dataclass
class EventNote:
    """An event a line reports, as analysis stored it (PLOVER type, CAMEO code)."""

    type: str
    cameo: str | None
    source: str | None
    source_country: str | None
    target: str | None
    target_country: str | None
    negated: bool


@dataclass
class Figure:
    """A figure a source gave for a quantity (``kind``: "troops", "dollars", ...), who
    gave it, on which day, and the sentence it stands in (the claim ledger's unit)."""

    value: float
    qualifier: str | None  # "at least", "about", ...
    kind: str
    by: str | None
    day: str
    text: str


@dataclass
class Line:
    """One sentence of a briefing with its citations and the structure behind it."""

    text: str
    citations: list[Citation]
    reader: str | None = None  # the reader group a line is addressed to
    speaker: str | None = None
    speaker_id: str | None = None  # the speaker's knowledge id, when known
    stance: Stance | Literal["range"] | None = None
    actor: str | None = None
    band: str | None = None
    p: tuple[float, float] | None = None
    why: list[TieStep | Grounds] | None = None
    claims: list[ClaimNote] | None = None  # the claim ledger entries the line reports
    events: list[EventNote] | None = None  # who did what to whom (PLOVER), if coded
    horizon: str | None = None  # what happens next: the date the source expects it by
    condition: str | None = None  # what happens next: "if ..." in the source's words
    # what happens next: whose words the band is ("source": its hedging, named in
    # ``estimate_by``; "party": a party's statement of its own intent, no band)
    estimate: Literal["source", "party"] | None = field(default=None, metadata=OMIT_NONE)
    estimate_by: str | None = field(default=None, metadata=OMIT_NONE)
    language: str | None = field(default=None, metadata=OMIT_NONE)  # of an untranslated title
    # the composer's own line (a pointer to where a thing was said, "nothing more was
    # reported"), not a source's sentence: it quotes no one
    note: bool | None = field(default=None, metadata=OMIT_NONE)
    sentence: SentenceKey | None = field(default=None, metadata=INTERNAL)


@dataclass
class PreviousBrief:
    date: str
    title: str
    briefing: str | None  # id of the published briefing that carried it, if any
    story: str
    reports: int | None = field(default=None, metadata=OMIT_NONE)  # its reports then


@dataclass
class SalienceNote:
    score: float
    reasons: list[str]


@dataclass
class StoryBrief:
    id: str
    thread: str
    thread_name: str
    title: str
    date: str
    first_seen: str
    outlets: list[str]
    sources: int  # independent origins
    articles: int
    at_a_glance: list[Line]
    what_is_happening: list[Line]
    what_is_in_it_for_you: dict[str, list[Line]]
    what_happens_next: list[Line]
    previously: list[PreviousBrief]
    salience: SalienceNote | None = field(default=None, metadata=OMIT_NONE)
    extra: dict[str, list[Line]] = field(default_factory=dict, metadata=OMIT_NONE)
    # what changed since the earlier stories of the storyline (under Previously)
    since: list[Line] = field(default_factory=list, metadata=OMIT_EMPTY)
    # "4 independent publishers from 3 countries; 1 state-funded"
    diversity: str | None = field(default=None, metadata=OMIT_NONE)
    languages: list[str] = field(default_factory=list, metadata=OMIT_EMPTY)
    # lines the length budget leaves out of the printed text, by section key: kept in the
    # JSON and one click away in the HTML (compose/budget.py)
    more: dict[str, list[Line]] = field(default_factory=dict, metadata=OMIT_EMPTY)
    # one line for the reader groups to whom neither the reports nor the knowledge tie the
    # story (each group's own line is under ``more``)
    no_tie: Line | None = field(default=None, metadata=OMIT_NONE)
    # told in a line under "Also today" (over the length budget); its sections in the JSON
    folded: bool | None = field(default=None, metadata=OMIT_NONE)
    # a quiet day's story: no report today; its state as of ``date`` of its latest report
    quiet: bool | None = field(default=None, metadata=OMIT_NONE)
    # its earlier stories are those a story above lists (its number in the briefing)
    previously_above: int | None = field(default=None, metadata=OMIT_NONE)



@dataclass
class Briefing:
    id: str
    date: date
    audience: Edition | Personal
    stories: list[StoryBrief]
    generated_at: str
    generator: str = "geobrief extractive writer"
    length: str = "standard"  # the length budget it was written to (compose/budget.py)
    notice: str | None = None  # said above the stories ("No new reports on ...")

    @property
    def readers(self) -> list[str]:
        """The reader groups' country codes."""
        return list(self.audience.countries)

    def to_dict(self) -> dict[str, Any]:
        stories = []
        for story in self.stories:
            data = to_data(story)
            extra = data.pop("extra", {})
            data.update(extra)  # sections added by plugins sit beside the built-in ones
            stories.append(data)
        data = {"id": self.id, "date": self.date.isoformat(), "stories": stories,
                "generated_at": self.generated_at, "generator": self.generator,
                "edition": {"readers": self.readers}, "length": self.length}
        if self.notice:
            data["notice"] = self.notice
        return data

    def to_json(self) -> str:
        from geobrief.compose.render import render

        return render(self, "json")

    def to_markdown(self) -> str:
        from geobrief.compose.render import render

        return render(self, "md")

    def to_html(self) -> str:
        from geobrief.compose.render import render

        return render(self, "html")


@dataclass
class Reason:
    """Why a story reaches a reader, found by one relevance rule: a sentence (for "What is
    in it for you?"), the citations it rests on, and the rule's weight in choosing stories.

    ``glance`` is the same reason worded to follow "For readers in X, "; ``strength``
    orders reasons as lines; ``quotes`` is the reported sentence it quotes, if any;
    ``more`` holds further, weaker findings of the same rule (each its own line)."""

    kind: str
    text: str
    citations: list[Citation] = field(default_factory=list)
    weight: float = 0.0
    strength: float = 0.0
    glance: str = ""
    quotes: str = ""
    why: list[TieStep | Grounds] = field(default_factory=list)
    shown: bool = True  # written into "What is in it for you?"; False: it only picks stories
    more: list[Reason] = field(default_factory=list)

    def lines(self) -> list[Reason]:
        return [self, *self.more]
