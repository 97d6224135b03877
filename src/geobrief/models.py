"""The nouns passed between stages, as plain typed classes.

Stages exchange these rather than database rows so that each stage can be run, tested
and later distributed on its own.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any


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
    stance: str = "none"  # assert | deny | unconfirmed | confirm | none
    hedge: str | None = None  # the forward-looking or hedging words, if any
    band: str | None = None  # estimative probability band from the hedge
    forward: bool = False


@dataclass(frozen=True)
class Reader:
    """A reader (or, without interests, a reader group of an edition)."""

    name: str
    country: str
    region: str | None = None
    interests: tuple[str, ...] = ()
    language: str = "en"


# --- briefing ---------------------------------------------------------------------------


@dataclass
class Citation:
    """What a briefing sentence rests on: a stored article, or a documented fact."""

    kind: str  # "article" | "knowledge"
    url: str
    label: str  # outlet name, or the knowledge file and fact id
    published: str | None = None  # ISO date of the article
    title: str | None = None
    article_id: int | None = None


@dataclass
class Line:
    """One sentence of a briefing with its citations and the structure behind it."""

    text: str
    citations: list[Citation]
    reader: str | None = None  # the reader group a line is addressed to
    speaker: str | None = None
    stance: str | None = None
    actor: str | None = None
    band: str | None = None
    p: tuple[float, float] | None = None
    why: list[dict[str, Any]] | None = None
    claims: list[dict[str, Any]] | None = None  # the claim ledger entries the line reports
    events: list[dict[str, Any]] | None = None  # who did what to whom (PLOVER), if coded
    horizon: str | None = None  # what happens next: the date the source expects it by
    condition: str | None = None  # what happens next: "if ..." in the source's words


@dataclass
class PreviousBrief:
    date: str
    title: str
    briefing: str | None  # id of the stored briefing that carried it, if any
    story: str


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
    salience: dict[str, Any] = field(default_factory=dict)  # {"score", "reasons"}


@dataclass
class Briefing:
    id: str
    date: date
    readers: list[str]
    stories: list[StoryBrief]
    generated_at: str
    generator: str = "geobrief extractive writer"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        data["edition"] = {"readers": data.pop("readers")}
        return data
