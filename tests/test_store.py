"""The store: migrations recorded and run once, SQLite pragmas, schema = metadata, upserts."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import exc as sa_exc
from sqlalchemy import text

import geobrief.store.engine as engine_module
from geobrief.errors import Code, StoreError
from geobrief.ingest.normalise import content_hash
from geobrief.models import ArticleIn, Outlet
from geobrief.store import Store, open_store
from geobrief.store.articles import count_articles, load_articles, news_days, save_articles
from geobrief.store.schema import metadata
from geobrief.store.search import is_search_object

VERSIONS = Path(engine_module.__file__).parent / "migrations" / "versions"
# Migrations are numbered files; the head is the highest number.
_NEWEST = max(VERSIONS.glob("[0-9][0-9][0-9][0-9]_*.py"), key=lambda p: p.name.split("_")[0])
# the revision id of the highest-numbered migration ("0009", or "0010_<branch>_<what>")
HEAD = next(line.split("=", 1)[1].strip().strip('"') for line in
            _NEWEST.read_text(encoding="utf-8").splitlines() if line.startswith("revision ="))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    s = open_store(str(db))
    try:
        yield s
    finally:
        s.close()


def raw(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(db)


# --- migrations ---------------------------------------------------------------------------


def test_head_revision_is_the_highest_numbered_migration() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(engine_module.__file__).parent / "migrations"))
    assert ScriptDirectory.from_config(cfg).get_current_head() == HEAD


def test_migrations_are_recorded(store: Store, db: Path) -> None:
    assert store.revision() == HEAD
    con = raw(db)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()
    # the search index's FTS5 tables (store.search) are made by migration 0017 beside them
    assert set(metadata.tables) | {"alembic_version"} == {
        t for t in tables if is_search_object(t, "table")}
    assert {"search_articles", "search_briefings"} <= tables


def test_opening_twice_does_not_migrate_again(db: Path) -> None:
    first = open_store(str(db))
    with first.engine.begin() as conn:
        conn.execute(text("INSERT INTO outlets (name) VALUES ('Harbour Times')"))
    first.close()
    con = raw(db)
    schema_version = con.execute("PRAGMA schema_version").fetchone()[0]
    con.close()

    second = open_store(str(db))
    assert second.revision() == HEAD
    second.close()
    con = raw(db)
    try:
        # any DDL (a table made, a migration rerun) would have bumped the schema cookie
        assert con.execute("PRAGMA schema_version").fetchone()[0] == schema_version
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
        assert con.execute("SELECT name FROM outlets").fetchall() == [("Harbour Times",)]
    finally:
        con.close()


def test_open_without_migrating_leaves_an_empty_database(db: Path) -> None:
    s = open_store(str(db), migrate=False)
    try:
        assert s.revision() is None
    finally:
        s.close()
    s = open_store(str(db))  # and migrating later brings it to head
    try:
        assert s.revision() == HEAD
    finally:
        s.close()


def test_schema_matches_metadata(store: Store) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": True,
                        "include_name": is_search_object}
        )
        diff = compare_metadata(context, metadata)
    assert diff == []


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        open_store(str(tmp_path / "nowhere" / "store.db"))
    assert caught.value.code == Code.STORE_OPEN
    assert "does not exist" in str(caught.value)


# --- SQLite pragmas -----------------------------------------------------------------------


def test_wal_mode_and_foreign_keys(store: Store, db: Path) -> None:
    for _ in range(3):  # every pooled connection, not only the first
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    con = raw(db)  # WAL is a property of the file: a plain connection sees it too
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        con.close()


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(sa_exc.IntegrityError), store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO articles (url, content_hash, outlet_id, title, text, published, "
                "language, ingested_at, analysed) VALUES ('https://x.example/a', 'h', 999, 't', "
                "'x', '2024-03-01 00:00:00', 'en', '2024-03-01 00:00:00', 0)"
            )
        )


# --- save_articles ------------------------------------------------------------------------

HARBOUR = Outlet("Harbour Times", "harbourtimes.example", "NZ", "newspaper")
DIGEST = Outlet("World Digest", "worlddigest.example")
TEXT = (
    "Dock workers returned to the container terminals on Tuesday after a week-long "
    "walkout that had stranded more than two hundred ships in the bay, the union said."
)


def article(
    url: str = "https://harbourtimes.example/a",
    title: str = "Port strike ends",
    body: str = TEXT,
    outlet: Outlet = HARBOUR,
    published: datetime | None = None,
    source: str = "https://harbourtimes.example/rss.xml",
) -> tuple[ArticleIn, str]:
    published = published or datetime(2024, 3, 12, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    item = ArticleIn(
        url=url,
        title=title,
        text=body,
        published=published,
        outlet=outlet,
        language="en",
        author="A. Writer",
        source=source,
    )
    return item, content_hash(title, body)


def test_save_add_then_duplicate(store: Store) -> None:
    assert save_articles(store, [article()]) == {"added": 1, "updated": 0, "duplicate": 0}
    assert save_articles(store, [article()]) == {"added": 0, "updated": 0, "duplicate": 1}
    # same content, same outlet, another URL: a duplicate too
    assert save_articles(store, [article(url="https://harbourtimes.example/a?amp=1")]) == {
        "added": 0,
        "updated": 0,
        "duplicate": 1,
    }
    # white space and case do not change the fingerprint
    loud = article(title="PORT STRIKE ENDS", body="  " + TEXT.upper().replace(" ", "   "))
    assert loud[1] == article()[1]
    assert count_articles(store) == 1


def test_save_stores_naive_utc_and_outlet(store: Store) -> None:
    save_articles(store, [article()])
    with store.engine.connect() as conn:
        stored = conn.execute(text("SELECT id, published FROM articles")).one()
    [loaded] = load_articles(store, [stored.id])
    assert loaded.published == datetime(2024, 3, 12, 7, 30)  # 09:30+02:00 as naive UTC
    assert loaded.published.tzinfo is None
    assert loaded.outlet == HARBOUR
    assert news_days(store) == ["2024-03-12"]


def test_save_update_by_same_outlet_requeues_analysis(store: Store) -> None:
    save_articles(store, [article()])
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE articles SET analysed = 3"))
    changed = article(body=TEXT + " Ships began leaving on Wednesday.")
    assert save_articles(store, [changed]) == {"added": 0, "updated": 1, "duplicate": 0}
    with store.engine.connect() as conn:
        row = conn.execute(text("SELECT text, analysed, content_hash FROM articles")).one()
    assert row.text.endswith("Wednesday.") and row.analysed == 0 and row.content_hash == changed[1]


def test_save_same_url_from_another_source_is_another_report(store: Store) -> None:
    """Provenance: another source carrying the URL (an aggregator, or a feed claiming to
    be the outlet) neither revises the article nor is hidden by it; it is a second report,
    and the first is left as it was."""
    save_articles(store, [article()])
    relayed = article(body="Via Harbour Times: " + TEXT, outlet=HARBOUR,
                      source="https://worlddigest.example/feed")
    assert save_articles(store, [relayed]) == {"added": 1, "updated": 0, "duplicate": 0}
    assert save_articles(store, [relayed]) == {"added": 0, "updated": 0, "duplicate": 1}
    copy = article(url="https://worlddigest.example/copy", source="https://worlddigest.example/b")
    assert save_articles(store, [copy]) == {"added": 1, "updated": 0, "duplicate": 0}
    with store.engine.connect() as conn:
        stored = conn.execute(text("SELECT url, text, source FROM articles ORDER BY id")).all()
    assert stored[0] == ("https://harbourtimes.example/a", TEXT,
                         "https://harbourtimes.example/rss.xml")
    assert len(stored) == 3


def test_save_same_source_revises_whatever_outlet_it_claims(store: Store) -> None:
    save_articles(store, [article()])
    revised = article(body=TEXT + " Updated.", outlet=DIGEST)
    assert save_articles(store, [revised]) == {"added": 0, "updated": 1, "duplicate": 0}


def test_save_fills_in_missing_outlet_details(store: Store) -> None:
    bare = Outlet("Harbour Times")
    save_articles(store, [article(outlet=bare)])
    save_articles(store, [article(url="https://harbourtimes.example/b", body=TEXT + " More.")])
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT name, domain, country, kind FROM outlets")).all()
    assert [tuple(r) for r in rows] == [
        ("Harbour Times", "harbourtimes.example", "NZ", "newspaper")
    ]


def test_save_is_one_transaction(store: Store) -> None:
    """A batch that fails half way stores none of it (a crash costs a whole batch, no less
    and no more, so a rerun can redo it)."""
    good = article()
    broken = article(url="https://harbourtimes.example/b", body=TEXT + " Later.")
    broken[0].__dict__["title"] = None  # a NOT NULL violation at insert
    with pytest.raises(sa_exc.IntegrityError):
        save_articles(store, [good, broken])
    assert count_articles(store) == 0


def test_published_in_utc_from_any_offset(store: Store) -> None:
    items = [
        article(
            url=f"https://harbourtimes.example/{n}",
            body=f"{TEXT} Item {n}.",
            published=datetime(2024, 3, 12, 23, 30, tzinfo=timezone(timedelta(hours=h))),
        )
        for n, h in enumerate((-5, 0, 13))
    ]
    save_articles(store, items)
    with store.engine.connect() as conn:
        stamps = [r[0] for r in conn.execute(text("SELECT published FROM articles ORDER BY id"))]
    assert stamps == [
        "2024-03-13 04:30:00.000000",
        "2024-03-12 23:30:00.000000",
        "2024-03-12 10:30:00.000000",
    ]
    assert news_days(store) == ["2024-03-12", "2024-03-13"]


def test_upgrade_from_the_first_revision_keeps_data(db: Path) -> None:
    """A store made at revision 0001 opens at head with its articles intact."""
    from alembic import command

    from geobrief.store.engine import _alembic_config

    old = open_store(str(db), migrate=False)
    cfg = _alembic_config()
    with old.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    old.close()
    con = raw(db)  # rows as revision 0001 knew them
    con.execute("INSERT INTO outlets (id, name) VALUES (1, 'Upgrade Wire')")
    con.execute("INSERT INTO articles (url, content_hash, outlet_id, title, text, published, "
                "language, ingested_at, analysed) VALUES ('https://upgrade.example/a', 'h', 1, "
                "'Title', 'Body', '2024-11-01 00:00:00', 'en', '2024-11-01 00:00:00', 0)")
    con.commit()
    con.close()
    store = open_store(str(db))
    assert store.revision() == HEAD
    assert count_articles(store) == 1
    store.close()
