"""Initial schema: outlets, feeds, articles, sentences, features, stories, threads, briefings.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from geobrief.store.migrations import guard

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    guard.create_table(
        "outlets",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("domain", sa.String(253)),
        sa.Column("country", sa.String(2)),
        sa.Column("kind", sa.String(40)),
    )
    guard.create_table(
        "feeds",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.String(2000), nullable=False, unique=True),
        sa.Column("etag", sa.String(500)),
        sa.Column("last_modified", sa.String(100)),
        sa.Column("last_status", sa.Integer),
        sa.Column("last_fetched", sa.DateTime),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("paused", sa.Boolean, nullable=False),
        sa.Column("last_error", sa.Text),
    )
    guard.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.String(2000), nullable=False, unique=True),
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
        sa.UniqueConstraint("outlet_id", "content_hash", name="uq_articles_outlet_hash"),
    )
    guard.create_index("ix_articles_published", "articles", ["published"])
    guard.create_index("ix_articles_analysed", "articles", ["analysed"])
    guard.create_table(
        "sentences",
        sa.Column(
            "article_id",
            sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("idx", sa.Integer, primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("speaker", sa.String(300)),
        sa.Column("stance", sa.String(20), nullable=False),
        sa.Column("hedge", sa.String(60)),
        sa.Column("band", sa.String(40)),
        sa.Column("forward", sa.Boolean, nullable=False),
    )
    guard.create_table(
        "article_features",
        sa.Column(
            "article_id",
            sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("terms", sa.Text, nullable=False),
        sa.Column("countries", sa.Text, nullable=False),
        sa.Column("minhash", sa.LargeBinary, nullable=False),
    )
    guard.create_table(
        "threads",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("first_published", sa.DateTime, nullable=False),
        sa.Column("last_published", sa.DateTime, nullable=False),
    )
    guard.create_table(
        "stories",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("thread_id", sa.String(40), sa.ForeignKey("threads.id")),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("first_published", sa.DateTime, nullable=False),
        sa.Column("last_published", sa.DateTime, nullable=False),
        sa.Column("terms", sa.Text, nullable=False),
    )
    guard.create_index("ix_stories_last_published", "stories", ["last_published"])
    guard.create_table(
        "story_articles",
        sa.Column(
            "article_id",
            sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "story_id",
            sa.String(40),
            sa.ForeignKey("stories.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("similarity", sa.Float, nullable=False),
    )
    guard.create_index("ix_story_articles_story_id", "story_articles", ["story_id"])
    guard.create_table(
        "briefings",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("date", sa.String(10), nullable=False),
        sa.Column("readers", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
    )
    guard.create_index("ix_briefings_date", "briefings", ["date"])
    guard.create_table(
        "briefing_stories",
        sa.Column(
            "briefing_id",
            sa.String(100),
            sa.ForeignKey("briefings.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("story_id", sa.String(40), primary_key=True),
        sa.Column("thread_id", sa.String(40), nullable=False),
        sa.Column("date", sa.String(10), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
    )
    guard.create_index("ix_briefing_stories_thread_id", "briefing_stories", ["thread_id"])


def downgrade() -> None:
    for table in (
        "briefing_stories",
        "briefings",
        "story_articles",
        "stories",
        "threads",
        "article_features",
        "sentences",
        "articles",
        "feeds",
        "outlets",
    ):
        op.drop_table(table)
