#!/usr/bin/env python3
"""Build the geobrief demo corpus from its YAML sources.

Reads ``tools/demo_corpus/articles.yaml`` and ``src/geobrief/data/demo/outlets.yaml``
and regenerates, under ``src/geobrief/data/demo/``:

* ``feeds/<outlet-id>.rss.xml``  (RSS 2.0 with content:encoded) for ``rss`` outlets
* ``feeds/<outlet-id>.atom.xml`` (Atom 1.0) for ``atom`` outlets
* ``feeds/<outlet-id>.json``     (JSON Feed 1.1) for ``jsonfeed`` outlets
* ``pages/<outlet-id>/<YYYY-MM-DD>-<slug>.html`` (one full web page per article)
  for ``html`` outlets

The output is deterministic: it depends only on the two YAML files (no clock,
no randomness, stable ordering). ``feeds/`` and ``pages/`` are deleted and
recreated on every run. The gold labels of each article (``thread``, ``event``,
``copy_of``) are never written to the output.

Usage::

    python tools/demo_corpus/build.py

Only the standard library and PyYAML are required.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import shutil
import sys
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import yaml

ROOT = Path(__file__).resolve().parents[2]
ARTICLES_YAML = ROOT / "tools" / "demo_corpus" / "articles.yaml"
DEMO_DIR = ROOT / "src" / "geobrief" / "data" / "demo"
OUTLETS_YAML = DEMO_DIR / "outlets.yaml"
FEEDS_DIR = DEMO_DIR / "feeds"
PAGES_DIR = DEMO_DIR / "pages"

DELIVERIES = ("rss", "atom", "jsonfeed", "html")
KINDS = ("wire", "newspaper", "public-broadcaster", "state-media", "online", "magazine")
FEED_FILENAME = {"rss": "{id}.rss.xml", "atom": "{id}.atom.xml", "jsonfeed": "{id}.json"}
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
SECTIONS = ("World", "Europe", "Asia-Pacific", "Americas", "Politics", "Business", "Climate", "Opinion")


# --------------------------------------------------------------------------- helpers


def load_yaml(path: Path):
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def parse_time(value: str) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(value)
    if parsed.utcoffset() is None:
        raise ValueError(f"published time without UTC offset: {value!r}")
    return parsed


def utc_key(article: dict):
    return parse_time(article["published"]).astimezone(dt.UTC)


def newest_first(articles: list[dict]) -> list[dict]:
    # Newest first; ties broken by id so the order never depends on input order.
    ordered = sorted(articles, key=lambda a: a["id"])
    return sorted(ordered, key=utc_key, reverse=True)


def slug_of(article: dict) -> str:
    return article["url"].rstrip("/").rsplit("/", 1)[-1]


def home_page(outlet: dict) -> str:
    return f"https://{outlet['domain']}/"


def feed_url(outlet: dict) -> str:
    name = FEED_FILENAME[outlet["delivery"]].format(id=outlet["id"])
    return f"https://{outlet['domain']}/feeds/{name}"


def content_html(article: dict) -> str:
    return "\n".join(f"<p>{escape(p)}</p>" for p in article["paragraphs"])


def summary(article: dict) -> str:
    return article["paragraphs"][0]


def rfc822(value: str) -> str:
    return email.utils.format_datetime(parse_time(value))


def iso(value: str) -> str:
    return parse_time(value).isoformat()


def human_date(value: str) -> str:
    t = parse_time(value)
    offset = t.utcoffset()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    zone = "UTC" if minutes == 0 else f"UTC{sign}{minutes // 60}" + (f":{minutes % 60:02d}" if minutes % 60 else "")
    return f"{t.day} {MONTHS[t.month - 1]} {t.year}, {t:%H:%M} {zone}"


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


# --------------------------------------------------------------------------- validation


def validate(outlets: list[dict], articles: list[dict]) -> None:
    ids = [o["id"] for o in outlets]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate outlet id")
    by_id = {o["id"]: o for o in outlets}
    for o in outlets:
        if o["delivery"] not in DELIVERIES:
            raise ValueError(f"{o['id']}: unknown delivery {o['delivery']!r}")
        if o["kind"] not in KINDS:
            raise ValueError(f"{o['id']}: unknown kind {o['kind']!r}")
        if not o["domain"].endswith(".example"):
            raise ValueError(f"{o['id']}: domain must use the .example TLD")
    seen_ids, seen_urls, seen_pages = set(), set(), set()
    article_ids = {a["id"] for a in articles}
    for a in articles:
        if a["id"] in seen_ids:
            raise ValueError(f"duplicate article id {a['id']}")
        seen_ids.add(a["id"])
        if a["url"] in seen_urls:
            raise ValueError(f"duplicate url {a['url']}")
        seen_urls.add(a["url"])
        outlet = by_id.get(a["outlet"])
        if outlet is None:
            raise ValueError(f"{a['id']}: unknown outlet {a['outlet']!r}")
        t = parse_time(a["published"])
        expected = f"https://{outlet['domain']}/{t:%Y/%m/%d}/"
        if not a["url"].startswith(expected):
            raise ValueError(f"{a['id']}: url {a['url']} does not match {expected}")
        if a.get("copy_of") is not None and a["copy_of"] not in article_ids:
            raise ValueError(f"{a['id']}: copy_of refers to unknown article {a['copy_of']}")
        if a["language"] not in ("en", "fr"):
            raise ValueError(f"{a['id']}: unsupported language {a['language']!r}")
        if not a["paragraphs"]:
            raise ValueError(f"{a['id']}: no paragraphs")
        if outlet["delivery"] == "html":
            page = (a["outlet"], f"{t:%Y-%m-%d}-{slug_of(a)}")
            if page in seen_pages:
                raise ValueError(f"{a['id']}: duplicate page name {page}")
            seen_pages.add(page)


# --------------------------------------------------------------------------- feeds


def build_rss(outlet: dict, articles: list[dict]) -> str:
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
        "  <channel>",
        f"    <title>{escape(outlet['name'])}</title>",
        f"    <link>{escape(home_page(outlet))}</link>",
        f"    <description>{escape(outlet['description'])}</description>",
        f"    <language>{escape(outlet['language'])}</language>",
        f"    <atom:link href={quoteattr(feed_url(outlet))} rel=\"self\" type=\"application/rss+xml\"/>",
    ]
    if articles:
        lines.append(f"    <lastBuildDate>{rfc822(articles[0]['published'])}</lastBuildDate>")
    for a in articles:
        lines += [
            "    <item>",
            f"      <title>{escape(a['title'])}</title>",
            f"      <link>{escape(a['url'])}</link>",
            f"      <guid isPermaLink=\"true\">{escape(a['url'])}</guid>",
            f"      <pubDate>{rfc822(a['published'])}</pubDate>",
        ]
        if a.get("author"):
            lines.append(f"      <dc:creator>{escape(a['author'])}</dc:creator>")
        lines += [
            f"      <description>{escape(summary(a))}</description>",
            f"      <content:encoded>{escape(content_html(a))}</content:encoded>",
            "    </item>",
        ]
    lines += ["  </channel>", "</rss>", ""]
    return "\n".join(lines)


def build_atom(outlet: dict, articles: list[dict]) -> str:
    lang = quoteattr(outlet["language"])
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={lang}>',
        f"  <id>{escape(home_page(outlet))}</id>",
        f"  <title>{escape(outlet['name'])}</title>",
        f"  <subtitle>{escape(outlet['description'])}</subtitle>",
        f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(home_page(outlet))}/>",
        f"  <link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(feed_url(outlet))}/>",
        # Feed-level author: Atom's fallback for entries that carry no byline of their own.
        f"  <author><name>{escape(outlet['name'])}</name></author>",
    ]
    if articles:
        lines.append(f"  <updated>{iso(articles[0]['published'])}</updated>")
    for a in articles:
        entry_lang = "" if a["language"] == outlet["language"] else f" xml:lang={quoteattr(a['language'])}"
        lines += [
            f"  <entry{entry_lang}>",
            f"    <id>{escape(a['url'])}</id>",
            f"    <title type=\"text\">{escape(a['title'])}</title>",
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(a['url'])}/>",
            f"    <published>{iso(a['published'])}</published>",
            f"    <updated>{iso(a['published'])}</updated>",
        ]
        if a.get("author"):
            lines.append(f"    <author><name>{escape(a['author'])}</name></author>")
        lines += [
            f"    <summary type=\"text\">{escape(summary(a))}</summary>",
            f"    <content type=\"html\">{escape(content_html(a))}</content>",
            "  </entry>",
        ]
    lines += ["</feed>", ""]
    return "\n".join(lines)


def build_jsonfeed(outlet: dict, articles: list[dict]) -> str:
    items = []
    for a in articles:
        item = {
            "id": a["url"],
            "url": a["url"],
            "title": a["title"],
            "content_html": content_html(a),
            "summary": summary(a),
            "date_published": iso(a["published"]),
        }
        if a.get("author"):
            item["authors"] = [{"name": a["author"]}]
        item["language"] = a["language"]
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": outlet["name"],
        "home_page_url": home_page(outlet),
        "feed_url": feed_url(outlet),
        "description": outlet["description"],
        "language": outlet["language"],
        "items": items,
    }
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------- pages


def most_read(article: dict, outlet_articles: list[dict], limit: int = 5) -> list[dict]:
    """Other headlines of the same outlet, as of the article's publication."""
    when = utc_key(article)
    earlier = [a for a in outlet_articles if a["id"] != article["id"] and utc_key(a) <= when]
    later = [a for a in reversed(outlet_articles) if a["id"] != article["id"] and utc_key(a) > when]
    return (earlier + later)[:limit]  # outlet_articles is newest first


def json_ld(outlet: dict, article: dict) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article["title"],
        "datePublished": iso(article["published"]),
        "url": article["url"],
        "mainEntityOfPage": article["url"],
        "inLanguage": article["language"],
        "publisher": {"@type": "Organization", "name": outlet["name"], "url": home_page(outlet)},
    }
    if article.get("author"):
        data["author"] = {"@type": "Person", "name": article["author"]}
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("</", "<\\/")


def build_page(outlet: dict, article: dict, outlet_articles: list[dict]) -> str:
    e = escape
    site = outlet["name"]
    title = article["title"]
    author = article.get("author")
    published = iso(article["published"])
    lines = [
        "<!DOCTYPE html>",
        f"<html lang={quoteattr(article['language'])}>",
        "<head>",
        '  <meta charset="utf-8">',
        '  <meta name="viewport" content="width=device-width, initial-scale=1">',
        f"  <title>{e(title)} | {e(site)}</title>",
        f"  <link rel=\"canonical\" href={quoteattr(article['url'])}>",
        f"  <meta name=\"description\" content={quoteattr(summary(article))}>",
    ]
    if author:
        lines.append(f"  <meta name=\"author\" content={quoteattr(author)}>")
    lines += [
        '  <meta property="og:type" content="article">',
        f"  <meta property=\"og:title\" content={quoteattr(title)}>",
        f"  <meta property=\"og:site_name\" content={quoteattr(site)}>",
        f"  <meta property=\"og:url\" content={quoteattr(article['url'])}>",
        f"  <meta property=\"article:published_time\" content={quoteattr(published)}>",
        '  <link rel="stylesheet" href="/static/css/site.css">',
        '  <script type="application/ld+json">',
        json_ld(outlet, article),
        "  </script>",
        "</head>",
        "<body>",
        '  <div id="cookie-consent" class="cookie-banner" role="dialog" aria-label="Cookie consent">',
        "    <p>We use cookies and similar technologies to run this site, remember your settings and measure our audience."
        " You can accept all cookies or choose which ones to allow.</p>",
        '    <button type="button" class="cookie-accept">Accept all cookies</button>',
        '    <button type="button" class="cookie-settings">Manage preferences</button>',
        "  </div>",
        '  <header class="site-header">',
        f"    <a class=\"site-logo\" href=\"/\">{e(site)}</a>",
        '    <nav class="main-nav" aria-label="Sections">',
        "      <ul>",
    ]
    for section in SECTIONS:
        href = "/" + section.lower().replace(" ", "-") + "/"
        lines.append(f"        <li><a href={quoteattr(href)}>{e(section)}</a></li>")
    lines += [
        "      </ul>",
        "    </nav>",
        '    <form class="site-search" action="/search" method="get" role="search">'
        '<input type="search" name="q" placeholder="Search"><button type="submit">Search</button></form>',
        "  </header>",
        '  <main class="page">',
        '    <article class="story">',
        f"      <h1 class=\"headline\">{e(title)}</h1>",
    ]
    if author:
        lines.append(f"      <p class=\"byline\">By <span class=\"author\">{e(author)}</span></p>")
    lines += [
        f"      <p class=\"dateline\"><time datetime={quoteattr(published)}>{e(human_date(article['published']))}</time></p>",
        '      <div class="story-body">',
    ]
    for paragraph in article["paragraphs"]:
        lines.append(f"        <p>{e(paragraph)}</p>")
    lines += [
        "      </div>",
        "    </article>",
        '    <aside class="sidebar most-read" aria-label="Most read">',
        "      <h2>Most read</h2>",
        "      <ol>",
    ]
    for other in most_read(article, outlet_articles):
        lines.append(f"        <li><a href={quoteattr(other['url'])}>{e(other['title'])}</a></li>")
    lines += [
        "      </ol>",
        "    </aside>",
        '    <aside class="newsletter-signup" aria-label="Newsletter">',
        "      <h2>The Morning Dispatch</h2>",
        f"      <p>Sign up for the {e(site)} newsletter and get the day's top stories in your inbox every weekday morning.</p>",
        '      <form action="/newsletter/subscribe" method="post">',
        '        <input type="email" name="email" placeholder="Your email address" required>',
        '        <button type="submit">Subscribe</button>',
        "      </form>",
        "    </aside>",
        "  </main>",
        '  <footer class="site-footer">',
        '    <nav class="footer-nav" aria-label="Footer">',
        "      <ul>",
        '        <li><a href="/about/">About us</a></li>',
        '        <li><a href="/contact/">Contact</a></li>',
        '        <li><a href="/terms/">Terms of use</a></li>',
        '        <li><a href="/privacy/">Privacy policy</a></li>',
        "      </ul>",
        "    </nav>",
        f"    <p class=\"copyright\">&#169; 2024 {e(site)}. All rights reserved.</p>",
        "  </footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def main() -> int:
    outlets = load_yaml(OUTLETS_YAML)
    articles = load_yaml(ARTICLES_YAML)
    validate(outlets, articles)

    for directory in (FEEDS_DIR, PAGES_DIR):
        if directory.exists():
            shutil.rmtree(directory)
        directory.mkdir(parents=True)

    written = 0
    for outlet in sorted(outlets, key=lambda o: o["id"]):
        own = newest_first([a for a in articles if a["outlet"] == outlet["id"]])
        delivery = outlet["delivery"]
        if delivery == "html":
            for article in own:
                t = parse_time(article["published"])
                path = PAGES_DIR / outlet["id"] / f"{t:%Y-%m-%d}-{slug_of(article)}.html"
                write_text(path, build_page(outlet, article, own))
                written += 1
            continue
        builder = {"rss": build_rss, "atom": build_atom, "jsonfeed": build_jsonfeed}[delivery]
        path = FEEDS_DIR / FEED_FILENAME[delivery].format(id=outlet["id"])
        write_text(path, builder(outlet, own))
        written += 1

    print(f"{len(articles)} articles, {len(outlets)} outlets -> {written} files in {DEMO_DIR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
