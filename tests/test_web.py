"""The web edition over HTTP (Starlette's test client, and the store underneath): drafts
are only editors', readers of published briefings ignore drafts, every response carries
the security headers, the API is the briefing schema, sign-in is limited and CSRF is
checked, corrections keep the permalink, search finds articles and published briefings
only (SQLite FTS5 and PostgreSQL full text)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import postgres_database
from starlette.testclient import TestClient
from web_support import EDITOR, HOSTILE_DAY, HOSTILE_TITLE, PASSWORD, hostile_store

import geobrief
from geobrief.compose.render.jsonfmt import load_schema
from geobrief.store.search import search
from geobrief.store.stories import briefed_stories, last_briefed, published_briefings
from geobrief.web import create_app

DRAFT_ID = f"{HOSTILE_DAY}:AU-US-UA-KR"


@pytest.fixture
def db(tmp_path: Path, demo_run: tuple[Path, Any]) -> Path:
    out, _ = demo_run
    return hostile_store(tmp_path, out / "demo.db")


@pytest.fixture
def gb(db: Path) -> Iterator[geobrief.Geobrief]:
    with geobrief.open(db=str(db)) as app:
        yield app


@pytest.fixture
def client(gb: geobrief.Geobrief) -> Iterator[TestClient]:
    with TestClient(create_app(gb), base_url="http://127.0.0.1") as c:
        yield c


def sign_in(client: TestClient, name: str = EDITOR, password: str = PASSWORD) -> Any:
    form = client.get("/editor/login")
    token = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert token
    return client.post("/editor/login", data={"csrf": token.group(1), "name": name,
                                              "password": password}, follow_redirects=False)


def csrf_of(client: TestClient, path: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert found
    return found.group(1)


# --- drafts (the shared spec) ------------------------------------------------------------


def test_a_draft_is_never_published_and_never_replaces_a_published_briefing(
        gb: geobrief.Geobrief) -> None:
    assert [d.id for d in gb.drafts()] == [DRAFT_ID]
    assert DRAFT_ID not in {p.id for p in gb.published()}
    assert gb.published_json(DRAFT_ID) is None
    # a draft of a published day writes nothing
    latest = gb.published()[-1]
    before = gb.published_json(latest.id)
    gb.save_draft(gb.brief(latest.date))
    assert gb.published_json(latest.id) == before
    assert latest.id not in {d.id for d in gb.drafts()}


def test_readers_of_published_briefings_count_only_published_ones(
        gb: geobrief.Geobrief) -> None:
    from datetime import date

    draft = gb.desk.draft(DRAFT_ID)
    assert draft is not None
    story = draft.briefing.stories[0].id
    after = date(2024, 11, 24)
    assert story not in briefed_stories(gb.store, after)
    assert last_briefed(gb.store, story, after) is None
    assert DRAFT_ID not in {p.id for p in published_briefings(gb.store)}
    gb.desk.publish(DRAFT_ID)
    assert story in briefed_stories(gb.store, after)
    assert last_briefed(gb.store, story, after) == HOSTILE_DAY
    assert gb.drafts() == []


def test_the_sources_page_shows_each_feeds_health_from_the_store(
        gb: geobrief.Geobrief, client: TestClient) -> None:
    """Daily's feed health (store.feeds): a paused feed first with its pause's end, a
    healthy one with when it is due; a hostile URL is shown as text."""
    from datetime import datetime

    from geobrief.store.feeds import count_failure, record_feed

    good = "https://news.example/feed.xml"
    bad = "https://bad.example/<script>alert(1)</script>.xml"
    record_feed(gb.store, good, last_status=200, last_ok=datetime(2024, 11, 22, 6, 0),
                next_due=datetime(2024, 11, 22, 6, 30))
    count_failure(gb.store, bad, "HTTP 503", pause_after=1,
                  schedule=lambda n: (datetime(2024, 11, 23, 6, 0),
                                      datetime(2024, 11, 23, 6, 0)))
    page = client.get("/sources")
    assert page.status_code == 200
    assert page.text.index("bad.example") < page.text.index("news.example")
    assert "paused until 2024-11-23 06:00" in page.text
    assert "due 2024-11-22 06:30" in page.text and "HTTP 503" in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text and "<script" not in page.text
    assert 'rel="alternate" type=""' not in page.text  # feeds of readers, not fetched feeds
    api = {f["url"]: f for f in client.get("/api/sources").json()}
    assert api[bad]["paused"] is True and api[bad]["failures"] == 1
    assert api[bad]["paused_until"].startswith("2024-11-23")
    assert api[good]["last_ok"].startswith("2024-11-22") and api[good]["paused"] is False


# --- pages and headers ---------------------------------------------------------------------


def test_every_page_sends_the_security_headers_and_escapes(client: TestClient) -> None:
    for path in ("/", "/archive", "/readers", "/sources", "/search?q=baltic",
                 "/editor/login", "/api/editions/latest", "/feeds/edition.rss", "/nope"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp, path
        assert "frame-ancestors 'none'" in csp and "form-action 'self'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert "<script" not in r.text.lower(), path
    page = client.get("/search?q=baltic+cable")
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in page.text
    assert "onerror=alert" not in page.text.replace("onerror=alert(&#39;", "")


def test_drafts_are_for_editors_only(client: TestClient, gb: geobrief.Geobrief) -> None:
    assert client.get(f"/editions/{HOSTILE_DAY}").status_code == 404
    assert client.get(f"/briefings/{DRAFT_ID}").status_code == 404
    assert client.get(f"/api/briefings/{DRAFT_ID}").status_code == 404
    assert HOSTILE_DAY not in client.get("/feeds/edition.json").text
    assert client.get(f"/editor/drafts/{DRAFT_ID}", follow_redirects=False
                      ).status_code == 303
    assert sign_in(client).status_code == 303
    desk = client.get("/editor").text
    assert DRAFT_ID in desk
    # every published briefing listed with when it was published
    for p in published_briefings(gb.store):
        assert p.created_at.strftime("%Y-%m-%d %H:%M") in desk, p.id
    page = client.get(f"/editor/drafts/{DRAFT_ID}")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert "&lt;script&gt;" in page.text and "<script" not in page.text


def test_the_api_mirrors_the_briefing_schema(client: TestClient) -> None:
    schema = load_schema()
    listing = client.get("/api/briefings").json()
    assert len(listing) >= 20 and all(b["url"].startswith("/briefings/") for b in listing)
    for item in listing[-3:]:
        jsonschema.validate(client.get(item["json"]).json(), schema)
    latest = client.get("/api/editions/latest").json()
    jsonschema.validate(latest, schema)
    assert latest["date"] == "2024-11-22"


# --- sign-in, CSRF, sign-off, corrections ----------------------------------------------------


def test_sign_in_is_limited_and_checks_its_token(client: TestClient) -> None:
    token = csrf_of(client, "/editor/login")
    assert client.post("/editor/login", data={"csrf": "forged", "name": EDITOR,
                                              "password": PASSWORD}).status_code == 403
    assert client.post("/editor/login", data={"csrf": token, "name": EDITOR,
                                              "password": PASSWORD},
                       headers={"origin": "https://evil.example"}).status_code == 403
    for _ in range(5):
        assert client.post("/editor/login", data={"csrf": token, "name": EDITOR,
                                                  "password": "wrong password!"}
                           ).status_code == 401
    blocked = client.post("/editor/login", data={"csrf": token, "name": EDITOR,
                                                 "password": PASSWORD})
    assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) > 0


def test_session_cookie_is_httponly_strict(client: TestClient) -> None:
    r = sign_in(client)
    cookie = next(v for k, v in r.headers.multi_items() if k == "set-cookie"
                  and v.startswith("gb_session="))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert "Secure" not in cookie  # served over http here; over https it is Secure


def test_every_editor_action_needs_the_session_token(client: TestClient,
                                                     gb: geobrief.Geobrief) -> None:
    sign_in(client)
    token = csrf_of(client, "/editor")
    url = f"/editor/drafts/{DRAFT_ID}/publish"
    assert client.post(url, data={"csrf": "nope"}).status_code == 403
    assert client.post(url, data={"csrf": token},
                       headers={"origin": "http://evil.example"}).status_code == 403
    assert gb.drafts()
    assert client.post(url, data={"csrf": token}, follow_redirects=False).status_code == 303
    assert not gb.drafts()
    client.cookies.clear()
    assert client.post(url, data={"csrf": token}, follow_redirects=False
                       ).headers["location"] == "/editor/login"


def test_edits_and_choices_are_kept_and_applied_on_publish(gb: geobrief.Geobrief) -> None:
    draft = gb.desk.draft(DRAFT_ID)
    assert draft is not None
    story = draft.original.stories[0]
    gb.desk.edit_line(DRAFT_ID, story.id, "at_a_glance", 0, "First edit.", "alice")
    gb.desk.edit_line(DRAFT_ID, story.id, "at_a_glance", 0, "Second edit.", "bob")
    gb.desk.edit_line(DRAFT_ID, story.id, "what_is_happening", 0, None, "alice")
    edits = gb.desk.draft(DRAFT_ID).edits  # type: ignore[union-attr]
    assert [(e.editor, e.original, e.edited) for e in edits][:2] == [
        ("alice", story.at_a_glance[0].text, "First edit."),
        ("bob", story.at_a_glance[0].text, "Second edit.")]
    published = gb.desk.publish(DRAFT_ID)
    out = published.stories[0]
    assert out.at_a_glance[0].text == "Second edit."
    assert len(out.what_is_happening) == len(story.what_is_happening) - 1
    stored = json.loads(gb.published_json(DRAFT_ID) or "{}")
    assert stored["stories"][0]["at_a_glance"][0]["text"] == "Second edit."


def test_dropping_and_reordering_stories(gb: geobrief.Geobrief) -> None:
    day = "2024-11-21"
    briefing = gb.brief(day, readers=["JP"])
    gb.save_draft(briefing)
    ids = [s.id for s in briefing.stories]
    assert len(ids) >= 3
    gb.desk.move_story(briefing.id, ids[1], "up", "alice")
    gb.desk.move_story(briefing.id, ids[2], "drop", "alice")
    draft = gb.desk.draft(briefing.id)
    assert draft is not None
    assert [s.id for s in draft.briefing.stories][:2] == [ids[1], ids[0]]
    assert ids[2] not in {s.id for s in draft.briefing.stories}
    assert [s.id for s in draft.dropped()] == [ids[2]]
    gb.desk.move_story(briefing.id, ids[2], "restore", "alice")
    assert ids[2] in {s.id for s in gb.desk.draft(briefing.id).briefing.stories}  # type: ignore[union-attr]


def test_a_correction_keeps_the_permalink_and_dates_the_feed_entry(
        client: TestClient, gb: geobrief.Geobrief) -> None:
    latest = gb.newsroom.editions()[-1]
    before = client.get("/feeds/edition.json").json()["items"][0]
    assert before["id"].endswith(f"/briefings/{latest.id}")
    issue = gb.newsroom.issue(latest.id)
    assert issue is not None
    story = issue.briefing.stories[0]
    gb.desk.correct(latest.id, story.id, "at_a_glance", 0, "A corrected line.",
                    "The first line overstated the reports.", "alice")
    after = client.get("/feeds/edition.json").json()["items"][0]
    assert after["id"] == before["id"] and after["url"] == before["url"]
    assert after["date_published"] == before["date_published"]
    assert after["date_modified"] > before["date_modified"]
    assert "overstated" in after["content_text"]
    page = client.get(f"/briefings/{latest.id}")
    assert "The first line overstated the reports." in page.text
    assert "A corrected line." in page.text
    assert [c.note for c in gb.desk.corrections([latest.id])[latest.id]] == [
        "The first line overstated the reports."]


def test_pages_check_for_publications_once_per_window_and_at_once_after_an_editor(
        gb: geobrief.Geobrief) -> None:
    """With a stamp window (serve uses 1 s), a correction made by another process shows
    once the window has passed, and what an editor publishes at the desk shows at once."""
    latest = gb.newsroom.editions()[-1]
    story = gb.newsroom.issue(latest.id).briefing.stories[0]  # type: ignore[union-attr]
    app = create_app(gb, stamp_seconds=3600)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        page = f"/briefings/{latest.id}"
        assert "Corrected elsewhere." not in c.get(page).text
        with geobrief.open(db=str(gb.settings.db)) as other:  # another process's desk
            other.desk.correct(latest.id, story.id, "at_a_glance", 0, "Corrected elsewhere.",
                               "Made by another process.", "bob")
        assert "Corrected elsewhere." not in c.get(page).text  # inside the window
        app.state.site._stamp_at -= 3600  # the window passes
        assert "Corrected elsewhere." in c.get(page).text
        assert HOSTILE_DAY not in c.get("/archive").text
        sign_in(c)
        token = csrf_of(c, "/editor")
        done = c.post(f"/editor/drafts/{DRAFT_ID}/publish", data={"csrf": token},
                      follow_redirects=False)
        assert done.status_code == 303
        assert HOSTILE_DAY in c.get("/archive").text  # at once, inside a new window


# --- search -----------------------------------------------------------------------------------


def test_search_finds_articles_and_published_briefings_only(gb: geobrief.Geobrief) -> None:
    hits = search(gb.store, "Baltic cable")
    assert {h.kind for h in hits} == {"article"}  # the briefing is only a draft
    assert all(h.title == HOSTILE_TITLE for h in hits)
    gb.desk.publish(DRAFT_ID)
    kinds = {h.kind: h for h in search(gb.store, "Baltic cable")}
    assert kinds["briefing"].ref == DRAFT_ID
    # search syntax is never the user's: operators are words, stray quotes and stars nothing
    hits = search(gb.store, 'OR "NEAR( *')
    assert hits and all(any(w in h.snippet.lower() + h.title.lower() for w in ("or", "near"))
                        for h in hits)
    assert search(gb.store, '" * ( ^') == []
    assert search(gb.store, "Oresh*")  # a prefix


def test_postgresql_search_index(tmp_path: Path, demo_run: tuple[Path, Any]) -> None:
    with postgres_database() as url, geobrief.open(db=url) as gb:
        out, _ = demo_run
        gb.ingest([str(p) for p in [Path(__file__).parent / "fixtures" / "ingest"
                                    / "jsonl_island_herald.jsonl"]])
        gb.update()
        hits = search(gb.store, "harbour")
        assert hits and all(h.kind == "article" for h in hits)
        day = gb.days()[-1]
        briefing = gb.brief(day)
        gb.save_draft(briefing)
        word = briefing.stories[0].title.split()[0]
        assert not [h for h in search(gb.store, word) if h.kind == "briefing"]
        gb.publish(briefing)
        assert [h.ref for h in search(gb.store, word) if h.kind == "briefing"] == [briefing.id]
