"""Table definitions (SQLAlchemy Core). Migrations in ``migrations/versions`` create them.

A test checks that the migrated database matches these definitions, so the two cannot
drift apart silently.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

metadata = MetaData()

outlets = Table(
    "outlets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("domain", String(253)),
    Column("country", String(2)),
    Column("kind", String(40)),
)

feeds = Table(
    "feeds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", String(2000), nullable=False, unique=True),
    Column("etag", String(500)),
    Column("last_modified", String(100)),
    Column("last_status", Integer),
    Column("last_fetched", DateTime),
    Column("failures", Integer, nullable=False, default=0),
    Column("paused", Boolean, nullable=False, default=False),
    Column("last_error", Text),
    # the daily run's schedule: due again at next_due; a paused feed is tried again once
    # paused_until has passed (never, when null: until fetched with --force)
    Column("next_due", DateTime),
    Column("paused_until", DateTime),
    Column("last_ok", DateTime),  # when it last answered 200 or 304
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", String(2000), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("outlet_id", Integer, ForeignKey("outlets.id"), nullable=False),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("published", DateTime, nullable=False, index=True),
    Column("language", String(8), nullable=False),
    Column("author", String(300)),
    Column("source", String(2000)),  # the URL fetched or file read (redacted), as a label
    Column("ingested_at", DateTime, nullable=False),
    Column("origin_id", Integer, ForeignKey("articles.id")),
    Column("analysed", Integer, nullable=False, default=0, index=True),
    Column("placed", Boolean, nullable=False, default=False, server_default=false()),
    # who vouches for the article (store.provenance): one source never revises or hides
    # another's article, so URLs and contents are unique per source, not overall
    Column("source_key", String(64), nullable=False),
    Column("claimed_outlet", String(200)),  # the outlet the content claimed (metadata)
    UniqueConstraint("source_key", "url", name="uq_articles_source_url"),
    Index("ix_articles_url", "url"),
    Index("ix_articles_source_hash", "source_key", "content_hash"),
    # the articles still to place, up to a time, without scanning every unplaced article
    Index("ix_articles_placed_published", "placed", "published"),
)

sentences = Table(
    "sentences",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("speaker", String(300)),
    Column("stance", String(20), nullable=False),
    Column("hedge", String(60)),
    Column("band", String(40)),
    Column("forward", Boolean, nullable=False, default=False),
    Column("start", Integer),  # the sentence's span in the article's text
    Column("end", Integer),
    Column("noise", String(20)),  # null for news; boilerplate | byline | comment | promo
    Column("language", String(8)),  # null: the article's language
)

# what analysis cut off the edges of an article's sentences (dateline, byline, wire tag)
article_wire = Table(
    "article_wire",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("place", String(200)),  # the dateline's place: where it was filed, not a party
    Column("agency", String(100)),
    Column("dated", String(100)),
    Column("byline", String(300)),
)

# the lines (sentences, by store.furniture's key) each article of an outlet prints
outlet_lines = Table(
    "outlet_lines",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("outlet_id", Integer, ForeignKey("outlets.id"), nullable=False),
    Column("day", String(10), nullable=False),
    Index("ix_outlet_lines_outlet_key", "outlet_id", "key"),
)

# the lines an outlet repeats across its articles: page furniture
outlet_furniture = Table(
    "outlet_furniture",
    metadata,
    Column("outlet_id", Integer, ForeignKey("outlets.id"), primary_key=True),
    Column("key", String(200), primary_key=True),
)

features = Table(
    "article_features",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("terms", Text, nullable=False),  # JSON {term: weight}
    Column("countries", Text, nullable=False),  # JSON {country id: mentions}
    Column("minhash", LargeBinary, nullable=False),
    Column("anchors", Text),  # JSON {anchor: weight} (analyse/anchors.py); null before 0010
)

embeddings = Table(
    "article_embeddings",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("model", String(100), nullable=False),  # the model that made the vector
    Column("vector", LargeBinary, nullable=False),  # float32, unit length
)

mentions = Table(
    "mentions",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer, nullable=False),
    Column("text", String(300), nullable=False),
    Column("type", String(20), nullable=False),
    Column("entity_id", String(200), index=True),  # null when unlinked
    Column("form", String(20), nullable=False),
    Column("country", String(2)),
    Column("sanctioned", String(500)),  # space-separated sanction record ids
)

claims = Table(
    "claims",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),  # the sentence
    Column("speaker", String(300)),
    Column("speaker_id", String(200)),
    Column("speaker_country", String(2)),
    Column("cue", String(60)),
    Column("stance", String(20), nullable=False),
    Column("quote", Boolean, nullable=False),
    # JSON [{text, value, high, qualifier, unit, quantity, kind, noun, speaker, speaker_id,
    # date}]: each figure typed by what it measures (noun repeats kind for the ledger)
    Column("figures", Text, nullable=False),
    Column("speaker_name", String(300)),  # the speaker resolved (knowledge name when linked)
    Column("proposition", Text),  # what is asserted, denied, confirmed or not confirmed
    Column("proposition_key", String(16), index=True),  # joins one proposition's statements
    Column("proposition_act", String(20)),  # PLOVER type of the act, when coded
    Column("proposition_entities", Text),  # JSON list of knowledge ids involved
    Column("proposition_time", String(10)),  # ISO date it is about, when said
)

outlook = Table(
    "outlook",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),  # the sentence
    Column("actor", String(300)),
    Column("actor_country", String(2)),
    Column("band", String(40)),  # the source's own estimative band; null when it uses none
    Column("p_low", Float),
    Column("p_high", Float),
    Column("words", String(60)),
    Column("horizon", String(10), index=True),  # ISO date the source expects it by, if said
    Column("condition", Text),
    Column("outcome", String(20)),  # happened | lapsed, once matched against later events
    Column("action", String(20)),  # the PLOVER type of the act foreseen, when coded
    Column("action_by", String(200)),  # knowledge id of who would do it (NATO, a person)
    Column("target", String(300)),
    Column("target_country", String(2)),
    Column("matched_article_id", Integer),  # the report of the event that fulfilled it
    Column("matched_idx", Integer),
    Column("decided", String(10)),  # ISO date the outcome was found
    Column("act", Text),  # what would happen, in the source's words
    Column("source", String(300)),  # whose statement or estimate it is (null: the outlet's)
    Column("source_id", String(200)),
    Column("source_kind", String(10)),  # party (its own intent) | source | outlet
)

events = Table(
    "events",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),  # the sentence
    Column("n", Integer, primary_key=True),  # the event's place in the sentence
    Column("type", String(20), nullable=False, index=True),
    Column("cameo", String(6)),
    Column("act", String(20), nullable=False, index=True),  # the act, before intention
    Column("intended", Boolean, nullable=False),
    Column("negated", Boolean, nullable=False),
    Column("trigger", String(200), nullable=False),
    Column("source", String(300)),
    Column("source_id", String(200)),
    Column("source_country", String(2)),
    Column("target", String(300)),
    Column("target_id", String(200)),
    Column("target_country", String(2)),
)

# The claim ledger, kept per thread (migration 0015): each entry's JSON is the entry as
# ``stories.ledger`` builds it (stances, figures, status history); ``ledger_claims`` says
# which claim joined which entry, ``ledger_threads`` how far each thread's ledger has read.
ledger_entries = Table(
    "ledger_entries",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("thread_id", String(40), nullable=False, index=True),
    Column("status", String(20), nullable=False),
    Column("first_day", String(10), nullable=False),
    Column("last_day", String(10), nullable=False),
    Column("data", Text, nullable=False),
)
ledger_claims = Table(
    "ledger_claims",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("thread_id", String(40), nullable=False, index=True),
    Column("entry_id", String(40), nullable=False),
)
ledger_threads = Table(
    "ledger_threads",
    metadata,
    Column("thread_id", String(40), primary_key=True),
    Column("through", DateTime, nullable=False),  # the latest claim's publication read
    Column("claims", Integer, nullable=False),  # claims read (fewer stored: read again)
    Column("revision", String(32)),  # a new token at every save (0019)
)

readers = Table(
    "readers",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("country", String(2), nullable=False),
    Column("region", String(100)),
    Column("interests", String(500), nullable=False),  # comma-separated
    Column("language", String(8), nullable=False),
)

threads = Table(
    "threads",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("name", Text, nullable=False),
    Column("first_published", DateTime, nullable=False),
    Column("last_published", DateTime, nullable=False),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("thread_id", String(40), ForeignKey("threads.id"), index=True),
    Column("title", Text, nullable=False),
    Column("first_published", DateTime, nullable=False),
    Column("last_published", DateTime, nullable=False, index=True),
    Column("terms", Text, nullable=False),  # JSON centroid {term: weight}
    # how the story joined its thread (stories.online.LINK_RULES) and the thread's score;
    # both null for a story that started its thread
    Column("thread_link", String(20)),
    Column("thread_score", Float),
    Column("languages", String(100)),  # its reports' languages, most reports first: "en,fr"
    Column("anchors", Text),  # JSON {anchor: weight}: its key actors (stories/online.py)
)

story_articles = Table(
    "story_articles",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "story_id",
        String(40),
        ForeignKey("stories.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("similarity", Float, nullable=False),
)

briefings = Table(
    "briefings",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("date", String(10), nullable=False, index=True),
    Column("readers", String(200), nullable=False),
    # whom it was written for: the reader codes of an edition ("AU-US"), or "reader:NAME"
    Column("audience", String(200), nullable=False, index=True),
    Column("created_at", DateTime, nullable=False),
    Column("body", Text, nullable=False),  # the briefing JSON
    # 'draft' (recorded by the daily run for an editor) or 'published'; only published
    # briefings feed Previously and the outputs
    Column("status", String(12), nullable=False, server_default="published"),
    Column("published_at", DateTime),
)

briefing_stories = Table(
    "briefing_stories",
    metadata,
    Column(
        "briefing_id", String(100), ForeignKey("briefings.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("story_id", String(40), primary_key=True),
    Column("thread_id", String(40), nullable=False, index=True),
    Column("date", String(10), nullable=False),
    Column("title", Text, nullable=False),
)

# Facts about the store itself, such as the analysis signature (analysis version and the
# digest of the knowledge in force) it was last analysed under.
meta = Table(
    "meta",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)


# --- the web edition's editorial tables (0017) -------------------------------------------
# Keyed by briefing id without a foreign key: publishing replaces a briefing's row (and a
# cascade would take an editor's record with it).

editors = Table(
    "editors",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("password_hash", String(300), nullable=False),  # argon2id, with its parameters
    Column("created_at", DateTime, nullable=False),
)

# a signed-in editor's session: the cookie carries a random token, stored here hashed
editor_sessions = Table(
    "editor_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("editor", String(100), ForeignKey("editors.name", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("csrf", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False, index=True),
)

# failed sign-ins, by client address and by account name, for rate limiting
login_failures = Table(
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(200), nullable=False),
    Column("at", DateTime, nullable=False),
    Index("ix_login_failures_key_at", "key", "at"),
)

# an editor's edit of one line of a draft (edited null: removed); the latest per line
# applies, every one is kept
line_edits = Table(
    "line_edits",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("briefing_id", String(100), nullable=False, index=True),
    Column("story_id", String(40), nullable=False),
    Column("section", String(80), nullable=False),  # at_a_glance, for_you:AU, extra:KEY...
    Column("idx", Integer, nullable=False),  # the line's place in the draft's section
    Column("original", Text, nullable=False),
    Column("edited", Text),
    Column("editor", String(100), nullable=False),
    Column("at", DateTime, nullable=False),
)

# an editor's choice for one story of a draft: its place, or dropped
story_choices = Table(
    "story_choices",
    metadata,
    Column("briefing_id", String(100), primary_key=True),
    Column("story_id", String(40), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("dropped", Boolean, nullable=False, default=False),
    Column("editor", String(100), nullable=False),
    Column("at", DateTime, nullable=False),
)

# a correction of a published briefing: the line before and after (after null: removed)
corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("briefing_id", String(100), nullable=False, index=True),
    Column("story_id", String(40), nullable=False),
    Column("section", String(80), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("original", Text, nullable=False),
    Column("corrected", Text),
    Column("note", Text, nullable=False),
    Column("editor", String(100), nullable=False),
    Column("at", DateTime, nullable=False),
)
