"""The editorial side of the web edition: editor accounts and sessions, failed sign-ins,
an editor's edits and story choices on a draft, and corrections of published briefings.

Nothing here hashes or checks a password or builds a token: the caller (geobrief.web)
does, and hands this module hashes. Every write goes through ``Store.write``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update

from geobrief.store.engine import Store
from geobrief.store.schema import (
    briefings,
    corrections,
    editor_sessions,
    editors,
    line_edits,
    login_failures,
    meta,
    story_choices,
)
from geobrief.store.stories import DRAFT, PUBLISHED

SECRET_KEY = "web_secret"


# --- editors ---------------------------------------------------------------------------------


def add_editor(store: Store, name: str, password_hash: str, now: datetime) -> bool:
    """Create the editor ``name``, or set a new password hash for it (then every session of
    it ends). Returns True when the account is new."""
    with store.write() as conn:
        known = conn.execute(select(editors.c.name).where(editors.c.name == name)).first()
        if known:
            conn.execute(update(editors).where(editors.c.name == name)
                         .values(password_hash=password_hash))
            conn.execute(delete(editor_sessions).where(editor_sessions.c.editor == name))
            return False
        conn.execute(editors.insert().values(name=name, password_hash=password_hash,
                                             created_at=now))
        return True


def remove_editor(store: Store, name: str) -> bool:
    with store.write() as conn:
        conn.execute(delete(editor_sessions).where(editor_sessions.c.editor == name))
        return conn.execute(delete(editors).where(editors.c.name == name)).rowcount > 0


def editor_names(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.execute(select(editors.c.name).order_by(editors.c.name)).scalars())


def password_hash(store: Store, name: str) -> str | None:
    with store.engine.connect() as conn:
        return conn.execute(select(editors.c.password_hash)
                            .where(editors.c.name == name)).scalar()


# --- sessions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Session:
    editor: str
    csrf: str
    expires_at: datetime


def open_session(store: Store, token_hash: str, editor: str, csrf: str, now: datetime,
                 lifetime: timedelta) -> None:
    """Record a session (and forget the expired ones)."""
    with store.write() as conn:
        conn.execute(delete(editor_sessions).where(editor_sessions.c.expires_at < now))
        conn.execute(editor_sessions.insert().values(
            token_hash=token_hash, editor=editor, csrf=csrf, created_at=now,
            expires_at=now + lifetime))


def find_session(store: Store, token_hash: str, now: datetime) -> Session | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(editor_sessions)
                           .where(editor_sessions.c.token_hash == token_hash)
                           .where(editor_sessions.c.expires_at > now)).first()
    return Session(row.editor, row.csrf, row.expires_at) if row else None


def close_session(store: Store, token_hash: str) -> None:
    with store.write() as conn:
        conn.execute(delete(editor_sessions).where(editor_sessions.c.token_hash == token_hash))


# --- failed sign-ins -------------------------------------------------------------------------


def count_failures(store: Store, keys: list[str], since: datetime) -> int:
    """The most failed sign-ins of any of ``keys`` since ``since``."""
    with store.engine.connect() as conn:
        counts = [conn.execute(select(func.count()).select_from(login_failures)
                               .where(login_failures.c.key == key)
                               .where(login_failures.c.at >= since)).scalar() or 0
                  for key in keys]
    return max(counts, default=0)


def record_failure(store: Store, keys: list[str], now: datetime, keep: timedelta) -> None:
    with store.write() as conn:
        conn.execute(delete(login_failures).where(login_failures.c.at < now - keep))
        for key in keys:
            conn.execute(login_failures.insert().values(key=key, at=now))


def clear_failures(store: Store, keys: list[str]) -> None:
    with store.write() as conn:
        conn.execute(delete(login_failures).where(login_failures.c.key.in_(keys)))


def web_secret(store: Store) -> str:
    """The key that signs the web edition's cookies: made once, kept in the store, so that
    every process serving the store signs alike and a restart keeps sessions."""
    with store.engine.connect() as conn:
        found = conn.execute(select(meta.c.value).where(meta.c.key == SECRET_KEY)).scalar()
    if found:
        return str(found)
    with store.write() as conn:
        found = conn.execute(select(meta.c.value).where(meta.c.key == SECRET_KEY)).scalar()
        if found:
            return str(found)
        made = secrets.token_hex(32)
        conn.execute(meta.insert().values(key=SECRET_KEY, value=made))
        return made


# --- a draft's edits and story choices -------------------------------------------------------


@dataclass(frozen=True)
class LineEdit:
    """An editor's edit of one line of a draft (``edited`` None: the line is removed)."""

    story_id: str
    section: str
    idx: int
    original: str
    edited: str | None
    editor: str
    at: datetime


@dataclass(frozen=True)
class StoryChoice:
    story_id: str
    position: int
    dropped: bool
    editor: str
    at: datetime


def record_edit(store: Store, briefing_id: str, edit: LineEdit) -> None:
    with store.write() as conn:
        conn.execute(line_edits.insert().values(
            briefing_id=briefing_id, story_id=edit.story_id, section=edit.section,
            idx=edit.idx, original=edit.original, edited=edit.edited, editor=edit.editor,
            at=edit.at))


def edits_of(store: Store, briefing_id: str) -> list[LineEdit]:
    """Every edit of the draft, oldest first (the latest of a line applies)."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(line_edits).where(line_edits.c.briefing_id == briefing_id)
                            .order_by(line_edits.c.id))
        return [LineEdit(r.story_id, r.section, r.idx, r.original, r.edited, r.editor, r.at)
                for r in rows]


def set_choices(store: Store, briefing_id: str, choices: list[StoryChoice]) -> None:
    """The draft's story order and drops, replacing those recorded."""
    with store.write() as conn:
        conn.execute(delete(story_choices).where(story_choices.c.briefing_id == briefing_id))
        for c in choices:
            conn.execute(story_choices.insert().values(
                briefing_id=briefing_id, story_id=c.story_id, position=c.position,
                dropped=c.dropped, editor=c.editor, at=c.at))


def choices_of(store: Store, briefing_id: str) -> list[StoryChoice]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(story_choices)
                            .where(story_choices.c.briefing_id == briefing_id)
                            .order_by(story_choices.c.position))
        return [StoryChoice(r.story_id, r.position, bool(r.dropped), r.editor, r.at)
                for r in rows]


# --- corrections -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Correction:
    """A correction of a published briefing's line (``corrected`` None: removed)."""

    story_id: str
    section: str
    idx: int
    original: str
    corrected: str | None
    note: str
    editor: str
    at: datetime


def draft_body(store: Store, briefing_id: str) -> str | None:
    """The JSON of the draft ``briefing_id`` as composed (None when there is no such draft:
    never a published briefing's)."""
    with store.engine.connect() as conn:
        return conn.execute(select(briefings.c.body).where(briefings.c.id == briefing_id)
                            .where(briefings.c.status == DRAFT)).scalar()


def correct_published(store: Store, briefing_id: str, body: str,
                      correction: Correction) -> bool:
    """Record ``correction`` and the corrected JSON ``body`` of a published briefing in one
    transaction (its row updated in place: its id, date and permalink stay). False when
    no published briefing has that id."""
    with store.write() as conn:
        done = conn.execute(update(briefings).where(briefings.c.id == briefing_id)
                            .where(briefings.c.status == PUBLISHED)
                            .values(body=body)).rowcount
        if not done:
            return False
        conn.execute(corrections.insert().values(
            briefing_id=briefing_id, story_id=correction.story_id, section=correction.section,
            idx=correction.idx, original=correction.original, corrected=correction.corrected,
            note=correction.note, editor=correction.editor, at=correction.at))
    return True


def corrections_of(store: Store, briefing_ids: list[str]) -> dict[str, list[Correction]]:
    """The corrections of each briefing, oldest first."""
    out: dict[str, list[Correction]] = {i: [] for i in briefing_ids}
    if not briefing_ids:
        return out
    with store.engine.connect() as conn:
        rows = conn.execute(select(corrections)
                            .where(corrections.c.briefing_id.in_(briefing_ids))
                            .order_by(corrections.c.id))
        for r in rows:
            out[r.briefing_id].append(Correction(r.story_id, r.section, r.idx, r.original,
                                                 r.corrected, r.note, r.editor, r.at))
    return out


def publication_stamp(store: Store) -> tuple[int, str, int]:
    """Changes whenever a briefing is published, replaced or corrected: (published count,
    latest publication time, latest correction id). Pages cached under it stay right
    across processes (a CLI publishing while the web edition serves)."""
    with store.engine.connect() as conn:
        count, latest = conn.execute(
            select(func.count(), func.max(briefings.c.published_at))
            .where(briefings.c.status == PUBLISHED)).one()
        last = conn.execute(select(func.max(corrections.c.id))).scalar()
    return int(count or 0), str(latest), int(last or 0)
