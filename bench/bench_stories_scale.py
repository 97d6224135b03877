"""Story clustering at scale: articles/s, peak memory, and the time to add one article.

Builds N articles (default 100,000) by mixing and perturbing real texts (the Giveme5W1H
and Timeline17 articles in ../shared/data when present, else the bundled demo corpus):
each new article takes the paragraphs of a source article, drops or reorders some, adds
one from another article of the same source, and gets a new URL, outlet and a date over
30 days. They are ingested and analysed, then clustered incrementally one simulated hour
at a time (``update_stories`` per hour). Then single articles are added one by one to the
full store, timing ``update_stories`` for each.

    python bench/bench_stories_scale.py [--articles 100000] [--single 200] [--keep DIR]
                                        [--profile FILE] [--backfill] [--chunk N]
                                        [--days 60] [--thread-window 7]

``--days`` spreads the articles over that many days (30 by default) and ``--thread-window``
sets ``thread_window_days`` (30 by default): with more days than the window, stories leave
their threads' windows while the bench runs, so pruning is exercised (e.g. ``--days 60
--thread-window 7``, the shape of a desk running for two months).

``--backfill`` places everything in one ``update_stories`` call (peak memory of a
backfill; ``--chunk`` sets how many articles each round reads, places and writes).

With ``--keep DIR`` the analysed store is also saved as ``DIR/analysed-N.db`` and later
runs of the same size copy it instead of ingesting and analysing again (the clustering
and the single adds always start from that unclustered copy). ``--profile FILE`` writes
cProfile statistics of the hourly clustering. The digest printed at the end hashes every
article's story and every story's thread, to check that a change kept the clusters.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from geobrief.analyse.run import analyse_pending
from geobrief.ingest import ingest_sources
from geobrief.knowledge.digest import knowledge_digest
from geobrief.knowledge.link import bundled_linker
from geobrief.settings import Settings
from geobrief.store import Store, open_store
from geobrief.store.schema import stories, story_articles
from geobrief.stories import update_stories
from geobrief.stories.online import OnlineClusterer
from geobrief.stories.update import PLACE_CHUNK, clusterer_from_store

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def real_texts() -> list[list[str]]:
    """Paragraph lists of real articles (shared data when present, else the demo corpus)."""
    texts: list[list[str]] = []
    cluster = SHARED / "giveme5w1h" / "news_cluster.jsonl"
    if cluster.exists():
        for line in cluster.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            paragraphs = [p for p in (record.get("text") or "").split("\n") if len(p) > 40]
            if len(paragraphs) >= 3:
                texts.append(paragraphs)
    for path in sorted((SHARED / "timeline17").glob("*/articles.json"))[:6]:
        for article in json.loads(path.read_text(encoding="utf-8"))[:300]:
            body = article.get("text") or article.get("content") or ""
            sentences = [s for s in str(body).split(" . ") if len(s) > 40]
            if len(sentences) >= 6:
                texts.append([" . ".join(sentences[i:i + 3]) + " ." for i in
                              range(0, len(sentences), 3)])
    if not texts:
        from bench_pipeline import demo_articles  # the bundled corpus

        with tempfile.TemporaryDirectory() as tmp:
            texts = [a["paragraphs"] for a in demo_articles(Settings(), Path(tmp))]
    return texts


def generate(texts: list[list[str]], n: int, path: Path, start: datetime, days: int) -> None:
    rng = random.Random(20241122)
    outlets = [f"scale-outlet-{i}.example" for i in range(200)]
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            base = rng.choice(texts)
            paragraphs = ([p for p in base if rng.random() > 0.2] or base[:2])[:8]
            if rng.random() < 0.5:
                rng.shuffle(paragraphs)
            paragraphs.append(rng.choice(rng.choice(texts)))
            published = start + timedelta(seconds=rng.randrange(days * 86400))
            outlet = rng.choice(outlets)
            out.write(json.dumps({
                "url": f"https://{outlet}/{published:%Y/%m/%d}/a{i}",
                "title": paragraphs[0][:90], "text": "\n\n".join(paragraphs),
                "published": published.isoformat(), "outlet": outlet, "language": "en",
            }) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--single", type=int, default=200)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--backfill", action="store_true",
                        help="place every article in one update_stories call (a backfill) "
                             "instead of hour by hour")
    parser.add_argument("--chunk", type=int,
                        help="articles read, placed and written per round (PLACE_CHUNK)")
    parser.add_argument("--days", type=int, default=30,
                        help="days the articles are spread over")
    parser.add_argument("--thread-window", type=float,
                        help="thread_window_days (the settings' default when absent)")
    args = parser.parse_args()
    settings = Settings()
    if args.thread_window is not None:
        settings = settings.with_overrides(thread_window_days=args.thread_window)
    start = datetime(2024, 10, 1, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        texts = real_texts()
        data, extra = folder / "scale.jsonl", folder / "single.jsonl"
        kept = folder / (f"analysed-{args.articles}.db" if args.days == 30
                         else f"analysed-{args.articles}-{args.days}d.db")
        work = folder / "scale.db"
        generate(texts, args.single, extra, start + timedelta(days=args.days), 1)
        for stale in folder.glob("scale.db*"):
            stale.unlink()
        t_prepare = None
        if kept.exists():
            shutil.copyfile(kept, work)
            store = open_store(str(work))
        else:
            generate(texts, args.articles, data, start, args.days)
            store = open_store(str(work))
            t0 = time.perf_counter()
            ingest_sources(store, [str(data)], settings)
            analyse_pending(store, bundled_linker(), knowledge_digest())
            t_prepare = time.perf_counter() - t0
            if args.keep:
                store.close()  # checkpoints the WAL into the file
                shutil.copyfile(work, kept)
                store = open_store(str(work))
        profile = cProfile.Profile() if args.profile else None
        t0, c0 = time.perf_counter(), time.process_time()
        if profile:
            profile.enable()
        clusterer = clusterer_from_store(store, settings, start.replace(tzinfo=None))
        if args.backfill:
            placed = update_stories(store, settings, clusterer=clusterer, chunk=args.chunk)
        else:
            placed = _hourly(store, settings, start, clusterer, args.chunk, args.days)
        if profile:
            profile.disable()
            profile.dump_stats(str(args.profile))
        t_cluster, c_cluster = time.perf_counter() - t0, time.process_time() - c0
        peak_cluster = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        digest = _digest(store)
        singles = _singles(store, settings, extra, clusterer)
        store.close()
    p95 = statistics.quantiles(singles, n=20)[18] if len(singles) >= 20 else max(singles or [0])
    print(f"source texts            {len(texts)}")
    if t_prepare is None:
        print(f"ingest + analyse        {args.articles} articles copied from {kept}")
    else:
        print(f"ingest + analyse        {args.articles} articles in {t_prepare:.1f} s")
    print(f"shape                   {args.articles} articles over {args.days} days, "
          f"thread window {settings.thread_window_days:g} days")
    how = "one call" if args.backfill else "hourly"
    print(f"clustering ({how:8s})  {placed} articles in {t_cluster:.1f} s wall = "
          f"{placed / t_cluster:.0f} articles/s, {c_cluster:.1f} s CPU = "
          f"{placed / max(c_cluster, 1e-9):.0f} articles/s (chunk {args.chunk or PLACE_CHUNK})")
    if singles:
        print(f"add one article         median {statistics.median(singles) * 1000:.1f} ms, "
              f"p95 {p95 * 1000:.1f} ms over {len(singles)} adds to a store of "
              f"{args.articles} articles")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory             {peak_cluster:.0f} MB after clustering, {peak:.0f} MB "
          "at the end" + (" (the process also ingested and analysed everything)"
                          if t_prepare is not None else ""))
    print(f"clusters digest         {digest}")
    return 0


def _hourly(store: Store, settings: Settings, start: datetime,
            clusterer: OnlineClusterer, chunk: int | None = None, days: int = 30) -> int:
    """Place articles hour by hour, as a feed reader would see them, with one clusterer
    kept in memory as a long-running ingest would."""
    placed = 0
    for hour in range(days * 24):
        end = (start + timedelta(hours=hour + 1)).replace(tzinfo=None)
        placed += update_stories(store, settings, until=end, clusterer=clusterer, chunk=chunk)
    return placed


def _digest(store: Store) -> str:
    """A hash of every article's story and every story's thread."""
    sha = hashlib.sha1()
    with store.engine.connect() as conn:
        for r in conn.execute(story_articles.select().order_by(story_articles.c.article_id)):
            sha.update(f"{r.article_id} {r.story_id} {r.similarity}\n".encode())
        for r in conn.execute(stories.select().order_by(stories.c.id)):
            sha.update(f"{r.id} {r.thread_id} {r.title} {r.first_published} "
                       f"{r.last_published} {r.terms}\n".encode())
    return sha.hexdigest()[:16]


def _singles(store: Store, settings: Settings, path: Path,
             clusterer: OnlineClusterer) -> list[float]:
    times = []
    for line in path.read_text(encoding="utf-8").splitlines():
        one = path.with_name("one.jsonl")
        one.write_text(line + "\n", encoding="utf-8")
        ingest_sources(store, [str(one)], settings)
        analyse_pending(store, bundled_linker(), knowledge_digest())
        t0 = time.perf_counter()
        update_stories(store, settings, clusterer=clusterer)
        times.append(time.perf_counter() - t0)
    return times


if __name__ == "__main__":
    sys.exit(main())
