"""Feeds and article pages for the run tests, served by ``loopserver``: full-text feeds,
a blurb-only feed whose article pages carry the text, and broken ones. Items are dated
in the last hours, so that the edition of the day has news."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape

from loopserver import LoopServer, Reply

TOPICS = [
    ("Ukraine", "Kyiv", "Ukraine's foreign ministry said talks with Poland on grain transit "
     "would resume next week, while Moscow denied reports of new strikes on the port of "
     "Odesa. The European Commission said it was following the talks closely."),
    ("Japan", "Tokyo", "Japan and South Korea agreed to expand military information sharing, "
     "officials said, after North Korea launched another ballistic missile into the Sea of "
     "Japan. China's foreign ministry called the agreement destabilising."),
    ("Brazil", "Brasilia", "Brazil's president said the country would seek a trade agreement "
     "with the European Union before the end of the year, as farmers in France protested "
     "against the deal. Argentina said it supported the negotiations."),
    ("Kenya", "Nairobi", "Kenya said it would send more police officers to Haiti under the "
     "United Nations mission, while the United States pledged further funding. Haitian "
     "officials welcomed the decision but warned that gangs still control the capital."),
]


def _text(slug: str, n: int) -> tuple[str, str]:
    country, city, body = TOPICS[n % len(TOPICS)]
    title = f"{country}: report {slug}-{n} from {city}"
    text = (f"{city} ({slug} {n}): {body} Officials in {city} gave details of item {n} of "
            f"{slug} at a press conference on the morning of the announcement. {body} "
            f"Analysts said the decision marked a shift in policy, and that further steps "
            f"would depend on talks in the coming weeks, report {slug}-{n} said.")
    return title, text


def rss(server: LoopServer, slug: str, count: int, blurbs: bool = False,
        now: datetime | None = None) -> bytes:
    """An RSS feed of ``count`` items; with ``blurbs``, each item carries one sentence
    and links to its article page on the same server (served by ``serve_pages``)."""
    now = now or datetime.now(UTC)
    items = []
    for n in range(count):
        title, text = _text(slug, n)
        link = server.url(f"/{slug}/{n}.html") if blurbs else \
            f"https://{slug}.example/news/{n}"
        summary = text.split(". ")[0] + "." if blurbs else text
        items.append(
            f"<item><title>{escape(title)}</title><link>{link}</link>"
            f"<pubDate>{format_datetime(now - timedelta(minutes=10 * n + 1))}</pubDate>"
            f"<description>{escape(summary)}</description></item>")
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>{slug.title()} News</title><link>https://{slug}.example/</link>"
            f"<language>en</language>{''.join(items)}</channel></rss>").encode()


def page(slug: str, n: int) -> bytes:
    title, text = _text(slug, n)
    paragraphs = "".join(f"<p>{escape(s.strip())}.</p>" for s in text.split(". ") if s)
    return (f"<!DOCTYPE html><html lang='en'><head><title>{escape(title)}</title>"
            f"<meta property='og:title' content='{escape(title)}'></head><body>"
            f"<nav>Home | World | Sport</nav><article><h1>{escape(title)}</h1>{paragraphs}"
            f"<p>Page {n} of {slug}: the full report, with every detail the feed "
            f"left out.</p></article><footer>Copyright</footer></body></html>").encode()


def serve_feed(server: LoopServer, slug: str, count: int, blurbs: bool = False,
               delay: float = 0.0) -> str:
    """Serve a feed at /SLUG.xml (with an ETag, so a second fetch is 304); its URL."""
    body = rss(server, slug, count, blurbs)
    server.routes[f"/{slug}.xml"] = Reply(
        body=body, delay=delay,
        headers={"Content-Type": "application/rss+xml", "ETag": f'"{slug}-{len(body)}"'})
    if blurbs:
        for n in range(count):
            server.routes[f"/{slug}/{n}.html"] = Reply(
                body=page(slug, n), headers={"Content-Type": "text/html; charset=utf-8"})
    return server.url(f"/{slug}.xml")
