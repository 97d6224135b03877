"""The claim ledger's entries kept in memory between updates of one process
(``LedgerMemory``): the same ledger as one read from the store every time, and never a
thread's entries that another process has saved since."""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from pathlib import Path

from conftest import demo_records

from geobrief.app import Geobrief
from geobrief.ingest import ingest_sources
from geobrief.settings import Settings
from geobrief.store import open_store
from geobrief.store.ledger import all_thread_ids, stored_entries
from geobrief.stories.ledger import Entry, Stance
from geobrief.stories.ledger_join import LedgerMemory


def _entry(thread: str, n: int, day: str = "2024-11-01") -> Entry:
    stance = Stance(party="Seoul", party_id="KR", party_country="KR", stance="assert",
                    day=day, article_id=n, origin=n, outlet="x", url=f"https://x.invalid/{n}",
                    text="troops were sent", idx=0)
    return Entry(f"c-{thread}-{n}", thread, "troops were sent", [stance])


def test_memory_gives_back_only_the_revision_it_saved_and_drops_the_oldest_threads():
    memory = LedgerMemory(limit=3)
    memory.keep("t1", "r1", [_entry("t1", 1), _entry("t1", 2)], "2024-11-02")
    assert memory.take("t1", "r2") is None  # saved since by someone else
    assert memory.misses == 1 and len(memory) == 0
    assert memory.take("t1", "r1") is None  # a miss also forgets what was held
    memory.keep("t1", "r1", [_entry("t1", 1), _entry("t1", 2)], "2024-11-02")
    memory.keep("t2", "r9", [_entry("t2", 3), _entry("t2", 4)], "2024-11-02")
    assert len(memory) == 2  # t1, the thread updated longest ago, was dropped
    assert memory.take("t1", "r1") is None
    held = memory.take("t2", "r9")
    assert held is not None and [e.id for e in held] == ["c-t2-3", "c-t2-4"]
    assert memory.hits == 1
    assert memory.take("t2", "r9") is None  # taken: no longer held


def test_memory_keeps_entries_in_the_stores_order():
    memory = LedgerMemory()
    late, early = _entry("t", 2, "2024-11-05"), _entry("t", 1, "2024-11-01")
    memory.keep("t", "r", [late, early], "2024-11-05")
    assert memory.take("t", "r") == [early, late]


def _ledger(store) -> list[str]:
    return [json.dumps(e, sort_keys=True) for t in all_thread_ids(store)
            for e in stored_entries(store, t)]


def _by_day(demo_master: Path) -> list[list[dict]]:
    days: dict[str, list[dict]] = defaultdict(list)
    for record in demo_records(demo_master):
        days[record["published"][:10]].append(record)
    return [days[d] for d in sorted(days)]


def _ingest(store, records: list[dict], folder: Path, n: int) -> None:
    path = folder / f"day-{n}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    ingest_sources(store, [str(path)], Settings())


def test_a_ledger_kept_in_memory_is_the_one_read_from_the_store(demo_master: Path):
    """Day by day on the demo: one process keeping its memory, another process updating
    on one of the days (its save changes the threads' revisions), against a ledger read
    from the store at every update."""
    days = _by_day(demo_master)
    assert len(days) >= 4
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        kept, plain = open_store(str(folder / "kept.db")), open_store(str(folder / "plain.db"))
        try:
            gb = Geobrief(Settings(), kept)
            for n, records in enumerate(days):
                _ingest(kept, records, folder, n)
                _ingest(plain, records, folder, n)
                if n == 2:
                    Geobrief(Settings(), kept).update()  # another process's update
                else:
                    gb.update()
                Geobrief(Settings(ledger_memory_entries=0), plain).update()
            assert gb.ledger_memory.hits > 0
            assert gb.ledger_memory.misses > 0  # the threads the other process saved
            assert _ledger(kept) == _ledger(plain)
            assert len(_ledger(kept)) > 10
        finally:
            kept.close()
            plain.close()
