"""The web edition: editor accounts and sessions, failed sign-ins (rate limiting), an
editor's line edits and story choices on drafts, corrections of published briefings, and
the full-text search index over articles and published briefings (``store.search``:
FTS5 tables kept by triggers on SQLite, GIN indexes on PostgreSQL).

Revision ID: 0017_web_editorial
Revises: 0016_daily_feeds
"""

import sqlalchemy as sa
from alembic import op

from geobrief.store import search
from geobrief.store.migrations import guard

revision = "0017_web_editorial"
down_revision = "0016_daily_feeds"
branch_labels = None
depends_on = None


def upgrade() -> None:
    guard.create_table(
        "editors",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("password_hash", sa.String(300), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    guard.create_table(
        "editor_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("editor", sa.String(100), sa.ForeignKey("editors.name", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
    )
    guard.create_index("ix_editor_sessions_editor", "editor_sessions", ["editor"])
    guard.create_index("ix_editor_sessions_expires_at", "editor_sessions", ["expires_at"])
    guard.create_table(
        "login_failures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    guard.create_index("ix_login_failures_key_at", "login_failures", ["key", "at"])
    guard.create_table(
        "line_edits",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("briefing_id", sa.String(100), nullable=False),
        sa.Column("story_id", sa.String(40), nullable=False),
        sa.Column("section", sa.String(80), nullable=False),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("original", sa.Text, nullable=False),
        sa.Column("edited", sa.Text),
        sa.Column("editor", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    guard.create_index("ix_line_edits_briefing_id", "line_edits", ["briefing_id"])
    guard.create_table(
        "story_choices",
        sa.Column("briefing_id", sa.String(100), primary_key=True),
        sa.Column("story_id", sa.String(40), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("dropped", sa.Boolean, nullable=False),
        sa.Column("editor", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    guard.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("briefing_id", sa.String(100), nullable=False),
        sa.Column("story_id", sa.String(40), nullable=False),
        sa.Column("section", sa.String(80), nullable=False),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("original", sa.Text, nullable=False),
        sa.Column("corrected", sa.Text),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("editor", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    guard.create_index("ix_corrections_briefing_id", "corrections", ["briefing_id"])
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        statements = search.POSTGRES_CREATE
    else:
        for statement in search.SQLITE_DROP:  # leftovers of a kill part way, if any
            bind.exec_driver_sql(statement)
        statements = search.SQLITE_CREATE
    for statement in statements:
        bind.exec_driver_sql(statement)


def downgrade() -> None:
    bind = op.get_bind()
    for statement in (search.POSTGRES_DROP if bind.dialect.name == "postgresql"
                      else search.SQLITE_DROP):
        bind.exec_driver_sql(statement)
    for table in ("corrections", "story_choices", "line_edits", "login_failures",
                  "editor_sessions", "editors"):
        op.drop_table(table)
