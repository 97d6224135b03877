"""Reads of stories, their articles and sentences, and stored briefings."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import Connection, and_, bindparam, delete, func, select, update

from geobrief.models import EventNote, Outcome, OutlookItem, Sentence
from geobrief.store.engine import Store
from geobrief.store.events import article_events
from geobrief.store.ledger import thread_ledger
from geobrief.store.schema import (
    articles,
    briefing_stories,
    briefings,
    claims,
    features,
    outlets,
    outlook,
    sentences,
    stories,
    story_articles,
    threads,
)

PUBLISHED = "published"  # briefings.status
DRAFT = "draft"


@dataclass(frozen=True)
class ArticleRef:
    id: int
    url: str
    title: str
    published: datetime
    outlet: str
    outlet_country: str | None
    origin_id: int | None
    outlet_domain: str | None = None
    language: str | None = None


@dataclass
class StoryRow:
    id: str
    thread_id: str
    thread_name: str
    title: str
    first_published: datetime
    last_published: datetime
    articles: list[ArticleRef]
    thread_link: str | None = None  # the rule that joined it to its thread; None: it began it
    thread_score: float | None = None
    languages: tuple[str, ...] = ()  # its reports' languages, most reports first


def day_bounds(day: date) -> tuple[datetime, datetime]:
    return datetime.combine(day, time.min), datetime.combine(day, time.max)


def stories_for_day(store: Store, day: date) -> list[StoryRow]:
    """Stories with at least one article published on ``day`` (UTC), with their articles
    published up to the end of that day."""
    start, end = day_bounds(day)
    with store.engine.connect() as conn:
        ids = [
            r.story_id
            for r in conn.execute(
                select(story_articles.c.story_id)
                .distinct()
                .join(articles, articles.c.id == story_articles.c.article_id)
                .where(and_(articles.c.published >= start, articles.c.published <= end))
            )
        ]
        return story_rows(conn, sorted(ids), end)


def live_stories(store: Store, day: date, window_days: float, limit: int) -> list[StoryRow]:
    """For a day without reports: the latest story of each storyline that had a report in
    the ``window_days`` before ``day``, as it stood then, the most recently reported first
    (at most ``limit``)."""
    start, _ = day_bounds(day)
    since = start - timedelta(days=window_days)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(stories.c.id, stories.c.thread_id,
                   func.max(articles.c.published).label("last"))
            .join(story_articles, story_articles.c.story_id == stories.c.id)
            .join(articles, articles.c.id == story_articles.c.article_id)
            .where(articles.c.published >= since, articles.c.published < start)
            .group_by(stories.c.id, stories.c.thread_id)
        ).all()
        latest: dict[str, tuple[datetime, str]] = {}
        for r in rows:
            if r.thread_id not in latest or (r.last, r.id) > latest[r.thread_id]:
                latest[r.thread_id] = (r.last, r.id)
        ids = [i for _last, i in sorted(latest.values(), reverse=True)[:limit]]
        return story_rows(conn, ids, start - timedelta(microseconds=1))


def story_rows(conn: Connection, ids: list[str], end: datetime) -> list[StoryRow]:
    out = []
    for story_id in ids:
        meta = (
            conn.execute(
                select(stories, threads.c.name.label("thread_name"))
                .join(threads, threads.c.id == stories.c.thread_id)
                .where(stories.c.id == story_id)
            )
            .mappings()
            .one()
        )
        refs = [
            ArticleRef(r.id, r.url, r.title, r.published, r.name, r.country, r.origin_id,
                       r.domain, r.language)
            for r in conn.execute(
                select(
                    articles.c.id,
                    articles.c.url,
                    articles.c.title,
                    articles.c.published,
                    articles.c.origin_id,
                    articles.c.language,
                    outlets.c.name,
                    outlets.c.country,
                    outlets.c.domain,
                )
                .join(story_articles, story_articles.c.article_id == articles.c.id)
                .join(outlets, outlets.c.id == articles.c.outlet_id)
                .where(story_articles.c.story_id == story_id)
                .where(articles.c.published <= end)
                .order_by(articles.c.published, articles.c.url, articles.c.source_key)
            )
        ]
        out.append(
            StoryRow(
                story_id,
                meta["thread_id"],
                meta["thread_name"],
                title_as_of(meta["title"], refs, meta["last_published"] > end),
                meta["first_published"],
                min(meta["last_published"], end),
                refs,
                meta["thread_link"],
                meta["thread_score"],
                tuple((meta["languages"] or "").split(",")) if meta["languages"] else (),
            )
        )
    return out


def title_as_of(title: str, refs: list[ArticleRef], later: bool) -> str:
    """The story's title as it stood with only ``refs`` (its reports up to a day): the
    stored title (chosen over all its reports) when one of them carries it or none came
    later, else the title of the latest day's original report that was republished most
    (earliest on ties), as the briefing's lead is chosen."""
    if not later or not refs or any(r.title == title for r in refs):
        return title
    last = max(r.published.date() for r in refs)
    day = [r for r in refs if r.published.date() == last]
    origins = [r for r in day if r.origin_id is None] or day
    copies = Counter(r.origin_id for r in refs if r.origin_id is not None)
    return min(origins, key=lambda r: (-copies[r.id], r.published, r.url)).title


def sentences_for(store: Store, article_ids: list[int]) -> dict[int, list[Sentence]]:
    """The news sentences of each article, in order: page furniture (sentences analysis
    labelled as noise) is never evidence for a briefing."""
    out: dict[int, list[Sentence]] = {i: [] for i in article_ids}
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(sentences, claims.c.speaker_id)
            .outerjoin(claims, (claims.c.article_id == sentences.c.article_id)
                       & (claims.c.idx == sentences.c.idx))
            .where(sentences.c.article_id.in_(article_ids), sentences.c.noise.is_(None))
            .order_by(sentences.c.article_id, sentences.c.idx)
        ).mappings()
        for r in rows:
            out[r["article_id"]].append(
                Sentence(
                    r["article_id"],
                    r["idx"],
                    r["text"],
                    r["speaker"],
                    r["stance"],
                    r["hedge"],
                    r["band"],
                    bool(r["forward"]),
                    r["speaker_id"],
                    r["language"],
                )
            )
    return out


def outlook_for(store: Store, article_ids: list[int]) -> dict[tuple[int, int], OutlookItem]:
    """Outlook items of these articles, by (article id, sentence index)."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(outlook).where(outlook.c.article_id.in_(article_ids)))
        return {(r.article_id, r.idx): OutlookItem(
            r.article_id, r.idx, r.actor, r.actor_country, r.band, (r.p_low, r.p_high),
            r.horizon, r.condition, Outcome(r.outcome) if r.outcome else None, r.act,
            r.source, r.source_kind)
            for r in rows}


def countries_for(store: Store, article_ids: list[int]) -> dict[int, Counter[str]]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(features.c.article_id, features.c.countries).where(
                features.c.article_id.in_(article_ids)
            )
        )
        return {r.article_id: Counter(json.loads(r.countries)) for r in rows}


@dataclass(frozen=True)
class EarlierStory:
    story_id: str
    title: str
    day: str
    briefing_id: str | None


def earlier_in_thread(
    store: Store, thread_id: str, before: date
) -> list[EarlierStory]:
    """Stories of the thread (this one included) with news before ``before``, newest
    first, each with the stored briefing that carried it on its last such day (if any)."""
    start, _ = day_bounds(before)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(stories.c.id, stories.c.title, func.max(articles.c.published).label("last"))
            .join(story_articles, story_articles.c.story_id == stories.c.id)
            .join(articles, articles.c.id == story_articles.c.article_id)
            .where(stories.c.thread_id == thread_id)
            .where(articles.c.published < start)
            .group_by(stories.c.id, stories.c.title)
        ).all()
        briefed = {
            (r.story_id, r.date): (r.briefing_id, r.title)
            for r in conn.execute(
                select(briefing_stories)
                .join(briefings, briefings.c.id == briefing_stories.c.briefing_id)
                .where(briefings.c.status == PUBLISHED)
                .where(briefing_stories.c.thread_id == thread_id)
                .where(briefing_stories.c.date < before.isoformat())
            )
        }
    out = []
    for r in rows:
        day = r.last.date().isoformat()
        briefing_id, title = briefed.get((r.id, day), (None, r.title))
        out.append(EarlierStory(r.id, title, day, briefing_id))
    out.sort(key=lambda e: (e.day, e.story_id), reverse=True)
    return out


def story_countries(store: Store, stories: list[StoryRow]) -> dict[str, Counter[str]]:
    """Countries each story's reports name (from the articles' features)."""
    ids = [a.id for s in stories for a in s.articles]
    per_article = countries_for(store, ids) if ids else {}
    out: dict[str, Counter[str]] = {}
    for story in stories:
        total: Counter[str] = Counter()
        for ref in story.articles:
            total.update(per_article.get(ref.id, Counter()))
        out[story.id] = total
    return out


def last_briefed(store: Store, story_id: str, before: date) -> str | None:
    """The date of the latest published briefing before ``before`` that carried the story."""
    with store.engine.connect() as conn:
        return conn.execute(select(func.max(briefing_stories.c.date))
                            .join(briefings, briefings.c.id == briefing_stories.c.briefing_id)
                            .where(briefings.c.status == PUBLISHED)
                            .where(briefing_stories.c.story_id == story_id)
                            .where(briefing_stories.c.date < before.isoformat())).scalar()


def briefed_stories(store: Store, before: date, audience: str | None = None) -> set[str]:
    """Ids of stories carried by a published briefing dated before ``before`` (only those
    published for ``audience``, when given: an edition's reader codes "AU-US", or
    "reader:NAME")."""
    query = (select(briefing_stories.c.story_id).distinct()
             .join(briefings, briefings.c.id == briefing_stories.c.briefing_id)
             .where(briefings.c.status == PUBLISHED)
             .where(briefing_stories.c.date < before.isoformat()))
    if audience is not None:
        query = query.where(briefings.c.audience == audience)
    with store.engine.connect() as conn:
        return {r.story_id for r in conn.execute(query)}


@dataclass(frozen=True)
class StoryCarried:
    """A story as a published briefing carried it."""

    story_id: str
    thread_id: str
    title: str


def save_published(store: Store, briefing_id: str, day: str, audience: str, readers: str,
                   stories_carried: list[StoryCarried], body: str, created: datetime) -> None:
    """Record a briefing as published (replacing one with the same id, a draft included):
    its JSON ``body`` and the stories it carried, which later briefings list under
    Previously."""
    with store.write() as conn:
        _record_briefing(conn, briefing_id, day, audience, readers, stories_carried, body,
                         created, PUBLISHED)


def save_draft(store: Store, briefing_id: str, day: str, audience: str, readers: str,
               stories_carried: list[StoryCarried], body: str, created: datetime) -> None:
    """Record a briefing as a draft (replacing the draft with the same id), for an editor
    to check before it is published. Never over a published briefing of the same id: then
    nothing changes. Drafts feed neither Previously nor the outputs."""
    with store.write() as conn:
        status = conn.execute(select(briefings.c.status)
                              .where(briefings.c.id == briefing_id)).scalar()
        if status == PUBLISHED:
            return
        _record_briefing(conn, briefing_id, day, audience, readers, stories_carried, body,
                         created, DRAFT)


def _record_briefing(conn: Connection, briefing_id: str, day: str, audience: str,
                     readers: str, stories_carried: list[StoryCarried], body: str,
                     created: datetime, status: str) -> None:
    conn.execute(delete(briefings).where(briefings.c.id == briefing_id))
    conn.execute(briefings.insert().values(
        id=briefing_id, date=day, audience=audience, readers=readers, created_at=created,
        body=body, status=status, published_at=created if status == PUBLISHED else None))
    for story in stories_carried:
        conn.execute(briefing_stories.insert().values(
            briefing_id=briefing_id, story_id=story.story_id, thread_id=story.thread_id,
            date=day, title=story.title))


@dataclass(frozen=True)
class Published:
    id: str
    date: str
    audience: str
    created_at: datetime


def published_briefings(store: Store, day: date | None = None) -> list[Published]:
    """Published briefings (of ``day``, when given), oldest first."""
    return _briefings(store, PUBLISHED, day)


def draft_briefings(store: Store, day: date | None = None) -> list[Published]:
    """Drafts not yet published (of ``day``, when given), oldest first."""
    return _briefings(store, DRAFT, day)


def _briefings(store: Store, status: str, day: date | None) -> list[Published]:
    query = (select(briefings.c.id, briefings.c.date, briefings.c.audience,
                    briefings.c.created_at).where(briefings.c.status == status)
             .order_by(briefings.c.date, briefings.c.id))
    if day is not None:
        query = query.where(briefings.c.date == day.isoformat())
    with store.engine.connect() as conn:
        return [Published(r.id, r.date, r.audience, r.created_at) for r in conn.execute(query)]


def published_body(store: Store, briefing_id: str) -> str | None:
    """The JSON of a published briefing, as it was published (None for a draft)."""
    with store.engine.connect() as conn:
        return conn.execute(select(briefings.c.body).where(briefings.c.id == briefing_id)
                            .where(briefings.c.status == PUBLISHED)).scalar()


def story_until(store: Store, story_id: str, day: date) -> StoryRow | None:
    """One story with its articles published up to the end of ``day``."""
    _start, end = day_bounds(day)
    with store.engine.connect() as conn:
        rows = story_rows(conn, [story_id], end)
    return rows[0] if rows else None


def thread_ids(store: Store, story_id: str | None = None) -> list[str]:
    """Every thread id (or the thread of ``story_id``), sorted."""
    query = select(stories.c.thread_id).distinct()
    if story_id:
        query = query.where(stories.c.id == story_id)
    with store.engine.connect() as conn:
        return sorted(r.thread_id for r in conn.execute(query))


@dataclass
class StoryMaterial:
    """Everything stored that writing one story's brief needs, read before writing."""

    sentences: dict[int, list[Sentence]]
    countries: dict[int, Counter[str]]
    outlook: dict[tuple[int, int], OutlookItem]
    events: dict[tuple[int, int], list[EventNote]]
    ledger: list[dict]  # the thread's stored ledger entries (see ``store.ledger``)
    earlier: list[EarlierStory]  # the thread's earlier stories (Previously)
    last_briefed: str | None  # the date of the last published briefing that carried it
    outlets: frozenset[str] = frozenset()  # every stored outlet's name, case-folded
    # the storyline's earlier stories over its whole life, most relevant first
    storyline: list[StorylineStory] = field(default_factory=list)
    # the thread's stored ledger entries over the storyline's life (what changed since),
    # when it reaches back further than ``ledger``; else the same list
    history: list[dict] = field(default_factory=list)


def story_material(store: Store, chosen: list[StoryRow], day: date, ledger_days: int,
                   history_days: int | None = None
                   ) -> dict[str, StoryMaterial]:
    """The material of each story in ``chosen``, by story id: one read per kind of row for
    all the stories, then one per thread for its claims and earlier stories."""
    ids = [a.id for s in chosen for a in s.articles]
    sentences_by = sentences_for(store, ids) if ids else {}
    countries_by = countries_for(store, ids) if ids else {}
    outlook_by = outlook_for(store, ids) if ids else {}
    events_by = article_events(store, ids)
    threads_seen = sorted({s.thread_id for s in chosen})
    ledger_by = {t: thread_ledger(store, t, day, ledger_days) for t in threads_seen}
    earlier_by = {t: earlier_in_thread(store, t, day) for t in threads_seen}
    storyline_by = {t: storyline_stories(store, t, day) for t in threads_seen}
    history_by = {t: ledger_by[t] for t in threads_seen}
    if history_days and history_days > ledger_days:
        cutoff = day - timedelta(days=ledger_days)
        for t in threads_seen:  # only storylines older than the ledger's window
            if any(s.first_published.date() < cutoff for s in storyline_by[t]):
                history_by[t] = thread_ledger(store, t, day, history_days)
    names = outlet_names(store)
    out = {}
    for story in chosen:
        mine = {a.id for a in story.articles}
        out[story.id] = StoryMaterial(
            {i: sentences_by.get(i, []) for i in mine},
            {i: c for i, c in countries_by.items() if i in mine},
            {k: v for k, v in outlook_by.items() if k[0] in mine},
            {k: v for k, v in events_by.items() if k[0] in mine},
            ledger_by[story.thread_id], earlier_by[story.thread_id],
            last_briefed(store, story.id, day), names, storyline_by[story.thread_id],
            history_by[story.thread_id])
    return out


def outlet_names(store: Store) -> frozenset[str]:
    """Every stored outlet's name, case-folded, without a leading "the"."""
    with store.engine.connect() as conn:
        return frozenset(" ".join(r.name.casefold().removeprefix("the ").split())
                         for r in conn.execute(select(outlets.c.name)))


@dataclass(frozen=True)
class StorylineStory:
    """One story of a storyline (thread), with what makes it matter to the storyline."""

    story_id: str
    title: str
    first_published: datetime
    last_published: datetime
    reports: int  # its reports published before the cut-off
    outlets: int  # distinct outlets among them
    languages: str | None


def storyline_stories(store: Store, thread_id: str, before: date | None = None,
                      limit: int | None = None) -> list[StorylineStory]:
    """The storyline's stories with reports before ``before`` (all when None), the most
    relevant first: reported by the most outlets, then by the most reports, then the
    latest; at most ``limit``. Unlike ``earlier_in_thread`` it reaches back over the whole
    storyline, not a recent window, so a briefing can recall the signing in June when the
    admission comes in April; a caller that shows them in time order sorts the result by
    ``first_published``."""
    query = (
        select(stories.c.id, stories.c.title, stories.c.languages,
               func.min(articles.c.published).label("first"),
               func.max(articles.c.published).label("last"),
               func.count(articles.c.id).label("reports"),
               func.count(articles.c.outlet_id.distinct()).label("outlets"))
        .join(story_articles, story_articles.c.story_id == stories.c.id)
        .join(articles, articles.c.id == story_articles.c.article_id)
        .where(stories.c.thread_id == thread_id)
        .group_by(stories.c.id, stories.c.title, stories.c.languages)
    )
    if before is not None:
        query = query.where(articles.c.published < day_bounds(before)[0])
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    found = [StorylineStory(r.id, r.title, r.first, r.last, r.reports, r.outlets, r.languages)
             for r in rows]
    found.sort(key=lambda s: (-s.outlets, -s.reports, -s.last_published.timestamp(),
                              s.story_id))
    return found if limit is None else found[:limit]


def thread_story_titles(store: Store, thread_ids: list[str], limit: int = 30
                        ) -> dict[str, list[str]]:
    """The titles of each thread's latest ``limit`` stories."""
    out: dict[str, list[str]] = {}
    with store.engine.connect() as conn:
        for thread_id in thread_ids:
            out[thread_id] = list(conn.execute(
                select(stories.c.title).where(stories.c.thread_id == thread_id)
                .order_by(stories.c.last_published.desc(), stories.c.id).limit(limit)
            ).scalars())
    return out


def rename_threads(store: Store, names: dict[str, str]) -> None:
    """Store threads' names (thread id -> name)."""
    if not names:
        return
    with store.write() as conn:
        conn.execute(update(threads).where(threads.c.id == bindparam("tid"))
                     .values(name=bindparam("name")),
                     [{"tid": t, "name": n} for t, n in sorted(names.items())])
