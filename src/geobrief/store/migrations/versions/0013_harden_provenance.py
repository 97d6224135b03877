"""Provenance: an article belongs to its source, and no URL keeps a secret.

``articles.source_key`` names the source an article came from (``store.provenance``):
articles are unique by (source key, URL) instead of by URL alone, and one source's content
is looked up by (source key, content hash) instead of (outlet, content hash), so that one
source can neither revise nor hide another source's article. ``articles.claimed_outlet``
keeps the outlet the content claimed (metadata; stores made before keep null).

Existing articles get the key of the source they record (a relative file path is resolved
from where the store is first opened by this version); credentials in recorded feed URLs
and article sources are redacted.

SQLite cannot drop a constraint: ``articles`` is rebuilt (with foreign keys off, inside the
migration's one transaction, see ``store.engine``); PostgreSQL alters it in place.

Revision ID: 0013_harden_provenance
Revises: 0012_claims_propositions
"""

import sqlalchemy as sa
from alembic import op

from geobrief.redact import redact_url
from geobrief.store.migrations import guard
from geobrief.store.provenance import source_key

revision = "0013_harden_provenance"
down_revision = "0012_claims_propositions"
branch_labels = None
depends_on = None

CHUNK = 1000


def _articles(name: str, metadata: sa.MetaData) -> sa.Table:
    """``articles`` as this revision leaves it."""
    return sa.Table(
        name, metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("outlet_id", sa.Integer, sa.ForeignKey("outlets.id"), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("published", sa.DateTime, nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("author", sa.String(300)),
        sa.Column("source", sa.String(2000)),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
        sa.Column("origin_id", sa.Integer, sa.ForeignKey("articles.id")),
        sa.Column("analysed", sa.Integer, nullable=False),
        sa.Column("placed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("source_key", sa.String(64), nullable=False),
        sa.Column("claimed_outlet", sa.String(200)),
        sa.UniqueConstraint("source_key", "url", name="uq_articles_source_url"),
    )


INDEXES = (
    ("ix_articles_published", ["published"]),
    ("ix_articles_analysed", ["analysed"]),
    ("ix_articles_placed_published", ["placed", "published"]),
    ("ix_articles_url", ["url"]),
    ("ix_articles_source_hash", ["source_key", "content_hash"]),
)


def _backfill(bind: sa.Connection) -> None:
    """Key each article by the source it records; redact that record."""
    rows = bind.execute(sa.text(
        "SELECT a.id, a.source, o.name FROM articles a JOIN outlets o ON o.id = a.outlet_id "
        "WHERE a.source_key IS NULL")).all()
    values = []
    for article_id, source, outlet in rows:
        label = redact_url(source) if source else None
        key = source_key(source or f"legacy outlet {outlet}", outlet)
        values.append({"aid": article_id, "key": key, "label": label})
    update = sa.text("UPDATE articles SET source_key = :key, source = :label WHERE id = :aid")
    for start in range(0, len(values), CHUNK):
        bind.execute(update, values[start:start + CHUNK])


def _redact_feeds(bind: sa.Connection) -> None:
    """Feed rows keyed by a URL with credentials: keyed by the redacted URL (one row kept
    when two URLs differed only by their secrets)."""
    for feed_id, url in bind.execute(sa.text("SELECT id, url FROM feeds ORDER BY id")).all():
        clean = redact_url(url)
        if clean == url:
            continue
        taken = bind.execute(sa.text("SELECT 1 FROM feeds WHERE url = :u"), {"u": clean}).first()
        if taken:
            bind.execute(sa.text("DELETE FROM feeds WHERE id = :i"), {"i": feed_id})
        else:
            bind.execute(sa.text("UPDATE feeds SET url = :u WHERE id = :i"),
                         {"u": clean, "i": feed_id})


def _rebuild_sqlite(bind: sa.Connection) -> None:
    """The SQLite way to change constraints: a new table, the rows copied, then renamed."""
    guard.drop_table_if_exists("_articles_0010")
    metadata = sa.MetaData()
    for referred in ("outlets", "articles"):  # what the foreign keys name, for the DDL
        sa.Table(referred, metadata, sa.Column("id", sa.Integer, primary_key=True))
    new = _articles("_articles_0010", metadata)
    new.create(bind)
    columns = ", ".join(c.name for c in new.columns)
    bind.execute(sa.text(f"INSERT INTO _articles_0010 ({columns}) SELECT {columns} FROM articles"))
    op.drop_table("articles")
    op.rename_table("_articles_0010", "articles")


def _alter_postgresql(bind: sa.Connection) -> None:
    inspector = sa.inspect(bind)
    for unique in inspector.get_unique_constraints("articles"):
        if unique["name"] and unique["column_names"] in (["url"], ["outlet_id", "content_hash"]):
            op.drop_constraint(unique["name"], "articles", type_="unique")
    op.alter_column("articles", "source_key", nullable=False)
    op.create_unique_constraint("uq_articles_source_url", "articles", ["source_key", "url"])


def upgrade() -> None:
    bind = op.get_bind()
    guard.add_columns("articles", sa.Column("source_key", sa.String(64)),
                      sa.Column("claimed_outlet", sa.String(200)))
    _backfill(bind)
    _redact_feeds(bind)
    if bind.dialect.name == "sqlite":
        _rebuild_sqlite(bind)
    else:
        _alter_postgresql(bind)
    for name, columns in INDEXES:
        guard.create_index(name, "articles", columns)


def downgrade() -> None:
    raise NotImplementedError("0010 cannot be undone: two sources may now share a URL")
