"""One ``geobrief run`` cycle over local feeds: the time of each stage.

Serves F feeds (default 100) of I items each (default 50) from real HTTP servers on
loopback, spread over H hosts (127.0.1.1, 127.0.1.2, ...; default 20, so five feeds per
host and the per-host politeness delay applies as it would to real outlets). Item texts
are real articles (the Giveme5W1H and Timeline17 articles in ../shared/data when present,
else the bundled demo corpus), dated over the last day so that the edition has news. A
share of the feeds (``--blurb-feeds``, default 10) carry only a one-sentence blurb and
link to article pages on their server, which the run fetches (at most ``pages_per_feed``
per feed and cycle, as in production); the others carry the full text (``pages = "never"``:
their links are on hosts that do not exist).

Then it runs one cycle on a fresh SQLite store exactly as ``geobrief run --once`` does
(sources file, network guard with the servers' addresses allowed, conditional GET,
politeness, ingest, analyse, stories, the edition's draft), and prints the seconds of each
stage (fetch, parse, ingest, analyse, stories, compose), the wall time and the peak
memory; then a second cycle with every feed due again: the full-text feeds answer 304 Not
Modified, and the blurb feeds are read again for the pages the first cycle left for later.

    python bench/bench_run.py [--feeds 100] [--items 50] [--hosts 20] [--blurb-feeds 10]
                              [--workers 4] [--host-delay 1.0] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_stories_scale import real_texts  # noqa: E402

import geobrief  # noqa: E402
from geobrief.daily.cycle import STAGES, CycleReport  # noqa: E402
from geobrief.daily.runner import Runner  # noqa: E402


class Handler(BaseHTTPRequestHandler):
    server: FeedServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        body, kind, etag = self.server.routes.get(self.path, (b"not found", "text/plain", ""))
        if etag and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200 if etag or kind != "text/plain" else 404)
        self.send_header("Content-Type", kind)
        if etag:
            self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet
        return


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str) -> None:
        super().__init__((host, 0), Handler)
        self.routes: dict[str, tuple[bytes, str, str]] = {}
        threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://{self.server_address[0]}:{self.server_address[1]}{path}"


def _title(paragraphs: list[str]) -> str:
    words = paragraphs[0].split()
    return " ".join(words[:12]).rstrip(",.;:") or "Untitled"


def build_feeds(servers: list[FeedServer], feeds: int, items: int, blurb_feeds: int,
                texts: list[list[str]], now: datetime) -> list[str]:
    """Serve the feeds (and the blurb feeds' article pages); their URLs."""
    rng = random.Random(20241122)
    urls = []
    for f in range(feeds):
        server = servers[f % len(servers)]
        blurbs = f < blurb_feeds
        entries = []
        for n in range(items):
            paragraphs = rng.choice(texts)
            title = _title(paragraphs)
            published = now - timedelta(minutes=rng.randrange(5, 24 * 60))
            if blurbs:
                link = server.url(f"/f{f}/{n}.html")
                page = (f"<!DOCTYPE html><html lang='en'><head><title>{escape(title)}</title>"
                        f"</head><body><nav>Home | World</nav><article><h1>{escape(title)}"
                        "</h1>" + "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
                        + "</article><footer>Copyright</footer></body></html>")
                server.routes[f"/f{f}/{n}.html"] = (page.encode(), "text/html; charset=utf-8",
                                                    "")
                summary = paragraphs[0].split(". ")[0][:300]
            else:
                link = f"https://outlet{f}.example/news/{n}"
                summary = "\n\n".join(paragraphs)
            entries.append(f"<item><title>{escape(title)}</title><link>{escape(link)}</link>"
                           f"<pubDate>{format_datetime(published)}</pubDate>"
                           f"<description>{escape(summary)}</description></item>")
        body = (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                f"<title>Outlet {f}</title><link>https://outlet{f}.example/</link>"
                f"<language>en</language>{''.join(entries)}</channel></rss>").encode()
        server.routes[f"/f{f}.xml"] = (body, "application/rss+xml", f'"f{f}-{len(body)}"')
        urls.append(server.url(f"/f{f}.xml"))
    return urls


def show(label: str, report: CycleReport, wall: float) -> None:
    print(f"{label}: {report.summary()}")
    stages = "  ".join(f"{s} {report.seconds[s]:.1f}s" for s in STAGES)
    accounted = sum(report.seconds.values())
    print(f"  per stage: {stages}  (sum {accounted:.1f}s, wall {wall:.1f}s)")
    if report.errors:
        print(f"  {len(report.errors)} errors, first: {report.errors[0]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--blurb-feeds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--host-delay", type=float, default=1.0)
    parser.add_argument("--keep", type=Path, help="keep the store and sources file here")
    args = parser.parse_args()

    texts = real_texts()
    now = datetime.now(UTC)
    servers = [FeedServer(f"127.0.1.{h + 1}") for h in range(args.hosts)]
    urls = build_feeds(servers, args.feeds, args.items, args.blurb_feeds, texts, now)
    print(f"{args.feeds} feeds x {args.items} items on {args.hosts} loopback hosts "
          f"({args.blurb_feeds} blurb-only feeds), {len(texts)} real texts; "
          f"fetch_workers {args.workers}, host_delay {args.host_delay}s")

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        sources = folder / "sources.toml"
        sources.write_text('[network]\nallow = ["127.0.1.0/24"]\n\n' + "".join(
            f'[[source]]\nurl = "{u}"\nevery = "1s"\n'
            + ("\n" if n < args.blurb_feeds else 'pages = "never"\n\n')
            for n, u in enumerate(urls)), encoding="utf-8")
        db = folder / "run.db"
        db.unlink(missing_ok=True)
        with geobrief.open(db=str(db), sources_file=str(sources), fetch_workers=args.workers,
                           host_delay=args.host_delay, edition_time="00:00",
                           edition_timezone="UTC") as gb:
            runner = Runner(gb, lambda _message: None)
            for label in ("cycle 1 (new store)", "cycle 2 (all due again)"):
                started = time.perf_counter()
                report = runner.cycle()
                show(label, report, time.perf_counter() - started)
                time.sleep(1.1)  # every feed is due again (every 1s)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB")
    for server in servers:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
