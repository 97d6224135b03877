"""Full-text search over stored articles and published briefings.

SQLite: two FTS5 tables. ``search_articles`` is an external-content index of
``articles`` (title, text; nothing stored twice), kept by triggers on ``articles``;
``search_briefings`` holds each published briefing's story titles and sentences, kept by
triggers on ``briefings`` (a draft is never indexed: search is public). PostgreSQL: GIN
indexes on the ``to_tsvector`` of the same text, which the server maintains itself.
migration 0017 creates them. They are outside ``schema.metadata`` (a virtual table, a
trigger and an expression index are not SQLAlchemy tables): every object is named
``search_*`` and ``is_search_object`` tells a schema comparison to leave them out.

The 'simple' configuration and FTS5's unicode61 tokenizer: no stemming, since the
corpus is multilingual; a query is a list of words that must all occur (a word ending in
``*`` matches as a prefix), never FTS syntax from the user.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import text

from geobrief.store.engine import Store

PREFIX = "search_"
# markers around matched words in a snippet (private-use characters: never in the text
# shown, so a page can escape the snippet first and then mark the matches)
MARK_START = "\ue000"
MARK_END = "\ue001"
_WORD = re.compile(r"\w+\*?", re.UNICODE)


def is_search_object(name: str | None, _type: str, _parents: Any = None) -> bool:
    """False for the search index's own tables, triggers and indexes (for alembic's
    ``include_name``): they are made by migration 0017, not by ``schema.metadata``."""
    return not (name or "").startswith(PREFIX)


# --- DDL (migration 0017) -----------------------------------------------------------------

# the text of a published briefing: its story titles, then every sentence
_SQLITE_TITLES = ("(SELECT coalesce(group_concat(json_extract(s.value, '$.title'), ' · '), '') "
                  "FROM json_each({body}, '$.stories') AS s)")
_SQLITE_TEXTS = ("(SELECT coalesce(group_concat(j.value, ' '), '') FROM json_tree({body}, "
                 "'$.stories') AS j WHERE j.key = 'text' AND j.type = 'text')")


def _briefing_row(ref: str) -> str:
    body = f"{ref}.body"
    return (f"{ref}.id, {ref}.date, {_SQLITE_TITLES.format(body=body)}, "
            f"{_SQLITE_TEXTS.format(body=body)}")


SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE search_articles USING fts5(title, text, content='articles', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_articles_ai AFTER INSERT ON articles BEGIN "
    "INSERT INTO search_articles(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER search_articles_ad AFTER DELETE ON articles BEGIN "
    "INSERT INTO search_articles(search_articles, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); END",
    "CREATE TRIGGER search_articles_au AFTER UPDATE OF title, text ON articles BEGIN "
    "INSERT INTO search_articles(search_articles, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); "
    "INSERT INTO search_articles(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "INSERT INTO search_articles(search_articles) VALUES ('rebuild')",
    "CREATE VIRTUAL TABLE search_briefings USING fts5(briefing_id UNINDEXED, day UNINDEXED, "
    "title, body, tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_briefings_ai AFTER INSERT ON briefings "
    "WHEN new.status = 'published' BEGIN "
    f"INSERT INTO search_briefings(briefing_id, day, title, body) SELECT {_briefing_row('new')}; "
    "END",
    "CREATE TRIGGER search_briefings_ad AFTER DELETE ON briefings BEGIN "
    "DELETE FROM search_briefings WHERE briefing_id = old.id; END",
    "CREATE TRIGGER search_briefings_au AFTER UPDATE ON briefings BEGIN "
    "DELETE FROM search_briefings WHERE briefing_id = old.id; "
    f"INSERT INTO search_briefings(briefing_id, day, title, body) SELECT {_briefing_row('new')} "
    "WHERE new.status = 'published'; END",
    "INSERT INTO search_briefings(briefing_id, day, title, body) "
    f"SELECT {_briefing_row('b')} FROM briefings AS b WHERE b.status = 'published'",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_briefings_au", "DROP TRIGGER IF EXISTS search_briefings_ad",
    "DROP TRIGGER IF EXISTS search_briefings_ai", "DROP TABLE IF EXISTS search_briefings",
    "DROP TRIGGER IF EXISTS search_articles_au", "DROP TRIGGER IF EXISTS search_articles_ad",
    "DROP TRIGGER IF EXISTS search_articles_ai", "DROP TABLE IF EXISTS search_articles",
]

_PG_ARTICLE = "to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(text, ''))"
_PG_BRIEFING = "to_tsvector('simple', search_briefing_text(body))"
POSTGRES_CREATE = [
    f"CREATE INDEX IF NOT EXISTS search_articles_tsv ON articles USING gin ({_PG_ARTICLE})",
    "CREATE OR REPLACE FUNCTION search_briefing_text(body text) RETURNS text "
    "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT "
    "coalesce((SELECT string_agg(v #>> '{}', ' · ') FROM "
    "jsonb_path_query(body::jsonb, 'strict $.stories[*].title') AS v), '') || ' ' || "
    "coalesce((SELECT string_agg(v #>> '{}', ' ') FROM "
    "jsonb_path_query(body::jsonb, 'strict $.stories[*].**.text') AS v), '') $$",
    f"CREATE INDEX IF NOT EXISTS search_briefings_tsv ON briefings USING gin ({_PG_BRIEFING}) "
    "WHERE status = 'published'",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_briefings_tsv", "DROP INDEX IF EXISTS search_articles_tsv",
    "DROP FUNCTION IF EXISTS search_briefing_text(text)",
]


# --- queries --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    """One match: an article (``ref`` its id) or a published briefing (``ref`` its id).
    ``snippet`` is plain text with the matched words between MARK_START and MARK_END."""

    kind: str  # article | briefing
    ref: str
    title: str
    snippet: str
    day: str
    url: str | None = None  # the article's URL
    outlet: str | None = None


def words(query: str) -> list[str]:
    """The words of a user's query (at most 12), without any search syntax."""
    return _WORD.findall(query)[:12]


def _fts_query(found: list[str]) -> str:
    # each word as an FTS5 string (a trailing * outside the quotes: a prefix query)
    return " ".join(f'"{w.rstrip("*")}"' + ("*" if w.endswith("*") else "") for w in found)


def _pg_query(found: list[str]) -> str:
    return " & ".join(w.rstrip("*").replace("'", "") + (":*" if w.endswith("*") else "")
                      for w in found)


def search(store: Store, query: str, limit: int = 20, offset: int = 0) -> list[SearchHit]:
    """Articles and published briefings matching every word of ``query``, best first
    (published briefings first, then articles by rank and recency)."""
    found = words(query)
    if not found:
        return []
    with store.engine.connect() as conn:
        if store.dialect == "postgresql":
            hits = _search_postgres(conn, _pg_query(found), limit + offset)
        else:
            hits = _search_sqlite(conn, _fts_query(found), limit + offset)
    return hits[offset:offset + limit]


def _search_sqlite(conn: Any, q: str, limit: int) -> list[SearchHit]:
    mark = {"a": MARK_START, "b": MARK_END, "q": q, "n": limit}
    briefings = conn.execute(text(
        "SELECT briefing_id, day, title, snippet(search_briefings, 3, :a, :b, '…', 16) AS snip "
        "FROM search_briefings WHERE search_briefings MATCH :q "
        "ORDER BY rank, day DESC LIMIT :n"), mark).all()
    articles = conn.execute(text(
        "SELECT a.id, a.url, a.title, a.published, o.name AS outlet, "
        "snippet(search_articles, 1, :a, :b, '…', 16) AS snip "
        "FROM search_articles JOIN articles AS a ON a.id = search_articles.rowid "
        "JOIN outlets AS o ON o.id = a.outlet_id WHERE search_articles MATCH :q "
        "ORDER BY rank, a.published DESC LIMIT :n"), mark).all()
    return ([SearchHit("briefing", r.briefing_id, r.title, r.snip, r.day) for r in briefings]
            + [SearchHit("article", str(r.id), r.title, r.snip, _day(r.published), r.url,
                         r.outlet) for r in articles])


def _search_postgres(conn: Any, q: str, limit: int) -> list[SearchHit]:
    options = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=10"
    params = {"q": q, "n": limit, "o": options}
    article = _PG_ARTICLE.replace("(title", "(a.title").replace("(text", "(a.text")
    briefings = conn.execute(text(
        "SELECT id, date, body, ts_headline('simple', search_briefing_text(body), "
        f"to_tsquery('simple', :q), :o) AS snip, ts_rank({_PG_BRIEFING}, "
        "to_tsquery('simple', :q)) AS score FROM briefings WHERE status = 'published' AND "
        f"{_PG_BRIEFING} @@ to_tsquery('simple', :q) ORDER BY score DESC, date DESC LIMIT :n"),
        params).all()
    articles = conn.execute(text(
        "SELECT a.id, a.url, a.title, a.published, o.name AS outlet, "
        "ts_headline('simple', a.text, to_tsquery('simple', :q), :o) AS snip, "
        f"ts_rank({article}, to_tsquery('simple', :q)) AS score "
        "FROM articles AS a JOIN outlets AS o ON o.id = a.outlet_id "
        f"WHERE {article} @@ to_tsquery('simple', :q) "
        "ORDER BY score DESC, a.published DESC LIMIT :n"), params).all()
    return ([SearchHit("briefing", r.id, _titles(r.body), r.snip, r.date) for r in briefings]
            + [SearchHit("article", str(r.id), r.title, r.snip, _day(r.published), r.url,
                         r.outlet) for r in articles])


def _titles(body: str) -> str:
    try:
        return " · ".join(str(s.get("title", "")) for s in json.loads(body).get("stories", []))
    except (ValueError, AttributeError):
        return ""


def _day(value: datetime | str) -> str:
    return value.date().isoformat() if isinstance(value, datetime) else str(value)[:10]
