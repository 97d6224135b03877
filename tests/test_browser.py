"""The demo's HTML pages in a real headless Chromium: every page loads, the browser's DOM
keeps every story, section and citation, every in-page citation link has its target, and
the index links to a page for every day.

Runs when a Chromium binary is found (``chromium``, ``chromium-browser`` or
``$GEOBRIEF_CHROMIUM``); ``.ci/run`` installs Debian's chromium and sets
GEOBRIEF_REQUIRE_CHROMIUM=1, so that a missing browser fails instead of skipping.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

SECTIONS = ("At a glance", "What is happening?", "What is in it for you?",
            "What happens next?", "Previously")


def _chromium() -> str | None:
    candidates = [os.environ.get("GEOBRIEF_CHROMIUM"), "chromium", "chromium-browser"]
    return next((found for c in candidates if c and (found := shutil.which(c))), None)


@pytest.fixture(scope="module")
def browser() -> str:
    found = _chromium()
    if found is None:
        if os.environ.get("GEOBRIEF_REQUIRE_CHROMIUM") == "1":
            pytest.fail("GEOBRIEF_REQUIRE_CHROMIUM=1 but no chromium binary found")
        pytest.skip("no headless Chromium here (apt install chromium; .ci/run does)")
    return found


@pytest.fixture(scope="module")
def pages(demo_run: tuple[Path, Any]) -> tuple[Path, list[str]]:
    out, result = demo_run
    return out, [b.date.isoformat() for b in result.briefings]


def _chromium_on(browser: str, page: Path, profile: Path, *flags: str
                 ) -> subprocess.CompletedProcess[str]:
    """Headless Chromium on ``page`` with ``flags``, asserting that it exited cleanly."""
    done = subprocess.run(
        [browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--user-data-dir={profile}", *flags, page.resolve().as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def _dom(browser: str, page: Path, tmp: Path) -> lxml_html.HtmlElement:
    """The page's DOM as Chromium builds it (after parsing and layout)."""
    done = _chromium_on(browser, page, tmp, "--dump-dom")
    assert "<main" in done.stdout, done.stdout[:2000]
    return lxml_html.fromstring(done.stdout)


def test_latest_page_in_the_browser_keeps_every_story_and_citation(
        browser: str, pages: tuple[Path, list[str]], tmp_path: Path) -> None:
    out, days = pages
    latest = days[-1]
    data = json.loads((out / f"{latest}.json").read_text(encoding="utf-8"))
    dom = _dom(browser, out / f"{latest}.html", tmp_path)
    # a story over the length budget is folded one click away (details), not dropped
    stories = dom.xpath("//*[contains(concat(' ', @class, ' '), ' story ')]")
    assert len(stories) == len(data["stories"]) >= 6
    for story, record in zip(stories, data["stories"], strict=True):
        assert record["title"] in story.findtext(".//h2")
        headings = [h.text_content() for h in story.xpath(".//h3")]
        assert all(section in headings for section in SECTIONS)
    ids = set(dom.xpath("//@id"))
    targets = [href[1:] for href in dom.xpath("//a/@href") if href.startswith("#")]
    assert targets and all(t in ids for t in targets)
    raw = (out / f"{latest}.html").read_text(encoding="utf-8")
    assert len(targets) == raw.count('href="#')  # the browser lost no citation


def test_index_links_to_a_page_for_every_day(browser: str, pages: tuple[Path, list[str]],
                                             tmp_path: Path) -> None:
    out, days = pages
    dom = _dom(browser, out / "index.html", tmp_path)
    links = {href for href in dom.xpath("//a/@href") if href.endswith(".html")}
    assert {f"{day}.html" for day in days} <= links
    assert all((out / link).exists() for link in links)


def test_browser_renders_the_page_to_a_screenshot(browser: str,
                                                  pages: tuple[Path, list[str]],
                                                  tmp_path: Path) -> None:
    out, days = pages
    shot = tmp_path / "page.png"
    _chromium_on(browser, out / f"{days[-1]}.html", tmp_path / "profile",
                 "--window-size=1200,2400", f"--screenshot={shot}")
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000  # a page, not a blank
