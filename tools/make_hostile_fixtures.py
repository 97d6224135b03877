"""Write the hostile-input fixtures of tests/fixtures/hostile (inputs and expected outcomes).

The files are committed; run this only to change them: ``python tools/make_hostile_fixtures.py``.
Each case reproduces one way an input once stopped a run or corrupted the store (issue 16).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "hostile"
BODY = ("Officials said the talks had gone on through the night and would resume on Monday, "
        "with both delegations expected to table new proposals on border crossings, customs "
        "checks and the return of displaced families to villages along the river valley.")


def line(n: int, **fields: Any) -> str:
    record = {"url": f"https://riverpost.example/news/{n}", "title": f"Border talks resume, round {n}",
              "text": f"{BODY} This is report {n}.", "published": f"2024-05-0{n}T08:00:00Z",
              "outlet": "River Post"}
    record.update(fields)
    return json.dumps(record)  # ASCII: JSON escapes such as \\u0000 and \\ud800, as in the wild


def article(n: int, title: str | None = None, contains: list[str] | None = None) -> dict:
    return {"url": f"https://riverpost.example/news/{n}",
            "title": title or f"Border talks resume, round {n}", "outlet": "River Post",
            "language": "en", "published": f"2024-05-0{n}T08:00:00Z",
            "text_contains": contains or [f"This is report {n}."]}


def write(name: str, content: str | bytes, expected: dict) -> None:
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    (HERE / name).write_bytes(data)
    sidecar = HERE / (name.rsplit(".", 1)[0] + ".expected.json")
    sidecar.write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def jsonl_cases() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    write("jsonl_deep_nesting.jsonl", "\n".join([line(1), deep, line(2)]) + "\n", {
        "about": "A JSON Lines line nested 100,000 deep between two good ones: that line costs "
                 "itself (a RecursionError aborted the run before), the two are stored",
        "via": ["file", "stdin", "http"], "exit_code": 1, "stored": 2,
        "errors": [{"code": "GB107", "item": "{source} line 2", "reason": "nested too deep"}],
        "articles": [article(1), article(2)]})
    write("jsonl_early_dates.jsonl", "\n".join([
        line(1), line(2, published="0001-01-01T00:00:00+01:00"),
        line(3, published="0001-01-02T00:00:00Z"), line(4, published="1899-12-31T23:00:00Z"),
        line(5)]) + "\n", {
        "about": "A date no UTC time can hold (0001-01-01 east of UTC: OverflowError before) and "
                 "dates before the plausible window (0001-01-02 was stored, then crashed every "
                 "later run): each refused by name, the good lines stored",
        "via": ["file", "http"], "exit_code": 1, "stored": 2,
        "errors": [
            {"code": "GB117", "item": "{source} line 2", "reason": "out of range"},
            {"code": "GB117", "item": "https://riverpost.example/news/3", "reason": "before 1900-01-01"},
            {"code": "GB117", "item": "https://riverpost.example/news/4", "reason": "before 1900-01-01"}],
        "articles": [article(1), article(5)]})
    long_title = "Border talks resume, round 3 " + "very " * 2000 + "long"
    write("jsonl_hostile_fields.jsonl", "\n".join([
        line(1, author={"name": "Ana Petrova", "url": "https://riverpost.example/ana"}),
        line(2, title="Border talks resume,\u0000 round 2\u202e",
             text=f"{BODY}\u0000 This is\u0007 report 2.", author="A" * 10_000),
        line(3, title=long_title),
        line(4, url="https://riverpost.example/" + "x" * 3000),
        line(5, title={"text": "a title as an object"}),
        line(6, author=[{"name": "Lee"}, {"name": "Kim"}], text=f"{BODY} \ud800This is report 6."),
    ]) + "\n", {
        "about": "An author as an object or a list, NUL, control, bidi-override and lone-surrogate "
                 "characters, a 10,000-character author and title (which crashed the run on "
                 "PostgreSQL), a 3,000-character URL and a title that is an object: fields are "
                 "cleaned and cut to the schema's lengths, the URL and the object title refused",
        "via": ["file", "stdin"], "exit_code": 1, "stored": 4,
        "errors": [{"code": "GB116", "item": "{source} line 4", "reason": "url too long"},
                   {"code": "GB116", "item": "{source} line 5", "reason": "not text: field(s) title"}],
        "articles": [article(1), article(2),
                     article(3, title="Border talks resume, round 3 " + ("very " * 194).strip() + "…"),
                     article(6)]})
    write("jsonl_bom.jsonl", b"\xef\xbb\xbf" + ("\n".join([line(1), line(2)]) + "\n").encode(), {
        "about": "JSON Lines starting with a UTF-8 byte order mark (its first line was refused "
                 "before): read as UTF-8, both lines stored",
        "via": ["file", "stdin", "http"], "exit_code": 0, "stored": 2, "errors": [],
        "articles": [article(1), article(2)]})


def feed_cases() -> None:
    def entry(slug: str, date: str, title: str) -> str:
        return (f'<entry><title>{title}</title><link href="https://northstar.example/{slug}"/>'
                f"<id>https://northstar.example/{slug}</id><updated>{date}</updated>"
                f"<summary>{BODY} Report {slug}.</summary></entry>\n")
    write("atom_year_zero.atom", (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        '<title>North Star Review</title><link href="https://northstar.example/"/>'
        "<id>https://northstar.example/</id><updated>2024-05-02T00:00:00Z</updated>\n"
        + entry("first", "2024-05-01T09:00:00Z", "Ferry links restored")
        + entry("year-zero", "0000-01-01T00:00:00Z", "A report from year zero")
        + entry("last", "2024-05-02T09:00:00Z", "Harbour reopens") + "</feed>\n"), {
        "about": "An Atom entry dated in year 0 (a ValueError lost the whole feed before): refused "
                 "by name, the entries before and after stored",
        "via": ["file", "http"], "exit_code": 1, "stored": 2,
        "errors": [{"code": "GB117", "item": "{source} item 2 (https://northstar.example/year-zero)",
                    "reason": "out of range"}],
        "articles": [
            {"url": "https://northstar.example/first", "title": "Ferry links restored",
             "outlet": "North Star Review", "language": "en", "published": "2024-05-01T09:00:00Z",
             "text_contains": ["Report first."]},
            {"url": "https://northstar.example/last", "title": "Harbour reopens",
             "outlet": "North Star Review", "language": "en", "published": "2024-05-02T09:00:00Z",
             "text_contains": ["Report last."]}]})

    def item(link: str, title: str, slug: str) -> str:
        return (f"<item><title>{title}</title><link>{link}</link>"
                f"<pubDate>Thu, 02 May 2024 10:00:00 GMT</pubDate>"
                f"<description>{BODY} Item {slug}.</description></item>\n")
    write("rss_broken_links.xml", (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        "<title>Delta Courier</title><link>https://deltacourier.example/</link><language>en</language>\n"
        + item("https://deltacourier.example/a", "Dam inspection finds cracks", "a")
        + item("https://deltacourier.example:99999/b", "Port number out of range", "b")
        + item("http://[::1/c", "Broken IPv6 host", "c")
        + item("https://deltacourier.example/d", "Levee repairs begin", "d") + "</channel></rss>\n"), {
        "about": "Item links with port 99999 and a broken IPv6 host (a ValueError lost the whole "
                 "feed before): each refused by name as an invalid URL, the good items stored",
        "via": ["file", "http"], "exit_code": 1, "stored": 2,
        "errors": [
            {"code": "GB116", "item": "{source} item 2 (https://deltacourier.example:99999/b)",
             "reason": "invalid URL"},
            {"code": "GB116", "item": "{source} item 3 (http://[::1/c)", "reason": "invalid URL"}],
        "articles": [
            {"url": "https://deltacourier.example/a", "title": "Dam inspection finds cracks",
             "outlet": "Delta Courier", "language": "en", "published": "2024-05-02T10:00:00Z",
             "text_contains": ["Item a."]},
            {"url": "https://deltacourier.example/d", "title": "Levee repairs begin",
             "outlet": "Delta Courier", "language": "en", "published": "2024-05-02T10:00:00Z",
             "text_contains": ["Item d."]}]})
    folder = HERE / "jsonfeed_deep_nesting"
    folder.mkdir(exist_ok=True)
    deep_feed = ('{"version": "https://jsonfeed.org/version/1.1", "title": "Deep", "items": '
                 + "[" * 100_000 + "]" * 100_000 + "}")
    (folder / "a_deep.json").write_text(deep_feed, encoding="utf-8")
    (folder / "b_after.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        "<title>Delta Courier</title><link>https://deltacourier.example/</link><language>en</language>\n"
        + item("https://deltacourier.example/e", "Flood barrier tested", "e") + "</channel></rss>\n",
        encoding="utf-8")
    (HERE / "jsonfeed_deep_nesting.expected.json").write_text(json.dumps({
        "about": "A JSON Feed nested 100,000 deep, then a good feed in the same folder: the deep "
                 "feed costs itself (a RecursionError ended the run before, so later sources "
                 "were never read), the next source is stored",
        "via": ["folder"], "exit_code": 1, "stored": 1,
        "errors": [{"code": "GB107", "item": "{source}/a_deep.json", "reason": "nested too deep"}],
        "articles": [{"url": "https://deltacourier.example/e", "title": "Flood barrier tested",
                      "outlet": "Delta Courier", "language": "en",
                      "published": "2024-05-02T10:00:00Z", "text_contains": ["Item e."]}]},
        indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    HERE.mkdir(parents=True, exist_ok=True)
    jsonl_cases()
    feed_cases()
