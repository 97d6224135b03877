"""Feeds of published briefings: RSS 2.0, Atom (RFC 4287) and JSON Feed 1.1.

One entry per published briefing, identified by its permalink (SITE/briefings/ID), which
never changes; a correction updates the entry (Atom ``updated``, JSON Feed
``date_modified``, and a line in the entry's text) without changing its id. Everything
is built with an XML serialiser or ``json``: no text is pasted into markup by hand.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from urllib.parse import quote

from geobrief.compose.render.common import reader_name
from geobrief.newsroom import Issue

ATOM = "http://www.w3.org/2005/Atom"
JSONFEED_VERSION = "https://jsonfeed.org/version/1.1"
FORMATS = {"rss": "application/rss+xml", "atom": "application/atom+xml",
           "json": "application/feed+json"}


@dataclass(frozen=True)
class FeedEntry:
    id: str  # the permalink (absolute URL)
    title: str
    published: datetime  # UTC, naive
    updated: datetime
    html: str  # the entry's content as HTML (escaped here)
    text: str  # the same as plain text
    summary: str


@dataclass(frozen=True)
class Feed:
    title: str
    description: str
    home: str  # absolute URL of the page the feed follows
    url: str  # absolute URL of the feed itself (per format: url + extension)
    entries: list[FeedEntry]  # newest first

    @property
    def updated(self) -> datetime:
        return max((e.updated for e in self.entries), default=datetime(1970, 1, 1))


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _iso(moment: datetime) -> str:
    return _utc(moment).isoformat().replace("+00:00", "Z")


def permalink(site: str, briefing_id: str) -> str:
    return f"{site.rstrip('/')}/briefings/{quote(briefing_id, safe=':')}"


def entry_for(site: str, issue: Issue) -> FeedEntry:
    """The entry of a published briefing: its stories with their At a glance lines, and
    its corrections."""
    b = issue.briefing
    link = permalink(site, issue.id)
    if issue.reader:
        title = f"Personal briefing for {issue.reader}, {issue.date}"
    else:
        title = (f"Daily briefing, {issue.date}: readers in "
                 + ", ".join(reader_name(r) for r in b.readers))
    html = [f"<p>{len(b.stories)} stories. <a href=\"{escape(link)}\">Read the briefing"
            "</a>, every sentence with its sources.</p>"]
    text = [f"{title}\n{link}\n"]
    for n, story in enumerate(b.stories, 1):
        html.append(f"<h2>{n}. {escape(story.title)}</h2><ul>"
                    + "".join(f"<li>{escape(line.text)}</li>" for line in story.at_a_glance)
                    + "</ul>")
        text.append(f"{n}. {story.title}\n"
                    + "".join(f"- {line.text}\n" for line in story.at_a_glance))
    for c in issue.corrections:
        when = c.at.strftime("%Y-%m-%d %H:%M")
        html.append(f"<p><strong>Correction ({when} UTC)</strong>: {escape(c.note)}</p>")
        text.append(f"Correction ({when} UTC): {c.note}\n")
    summary = "; ".join(s.title for s in b.stories)
    return FeedEntry(link, title, issue.published_at, issue.updated, "".join(html),
                     "\n".join(text), summary)


def rss(feed: Feed) -> str:
    ET.register_namespace("atom", ATOM)
    root = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(root, "channel")
    for tag, value in (("title", feed.title), ("link", feed.home),
                       ("description", feed.description),
                       ("lastBuildDate", format_datetime(_utc(feed.updated))),
                       ("generator", "geobrief")):
        ET.SubElement(channel, tag).text = value
    ET.SubElement(channel, f"{{{ATOM}}}link",
                  {"href": feed.url + ".rss", "rel": "self", "type": FORMATS["rss"]})
    for e in feed.entries:
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = e.title
        ET.SubElement(item, "link").text = e.id
        ET.SubElement(item, "guid", {"isPermaLink": "true"}).text = e.id
        ET.SubElement(item, "pubDate").text = format_datetime(_utc(e.published))
        ET.SubElement(item, "description").text = e.html
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def atom(feed: Feed) -> str:
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")

    def add(parent: ET.Element, tag: str, text: str | None = None,
            **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            node.text = text
        return node

    add(root, "id", feed.url + ".atom")
    add(root, "title", feed.title)
    add(root, "subtitle", feed.description)
    add(root, "updated", _iso(feed.updated))
    add(root, "link", href=feed.url + ".atom", rel="self", type=FORMATS["atom"])
    add(root, "link", href=feed.home, rel="alternate", type="text/html")
    add(add(root, "author"), "name", "geobrief")
    add(root, "generator", "geobrief")
    for e in feed.entries:
        entry = add(root, "entry")
        add(entry, "id", e.id)
        add(entry, "title", e.title)
        add(entry, "published", _iso(e.published))
        add(entry, "updated", _iso(e.updated))
        add(entry, "link", href=e.id, rel="alternate", type="text/html")
        add(entry, "summary", e.summary)
        add(entry, "content", e.html, type="html")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def json_feed(feed: Feed) -> str:
    data = {
        "version": JSONFEED_VERSION,
        "title": feed.title,
        "home_page_url": feed.home,
        "feed_url": feed.url + ".json",
        "description": feed.description,
        "language": "en",
        "authors": [{"name": "geobrief"}],
        "items": [{
            "id": e.id, "url": e.id, "title": e.title, "content_html": e.html,
            "content_text": e.text, "summary": e.summary,
            "date_published": _iso(e.published), "date_modified": _iso(e.updated),
        } for e in feed.entries],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


RENDER = {"rss": rss, "atom": atom, "json": json_feed}


def render_feed(feed: Feed, fmt: str) -> str:
    return RENDER[fmt](feed)


def edition_feed(site: str, issues: list[Issue], title: str = "geobrief: daily briefing",
                 reader: str | None = None, limit: int = 30) -> Feed:
    """The feed of published editions (or of ``reader``'s personal briefings), newest
    first, at most ``limit``."""
    chosen = sorted(issues,
                    key=lambda i: (i.date, i.published_at), reverse=True)[:limit]
    root = site.rstrip("/")
    if reader:
        return Feed(f"geobrief: personal briefing for {reader}",
                    f"Personal geopolitical briefings told for {reader}",
                    f"{root}/readers/{quote(reader)}",
                    f"{root}/feeds/readers/{quote(reader)}",
                    [entry_for(site, i) for i in chosen])
    return Feed(title, "A daily geopolitical briefing; every sentence cites its sources",
                f"{root}/", f"{root}/feeds/edition", [entry_for(site, i) for i in chosen])
