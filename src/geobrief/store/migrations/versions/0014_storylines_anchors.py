"""article_features.anchors, stories.languages and stories.anchors: the language-independent
anchors of each article (countries, figures, names) that let reports in other languages
join their event's story, the languages of each story's reports, and each story's key
actors (its top anchors), which keep a storyline to its actors; and an index on
stories.thread_id, as storylines are read by thread. Articles analysed before this
revision are analysed again (analysis version 9), which fills their anchors.

Revision ID: 0014_storylines_anchors
Revises: 0013_harden_provenance
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_storylines_anchors"
down_revision = "0013_harden_provenance"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("article_features") as batch:
        batch.add_column(sa.Column("anchors", sa.Text))
    with op.batch_alter_table("stories") as batch:
        batch.add_column(sa.Column("languages", sa.String(100)))
        batch.add_column(sa.Column("anchors", sa.Text))
    # a storyline's stories are read by thread (names, storyline_stories)
    op.create_index("ix_stories_thread_id", "stories", ["thread_id"])


def downgrade() -> None:
    op.drop_index("ix_stories_thread_id", table_name="stories")
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("anchors")
        batch.drop_column("languages")
    with op.batch_alter_table("article_features") as batch:
        batch.drop_column("anchors")
