"""Editor sign-off: accounts, a draft's edits (drop or reorder a story, edit or remove a
line), publishing, and corrections of what was published.

A draft is kept as the composer wrote it; an editor's edits and story choices are kept
beside it (who and when, the original line and the edit) and applied when the draft is
shown or published. Publishing records the edited briefing as published (from then on it
feeds Previously, the feeds, email and the public pages). A correction changes the
published briefing in place (its id and permalink stay) and is recorded with its note,
to be shown on the page and to date the feeds' entry.

Lines are addressed by (story id, section, index): sections are ``at_a_glance``,
``what_is_happening``, ``for_you:XX`` (readers in XX), ``what_happens_next`` and
``extra:KEY`` (a plugin's section); the index is the line's place in the section as the
draft (or, for a correction, the published briefing) has it.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from geobrief.compose.render import render
from geobrief.compose.render.load import briefing_from_json
from geobrief.errors import Code, EditorialError, SettingsError
from geobrief.models import Briefing, Line, StoryBrief
from geobrief.store import Store
from geobrief.store.editorial import (
    Correction,
    LineEdit,
    StoryChoice,
    add_editor,
    choices_of,
    correct_published,
    corrections_of,
    draft_body,
    editor_names,
    edits_of,
    password_hash,
    record_edit,
    remove_editor,
    set_choices,
)
from geobrief.store.stories import draft_briefings, published_body

if TYPE_CHECKING:
    from geobrief.app import Geobrief

EDITOR_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
MIN_PASSWORD = 10
MAX_LINE = 2000  # characters in an edited line


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# --- addressing lines ------------------------------------------------------------------------


def sections(story: StoryBrief) -> Iterator[tuple[str, list[Line]]]:
    """(section key, lines) of a story, in reading order."""
    yield "at_a_glance", story.at_a_glance
    yield "what_is_happening", story.what_is_happening
    for code, lines in story.what_is_in_it_for_you.items():
        yield f"for_you:{code}", lines
    yield "what_happens_next", story.what_happens_next
    for key, lines in story.extra.items():
        yield f"extra:{key}", lines


def _story(briefing: Briefing, story_id: str) -> StoryBrief:
    for story in briefing.stories:
        if story.id == story_id:
            return story
    raise EditorialError(f"briefing {briefing.id}: no story {story_id!r}", Code.NO_SUCH_LINE)


def _lines(story: StoryBrief, section: str) -> list[Line]:
    found = dict(sections(story))
    if section not in found:
        raise EditorialError(f"story {story.id}: no section {section!r}", Code.NO_SUCH_LINE)
    return found[section]


def line_at(briefing: Briefing, story_id: str, section: str, idx: int) -> Line:
    lines = _lines(_story(briefing, story_id), section)
    if not 0 <= idx < len(lines):
        raise EditorialError(f"story {story_id}, {section}: no line {idx}", Code.NO_SUCH_LINE)
    return lines[idx]


def _set_lines(story: StoryBrief, section: str, lines: list[Line]) -> None:
    if section.startswith("for_you:"):
        story.what_is_in_it_for_you[section.removeprefix("for_you:")] = lines
    elif section.startswith("extra:"):
        story.extra[section.removeprefix("extra:")] = lines
    else:
        setattr(story, section, lines)


def apply(briefing: Briefing, choices: list[StoryChoice], edits: list[LineEdit]) -> Briefing:
    """The draft as its editors left it: lines edited or removed (the latest edit of each
    line applies; indexes are the draft's), stories in the chosen order, dropped ones
    left out."""
    out = copy.deepcopy(briefing)
    latest = {(e.story_id, e.section, e.idx): e for e in edits}
    for story in out.stories:
        for section, lines in list(sections(story)):
            kept = []
            for idx, line in enumerate(lines):
                edit = latest.get((story.id, section, idx))
                if edit is None:
                    kept.append(line)
                elif edit.edited is not None:
                    kept.append(_edited(line, edit.edited))
            _set_lines(story, section, kept)
    return _ordered(out, choices)


def _edited(line: Line, text: str) -> Line:
    new = copy.copy(line)
    new.text = text
    return new


def _ordered(briefing: Briefing, choices: list[StoryChoice]) -> Briefing:
    place = {c.story_id: c for c in choices}
    order = {s.id: n for n, s in enumerate(briefing.stories)}
    kept = [s for s in briefing.stories if not (s.id in place and place[s.id].dropped)]
    kept.sort(key=lambda s: (place[s.id].position if s.id in place else order[s.id],
                             order[s.id]))
    briefing.stories = kept
    return briefing


def clean_text(text: str) -> str:
    """An editor's line: one line of plain text, not empty, at most MAX_LINE characters."""
    flat = " ".join(text.split())
    if not flat:
        raise EditorialError("an edited line cannot be empty (remove the line instead)",
                             Code.BAD_EDIT)
    if len(flat) > MAX_LINE:
        raise EditorialError(f"an edited line has at most {MAX_LINE} characters",
                             Code.BAD_EDIT)
    return flat


# --- the desk --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Draft:
    """A draft as its editors left it, with what they did."""

    briefing: Briefing  # edited, in the chosen order, without dropped stories
    original: Briefing  # as the composer wrote it
    choices: list[StoryChoice]
    edits: list[LineEdit]

    def dropped(self) -> list[StoryBrief]:
        gone = {c.story_id for c in self.choices if c.dropped}
        return [s for s in self.original.stories if s.id in gone]


class Desk:
    """The editors' side of a Geobrief: ``gb.desk``."""

    def __init__(self, gb: Geobrief) -> None:
        self.gb = gb

    @property
    def store(self) -> Store:
        return self.gb.store

    # accounts

    def add_editor(self, name: str, password: str) -> bool:
        """Create an editor (or set a new password: their sessions end). True when new."""
        if not EDITOR_NAME.match(name):
            raise EditorialError(f"editor name {name!r}: letters, digits, '.', '_' or '-', "
                                 "at most 64", Code.BAD_EDITOR)
        if len(password) < MIN_PASSWORD:
            raise EditorialError(f"a password has at least {MIN_PASSWORD} characters",
                                 Code.BAD_EDITOR)
        return add_editor(self.store, name, _hasher().hash(password), now())

    def remove_editor(self, name: str) -> bool:
        return remove_editor(self.store, name)

    def editors(self) -> list[str]:
        return editor_names(self.store)

    def check_password(self, name: str, password: str) -> bool:
        """Whether ``password`` is ``name``'s (as long whether or not the account exists)."""
        from argon2.exceptions import InvalidHashError, VerificationError

        hasher = _hasher()
        stored = password_hash(self.store, name)
        try:
            if stored is None:
                hasher.verify(_DUMMY_HASH(), password)
                return False
            return hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False

    # drafts

    def drafts(self) -> list[Draft]:
        return [d for p in draft_briefings(self.store) if (d := self.draft(p.id))]

    def draft(self, briefing_id: str) -> Draft | None:
        body = draft_body(self.store, briefing_id)
        if body is None:
            return None
        audience = next((p.audience for p in draft_briefings(self.store)
                         if p.id == briefing_id), None)
        original = briefing_from_json(body, audience)
        choices = choices_of(self.store, briefing_id)
        edits = edits_of(self.store, briefing_id)
        return Draft(apply(original, choices, edits), original, choices, edits)

    def _draft(self, briefing_id: str) -> Draft:
        found = self.draft(briefing_id)
        if found is None:
            raise EditorialError(f"no draft {briefing_id!r}", Code.NO_SUCH_BRIEFING)
        return found

    def edit_line(self, briefing_id: str, story_id: str, section: str, idx: int,
                  text: str | None, editor: str) -> None:
        """Edit (or, with ``text`` None, remove) a line of the draft as composed."""
        draft = self._draft(briefing_id)
        original = line_at(draft.original, story_id, section, idx).text
        edited = None if text is None else clean_text(text)
        record_edit(self.store, briefing_id,
                    LineEdit(story_id, section, idx, original, edited, editor, now()))

    def move_story(self, briefing_id: str, story_id: str, action: str, editor: str) -> None:
        """``up``, ``down``, ``drop`` or ``restore`` a story of the draft."""
        draft = self._draft(briefing_id)
        order = [s.id for s in draft.briefing.stories]
        dropped = {c.story_id for c in draft.choices if c.dropped}
        known = order + [s for s in (x.id for x in draft.original.stories) if s in dropped]
        if story_id not in known or action not in ("up", "down", "drop", "restore"):
            raise EditorialError(f"cannot {action} story {story_id!r}", Code.BAD_EDIT)
        if action == "drop":
            dropped.add(story_id)
        elif action == "restore":
            dropped.discard(story_id)
        elif story_id in order:
            at = order.index(story_id)
            to = max(0, at - 1) if action == "up" else min(len(order) - 1, at + 1)
            order[at], order[to] = order[to], order[at]
        order = [s for s in order if s not in dropped] + [
            s for s in known if s not in order and s not in dropped]
        stamp = now()
        set_choices(self.store, briefing_id,
                    [StoryChoice(s, n, False, editor, stamp) for n, s in enumerate(order)]
                    + [StoryChoice(s, len(order) + n, True, editor, stamp)
                       for n, s in enumerate(sorted(dropped))])

    def publish(self, briefing_id: str) -> Briefing:
        """Publish the draft as its editors left it."""
        draft = self._draft(briefing_id)
        if not draft.briefing.stories:
            raise EditorialError(f"draft {briefing_id}: every story was dropped",
                                 Code.BAD_EDIT)
        self.gb.publish(draft.briefing)
        return draft.briefing

    # corrections

    def correct(self, briefing_id: str, story_id: str, section: str, idx: int,
                text: str | None, note: str, editor: str) -> Correction:
        """Correct (or, with ``text`` None, remove) a line of a published briefing, with a
        note readers see."""
        body = published_body(self.store, briefing_id)
        if body is None:
            raise EditorialError(f"no published briefing {briefing_id!r}",
                                 Code.NO_SUCH_BRIEFING)
        note = " ".join(note.split())
        if not note or len(note) > MAX_LINE:
            raise EditorialError("a correction needs a note for readers (at most "
                                 f"{MAX_LINE} characters)", Code.BAD_EDIT)
        audience = next((p.audience for p in self.gb.published() if p.id == briefing_id),
                        None)
        briefing = briefing_from_json(body, audience)
        story = _story(briefing, story_id)
        lines = _lines(story, section)
        original = line_at(briefing, story_id, section, idx).text
        corrected = None if text is None else clean_text(text)
        if corrected is None:
            lines = lines[:idx] + lines[idx + 1:]
        else:
            lines = lines[:idx] + [_edited(lines[idx], corrected)] + lines[idx + 1:]
        _set_lines(story, section, lines)
        correction = Correction(story_id, section, idx, original, corrected, note, editor,
                                now())
        if not correct_published(self.store, briefing_id, render(briefing, "json"),
                                 correction):
            raise EditorialError(f"no published briefing {briefing_id!r}",
                                 Code.NO_SUCH_BRIEFING)
        return correction

    def corrections(self, briefing_ids: list[str]) -> dict[str, list[Correction]]:
        return corrections_of(self.store, briefing_ids)


SESSION_LIFETIME = timedelta(hours=12)


def _hasher() -> Any:
    try:
        from argon2 import PasswordHasher
    except ImportError as exc:
        raise SettingsError('editor accounts need the web extra: pip install "geobrief[web]"',
                            Code.EXTRA_MISSING) from exc
    return PasswordHasher()


_dummy: list[str] = []


def _DUMMY_HASH() -> str:  # noqa: N802 - a constant made once, on first use
    """A hash to verify against when the account does not exist, so that a sign-in takes
    as long for a wrong name as for a wrong password."""
    if not _dummy:
        _dummy.append(_hasher().hash("not a password of anyone"))
    return _dummy[0]
