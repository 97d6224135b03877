"""The whole pipeline as library calls: analyse pending work, compose, and run the demo."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from geobrief.analyse.outcomes import settle_outlook
from geobrief.analyse.run import analyse_pending
from geobrief.compose.briefing import compose_briefing
from geobrief.ingest import IngestReport, ingest_sources
from geobrief.ingest.outlets import OutletRegistry
from geobrief.models import Briefing, Reader
from geobrief.publish.files import write_briefing, write_index
from geobrief.settings import Settings
from geobrief.store import Store, open_store
from geobrief.store.articles import news_days
from geobrief.stories import update_stories

Say = Callable[[str], None]


def _quiet(_message: str) -> None:
    return None


def bring_up_to_date(store: Store, settings: Settings, say: Say = _quiet) -> tuple[int, int]:
    """Analyse what is pending, then place new articles into stories and threads.

    Under the store's ``analyse`` lock: a second run at the same time waits for this one
    and then finds nothing left to do, as if it had run after it."""
    with store.lock("analyse"):
        analysed = analyse_pending(store, lambda done, total: say(
            f"analysed {done}/{total} articles"))
        placed = update_stories(store, settings, progress=lambda done, total: say(
            f"embedded {done}/{total} articles"))
        if placed:
            say(f"placed {placed} articles into stories")
        if analysed:
            settled = settle_outlook(store)
            if settled.happened or settled.lapsed:
                say(f"outlook: {settled.happened} items happened, {settled.lapsed} lapsed, "
                    f"{settled.still_open} open")
    return analysed, placed


def demo_corpus() -> Path:
    return Path(str(resources.files("geobrief") / "data" / "demo"))


# The demo's personal briefing: a reader in Japan who follows defence and security.
DEMO_READER = Reader("japan-defence", "JP", None, ("defence-and-security",))


@dataclass
class DemoResult:
    ingest: IngestReport
    briefings: list[Briefing] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    index: Path | None = None
    personal: Briefing | None = None


def run_demo(out: Path, settings: Settings, say: Say = _quiet) -> DemoResult:
    """A fresh store from the bundled corpus; a briefing for every day with news."""
    out.mkdir(parents=True, exist_ok=True)
    db = out / "demo.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    store = open_store(str(db))
    corpus = demo_corpus()
    registry = OutletRegistry.load(corpus / "outlets.yaml")
    sources = [str(corpus / "feeds"), str(corpus / "pages")]
    say(f"ingesting the demo corpus from {len(sources)} folders")
    report = ingest_sources(
        store, sources, settings, registry=registry, on_error=lambda e: say(f"error: {e}")
    )
    say(report.summary())
    bring_up_to_date(store, settings, say)
    result = DemoResult(report)
    days = news_days(store)
    for n, day in enumerate(days, 1):
        briefing = compose_briefing(store, date.fromisoformat(day), settings)
        result.briefings.append(briefing)
        result.files.extend(write_briefing(briefing, out, store=db))
        say(f"[{n}/{len(days)}] {day}: {len(briefing.stories)} stories")
    personal = compose_briefing(store, date.fromisoformat(days[-1]), settings,
                                reader=DEMO_READER)
    result.files.extend(write_briefing(personal, out, name=f"{days[-1]}-{DEMO_READER.name}",
                                       store=db))
    result.personal = personal
    say(f"personal briefing for {DEMO_READER.name}: {len(personal.stories)} stories")
    result.index = write_index(result.briefings, out, personal, store=db)
    store.close()
    return result
