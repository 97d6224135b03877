"""What the web edition's tests share: a store (the demo, every day published, plus a
hostile day with a script in an article's title and text, left as a draft), an editor,
and the web edition served by uvicorn on a free loopback port in a thread."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import geobrief

HOSTILE_TITLE = ("<script>alert('title')</script><img src=x onerror=alert('img')> "
                 "NATO warns Russia over Baltic cable")
HOSTILE_TEXT = (
    "<script>alert('text')</script> NATO said on Saturday that Russia was behind damage "
    "to two undersea data cables in the Baltic Sea, and Finland and Germany called the "
    "incident a threat to European security. <img src=x onerror=alert('body')> The German "
    "defence minister said Berlin assumed sabotage, while Moscow denied any involvement and "
    "called the accusation absurd. Sweden opened an investigation, and NATO said it would "
    "increase patrols of ships in the Baltic Sea.")
HOSTILE_DAY = "2024-11-23"
EDITOR = "alice"
PASSWORD = "correct-horse-battery"


def hostile_store(folder: Path, demo_db: Path) -> Path:
    """A copy of the demo store with the hostile day ingested, analysed and drafted, and
    the editor ``alice``."""
    db = folder / "web.db"
    shutil.copy(demo_db, db)
    records = folder / "hostile.jsonl"
    records.write_text("".join(json.dumps({
        "url": f"https://{outlet}/baltic-cable", "title": HOSTILE_TITLE,
        "text": HOSTILE_TEXT + (" More reporting from Helsinki." if n else ""),
        "published": f"{HOSTILE_DAY}T09:00:00+00:00", "outlet": outlet}) + "\n"
        for n, outlet in enumerate(["meridianwire.example", "kasumipost.example"])),
        encoding="utf-8")
    with geobrief.open(db=str(db)) as gb:
        report = gb.ingest([str(records)])
        assert report.added == 2, report.summary()
        gb.update()
        gb.save_draft(gb.brief(HOSTILE_DAY))
        gb.desk.add_editor(EDITOR, PASSWORD)
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(db: Path, **settings: Any) -> Iterator[str]:
    """The web edition of ``db`` on a free loopback port (its base URL), in a thread."""
    import uvicorn

    from geobrief.web import create_app

    gb = geobrief.open(db=str(db), **settings)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(gb), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        gb.close()
