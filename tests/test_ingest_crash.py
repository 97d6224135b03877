"""Crash and rerun: an ingest killed half way (SIGKILL) and run again ends with the same
store as one uninterrupted run.

A folder of ~300 small JSON Lines files (with duplicates by URL and by content across
files) is made in tmp_path. ``python -m geobrief --db X ingest FOLDER --no-analyse`` runs in
a subprocess; once the SQLite file holds some but not all articles the process is killed
with SIGKILL, then the same ingest is run again to completion. A dump of (url,
content_hash, title, text, published, language, outlet name) must equal the dump of a
store made by one uninterrupted run.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import rows

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")

OUTLETS = [
    ("Harbour Times", "harbourtimes.example"),
    ("Steppe Wire", "steppewire.example"),
    ("Island Herald", "islandherald.example"),
    ("Meridian Daily", "meridiandaily.example"),
    ("Gulf Wire", "gulfwire.example"),
]
PLACES = [
    "the northern port",
    "the border town",
    "the capital",
    "the river delta",
    "the mountain province",
    "the eastern islands",
    "the coastal plain",
]
ACTORS = [
    "The defence ministry",
    "The central bank",
    "Opposition leaders",
    "The port authority",
    "A regional court",
    "The farmers' union",
    "Foreign ministers",
    "The electoral board",
]
EVENTS = [
    "announced new measures",
    "rejected the proposal",
    "called for talks",
    "warned of shortages",
    "postponed the vote",
    "signed an agreement",
    "ordered an inquiry",
    "lifted the restrictions",
]
CLOSERS = [
    "Officials said further details would be published later in the week.",
    "Analysts expect the decision to be challenged before the summer recess.",
    "Residents interviewed on Tuesday said they had heard little about the plan.",
    "Neighbouring governments said they were following events closely.",
]


def make_corpus(folder: Path, files: int, seed: int = 7) -> None:
    """``files`` JSON Lines files of 3 articles each, news-like and deterministic.

    Every 10th file repeats an article of the previous file (same URL and content) and
    every 25th carries an article under a new URL with the content of an earlier one from
    the same outlet: both are duplicates whichever run stores them first.
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    made: list[dict[str, Any]] = []
    for f in range(files):
        lines = []
        for j in range(3):
            n = f * 3 + j
            name, domain = OUTLETS[n % len(OUTLETS)]
            actor, event, place = rng.choice(ACTORS), rng.choice(EVENTS), rng.choice(PLACES)
            text = (
                f"{actor} {event} in {place} on day {n % 28 + 1} of the month, the "
                f"{n}th report in this series. " + " ".join(rng.sample(CLOSERS, 3))
            )
            record: dict[str, Any] = {
                "url": f"https://www.{domain}/news/{n:05d}-{event.split()[0]}",
                "title": f"{actor} {event} in {place}",
                "published": f"2024-03-{n % 28 + 1:02d}T{n % 24:02d}:{n % 60:02d}:00+0{n % 5}:00",
                "outlet": name,
                "text": text,
            }
            if n % 3:
                record["language"] = "en"
            lines.append(record)
        if f % 10 == 9:
            lines.append(made[-1])
        if f % 25 == 24:
            earlier = dict(made[-20])
            earlier["url"] = earlier["url"] + "-republished"
            lines.append(earlier)
        made.extend(lines[:3])
        with open(folder / f"batch_{f:04d}.jsonl", "w", encoding="utf-8") as handle:
            for record in lines:
                handle.write(json.dumps(record) + "\n")


def environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("GEOBRIEF_")}


def command(db: Path, folder: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "geobrief",
        "-q",
        "--db",
        str(db),
        "ingest",
        str(folder),
        "--no-analyse",
    ]


def article_count(db: Path) -> int:
    """Committed articles, read without disturbing the writer; 0 before the table exists."""
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.5)
        try:
            return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def dump(db: Path) -> list[tuple[Any, ...]]:
    return rows(db, "SELECT a.url, a.content_hash, a.title, a.text, a.published, a.language, "
                "o.name FROM articles a JOIN outlets o ON o.id = a.outlet_id ORDER BY a.url")


def run_to_completion(db: Path, folder: Path, cwd: Path) -> None:
    done = subprocess.run(
        command(db, folder), cwd=cwd, env=environment(), capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]


def kill_part_way(db: Path, folder: Path, cwd: Path, total: int) -> int | None:
    """Start the ingest, SIGKILL it once about a third of the articles are in (and not all);
    the count at the kill, or None when the run finished before it could be caught."""
    target = max(1, total // 3)
    log = open(cwd / f"{db.stem}.stderr", "wb")  # noqa: SIM115 - closed below
    try:
        proc = subprocess.Popen(
            command(db, folder), cwd=cwd, env=environment(), stdout=subprocess.DEVNULL, stderr=log
        )
        deadline = time.monotonic() + 120
        try:
            while proc.poll() is None and time.monotonic() < deadline:
                seen = article_count(db)
                if target <= seen < total:
                    os.kill(proc.pid, signal.SIGKILL)
                    proc.wait(timeout=30)
                    return seen
                time.sleep(0.002)
            return None
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=30)
    finally:
        log.close()


def test_killed_ingest_then_rerun_equals_one_uninterrupted_run(tmp_path: Path) -> None:
    attempts = []
    for files in (300, 900, 2700):
        work = tmp_path / f"attempt_{files}"
        work.mkdir()
        folder = work / "corpus"
        make_corpus(folder, files)

        reference = work / "reference.db"
        run_to_completion(reference, folder, work)
        expected = dump(reference)
        total = len(expected)
        assert total > files * 3 * 0.9  # duplicates aside, nearly everything is stored

        crashed = work / "crashed.db"
        at_kill = kill_part_way(crashed, folder, work, total)
        if at_kill is None:
            attempts.append(f"{files} files: finished before it could be killed")
            continue

        left = article_count(crashed)
        assert 0 < left < total, f"after SIGKILL the store holds {left} of {total}"
        con = sqlite3.connect(crashed)
        try:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            con.close()

        run_to_completion(crashed, folder, work)
        assert dump(crashed) == expected

        run_to_completion(crashed, folder, work)  # and once more: still nothing new
        assert dump(crashed) == expected
        return
    pytest.skip("could not kill the ingest part way: " + "; ".join(attempts))
