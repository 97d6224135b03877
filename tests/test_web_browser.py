"""The web edition in a real headless Chromium (Debian's, driven by playwright; never a
downloaded browser): a reader reads the latest edition and searches; an editor signs in,
edits a line of a draft, publishes it and corrects it; the reader sees the correction.
A script injected through an article's title and text never runs on any page: no dialog,
no script element in any DOM, the text shown as text.

Skips without Chromium or playwright, fails instead when GEOBRIEF_REQUIRE_CHROMIUM=1
(``.ci/run`` sets it). GEOBRIEF_SCREENSHOTS=DIR saves a screenshot of each page there.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_support import EDITOR, HOSTILE_DAY, HOSTILE_TITLE, PASSWORD, hostile_store, serving

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def _chromium() -> str | None:
    candidates = [os.environ.get("GEOBRIEF_CHROMIUM"), "/usr/bin/chromium", "chromium"]
    return next((found for c in candidates if c and (found := shutil.which(c))), None)


def _missing(reason: str) -> None:
    if os.environ.get("GEOBRIEF_REQUIRE_CHROMIUM") == "1":
        pytest.fail(f"GEOBRIEF_REQUIRE_CHROMIUM=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _chromium()
    if executable is None:
        _missing("no Chromium here (apt install chromium; .ci/run does)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        found = p.chromium.launch(executable_path=executable, args=ARGS)
        try:
            yield found
        finally:
            found.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, demo_run: tuple[Path, Any]
         ) -> Iterator[str]:
    out, _ = demo_run
    db = hostile_store(tmp_path_factory.mktemp("web-browser"), out / "demo.db")
    with serving(db) as url:
        yield url


class Watched:
    """A page whose dialogs (alert, confirm) and console errors are recorded."""

    def __init__(self, context: Any) -> None:
        self.page = context.new_page()
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.shots = os.environ.get("GEOBRIEF_SCREENSHOTS")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def goto(self, url: str) -> Any:
        response = self.page.goto(url)
        self.check()
        return response

    def check(self) -> None:
        """Nothing ran: no dialog, no script element, no inline handler in the DOM."""
        assert self.dialogs == []
        assert self.page.evaluate("document.scripts.length") == 0
        assert self.page.evaluate(
            "document.querySelectorAll('[onerror],[onload],[onclick]').length") == 0

    def shot(self, name: str) -> None:
        if self.shots:
            Path(self.shots).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(Path(self.shots) / f"{name}.png"), full_page=False)


def test_a_reader_reads_the_latest_edition_and_searches(browser: Any, site: str) -> None:
    context = browser.new_context()
    w = Watched(context)
    response = w.goto(site + "/")
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert "frame-ancestors 'none'" in csp
    stories = w.page.locator("article.story")
    assert stories.count() >= 6
    assert w.page.locator("h1").inner_text().startswith("Daily briefing, 2024-11-22")
    for heading in ("At a glance", "What is happening?", "What is in it for you?",
                    "What happens next?", "Previously", "Sources"):
        assert w.page.locator("article.story").first.locator(
            f"h3:text-is('{heading}')").count() == 1
    w.shot("edition")
    # a storyline, from the first story
    w.page.locator("article.story").first.locator("p.meta a").click()
    w.check()
    assert w.page.locator("h1").inner_text().startswith("Storyline:")
    assert w.page.locator("h3:text-is('Claim ledger')").count() == 1
    assert w.page.locator("h3:text-is('Open forecasts')").count() == 1
    w.shot("storyline")
    # search from the form on every page; the hostile article is found, shown as text
    w.page.fill("input[name=q]", "Baltic cable")
    w.page.click("nav.site button")
    w.check()
    hits = w.page.locator("ol.hits li")
    assert hits.count() >= 1
    assert HOSTILE_TITLE in hits.first.inner_text()
    assert w.page.locator("ol.hits mark").count() >= 1
    w.shot("search")
    for path, name in (("/archive", "archive"), ("/readers/japan-defence", "reader"),
                       ("/sources", "sources"), ("/readers", "readers")):
        assert w.goto(site + path).status == 200
        w.shot(name)
    # the draft is nowhere for a reader
    assert w.goto(site + f"/editions/{HOSTILE_DAY}").status == 404
    assert w.goto(site + f"/editor/drafts/{HOSTILE_DAY}:AU-US-UA-KR").url.endswith(
        "/editor/login")
    # no policy violation, nothing refused (a 404 is logged as a failed load, which is fine)
    assert not [c for c in w.console if "Refused" in c or "Security Policy" in c], w.console
    context.close()


def test_an_editor_edits_publishes_and_corrects(browser: Any, site: str) -> None:
    reader_context = browser.new_context()
    reader = Watched(reader_context)
    context = browser.new_context()
    w = Watched(context)
    w.goto(site + "/editor")
    assert w.page.url.endswith("/editor/login")
    w.shot("login")
    w.page.fill("input[name=name]", EDITOR)
    w.page.fill("input[name=password]", PASSWORD)
    w.page.click("button[type=submit].primary")
    w.check()
    assert w.page.url.endswith("/editor")
    cookie = next(c for c in context.cookies() if c["name"] == "gb_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    w.shot("desk")
    w.page.click(f"a:text-is('{HOSTILE_DAY}:AU-US-UA-KR')")
    w.check()
    assert w.page.locator("h1").inner_text() == f"Draft: {HOSTILE_DAY}"
    story = w.page.locator("article.story").first
    assert HOSTILE_TITLE in story.locator("h2").inner_text()
    # edit the first line of At a glance
    first = story.locator("ul[data-section=at_a_glance] li").first
    original = first.locator("span.text").inner_text()
    copies = story.locator("ul[data-section=at_a_glance] li span.text").all_inner_texts(
        ).count(original)
    first.locator("summary").click()
    first.locator("textarea").fill("NATO blamed Russia for the Baltic cable damage; "
                                   "Moscow denied it. <b>not bold</b>")
    first.locator("button[value=edit]").click()
    w.check()
    edited = w.page.locator("article.story").first.locator(
        "ul[data-section=at_a_glance] li").first.locator("span.text").inner_text()
    assert edited.endswith("<b>not bold</b>")  # shown as text
    assert (w.page.locator("details table").text_content() or "").count(original[:40]) == 1
    w.shot("draft")
    w.page.click("button:text-is('Publish this briefing')")
    w.check()
    assert "/briefings/" in w.page.url
    # the reader sees it now, as edited
    reader.goto(site + f"/editions/{HOSTILE_DAY}")
    glance = reader.page.locator("article.story").first.locator(
        "ul[data-section=at_a_glance] li span.text")
    assert glance.first.inner_text().startswith("NATO blamed Russia for the Baltic cable")
    assert glance.all_inner_texts().count(original) == copies - 1
    assert HOSTILE_TITLE in reader.page.locator("main").inner_text()
    # a correction of the published line
    w.goto(site + f"/editor/briefings/{HOSTILE_DAY}:AU-US-UA-KR")
    line = w.page.locator("article.story").first.locator(
        "ul[data-section=at_a_glance] li").first
    line.locator("summary").click()
    line.locator("textarea").fill("NATO said Russia was behind the Baltic cable damage; "
                                  "Moscow denied it.")
    line.locator("input[name=note]").fill("We first said NATO 'blamed' Russia; it said "
                                          "Russia was behind it.")
    line.locator("button[value=correct]").click()
    w.check()
    reader.goto(site + f"/editions/{HOSTILE_DAY}")
    notice = reader.page.locator("section.corrections").inner_text()
    assert "it said Russia was behind it" in notice and "blamed Russia" in notice
    assert reader.page.locator("li.corrected").count() == 1
    reader.shot("corrected")
    assert reader.dialogs == [] and w.dialogs == []
    context.close()
    reader_context.close()


def test_a_form_from_another_site_or_without_a_token_is_refused(browser: Any,
                                                                site: str) -> None:
    context = browser.new_context()
    w = Watched(context)
    w.goto(site + "/editor/login")
    w.page.fill("input[name=name]", EDITOR)
    w.page.fill("input[name=password]", PASSWORD)
    w.page.click("button[type=submit].primary")
    # a request with the session cookie but no CSRF token changes nothing
    response = context.request.post(site + f"/editor/briefings/{HOSTILE_DAY}:AU-US-UA-KR"
                                    "/corrections", form={"story": "x", "section": "s",
                                                          "idx": "0", "note": "n"})
    assert response.status == 403
    context.close()
