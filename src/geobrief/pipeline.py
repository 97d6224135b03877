"""The whole pipeline on the bundled demo corpus, through the application object."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from geobrief.app import Geobrief
from geobrief.ingest import IngestReport
from geobrief.ingest.outlets import OutletRegistry
from geobrief.models import Briefing, Reader
from geobrief.publish.files import write_briefing, write_index
from geobrief.settings import Settings
from geobrief.store import Store

Say = Callable[[str], None]


def _quiet(_message: str) -> None:
    return None


def bring_up_to_date(store: Store, settings: Settings, say: Say = _quiet) -> tuple[int, int]:
    """Analyse what is pending, then place new articles into stories and threads (for
    callers holding a store; the library's way is ``Geobrief.update``)."""
    done = Geobrief(settings, store).update(say)
    return done.analysed, done.placed


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
    """A fresh store from the bundled corpus; a briefing for every day with news, each
    published in order (so that later days list earlier ones under Previously)."""
    out.mkdir(parents=True, exist_ok=True)
    db = out / "demo.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    corpus = demo_corpus()
    with Geobrief(settings.with_overrides(db=str(db))) as gb:
        sources = [str(corpus / "feeds"), str(corpus / "pages")]
        say(f"ingesting the demo corpus from {len(sources)} folders")
        report = gb.ingest(sources, outlets=OutletRegistry.load(corpus / "outlets.yaml"),
                           on_error=lambda e: say(f"error: {e}"))
        say(report.summary())
        gb.update(say)
        result = DemoResult(report)
        days = gb.days()
        for n, day in enumerate(days, 1):
            briefing = gb.brief(day)
            gb.publish(briefing)
            result.briefings.append(briefing)
            result.files.extend(write_briefing(briefing, out, store=db))
            say(f"[{n}/{len(days)}] {day}: {len(briefing.stories)} stories")
        personal = gb.brief(days[-1], reader=DEMO_READER)
        gb.publish(personal)
        result.files.extend(write_briefing(personal, out, name=f"{days[-1]}-{DEMO_READER.name}",
                                           store=db))
        result.personal = personal
        say(f"personal briefing for {DEMO_READER.name}: {len(personal.stories)} stories")
        result.index = write_index(result.briefings, out, personal, store=db)
    return result
