"""Drafts: the daily run records the edition as a draft for an editor; only published
briefings feed Previously, the "already briefed" ranking and the published reads, and a
draft never replaces a published briefing. Migration 0015 keeps earlier briefings
published."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path

from conftest import rows
from sqlalchemy import create_engine, text
from test_migrations import upgrade_to

import geobrief
from geobrief.store import open_store
from geobrief.store.stories import briefed_stories, last_briefed

DAY, LATER = "2024-11-21", "2024-11-22"
ID = f"{DAY}:AU-US-UA-KR"


def _carried(briefing_json: str) -> list[str]:
    data = json.loads(briefing_json)
    return [p["briefing"] for s in data["stories"] for p in s["previously"] if p["briefing"]]


def test_a_draft_feeds_nothing_until_it_is_published(demo_master: Path, tmp_path: Path
                                                     ) -> None:
    db = tmp_path / "store.db"
    shutil.copy(demo_master, db)
    with geobrief.open(db=str(db)) as gb:
        draft = gb.brief(DAY)
        assert gb.save_draft(draft) == ID
        assert gb.save_draft(draft) == ID  # again: replaces the draft, no second one
        assert [d.id for d in gb.drafts(DAY)] == [ID] and [d.id for d in gb.drafts()] == [ID]
        assert gb.published(DAY) == [] and gb.published_json(ID) is None
        assert _carried(gb.brief(LATER).to_json()) == []
        assert briefed_stories(gb.store, date.fromisoformat(LATER)) == set()
        assert all(last_briefed(gb.store, s.id, date.fromisoformat(LATER)) is None
                   for s in draft.stories)

        gb.publish(draft)  # publishing replaces the draft
        assert gb.drafts(DAY) == [] and [p.id for p in gb.published(DAY)] == [ID]
        assert ID in _carried(gb.brief(LATER).to_json())
        assert briefed_stories(gb.store, date.fromisoformat(LATER))

        gb.save_draft(draft)  # never over a published briefing
        assert gb.drafts(DAY) == [] and gb.published_json(ID) is not None
    status = rows(db, "SELECT status, published_at IS NOT NULL FROM briefings")
    assert status == [("published", 1)]
    carried = rows(db, f"SELECT count(*) FROM briefing_stories WHERE briefing_id = '{ID}'")
    assert carried == [(len(draft.stories),)]


def test_briefings_published_before_drafts_existed_stay_published(tmp_path: Path) -> None:
    db = str(tmp_path / "old.db")
    upgrade_to(db, "0014_storylines_anchors")
    engine = create_engine(f"sqlite:///{db}")
    created = datetime(2024, 11, 21, 7, 30)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO briefings (id, date, readers, audience, created_at, "
                          "body) VALUES (:i, :d, 'AU', 'AU', :c, '{}')"),
                     {"i": ID, "d": DAY, "c": created})
    engine.dispose()
    open_store(db).close()  # migrates to head
    assert rows(Path(db), "SELECT status, published_at = created_at FROM briefings") == [
        ("published", 1)]
    with geobrief.open(db=db) as gb:
        assert [p.id for p in gb.published(DAY)] == [ID] and gb.drafts() == []
