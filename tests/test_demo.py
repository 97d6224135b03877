"""The demo end to end: structure, citations, schema, and the 'Done when' checks of the
foundation issue, on a demo run made once per test session."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema
import pytest

from geobrief.compose.render.jsonfmt import load_schema

GOLDEN = Path(__file__).parent / "golden" / "demo_latest_structure.json"
SECTIONS = ("at_a_glance", "what_is_happening", "what_is_in_it_for_you", "what_happens_next")


@pytest.fixture(scope="session")
def demo(demo_run):
    return demo_run


def _json(out: Path, day: str) -> dict:
    return json.loads((out / f"{day}.json").read_text(encoding="utf-8"))


def _latest(demo) -> dict:
    out, result = demo
    return _json(out, result.briefings[-1].date.isoformat())


def _lines(story: dict) -> list[dict]:
    lines = story["at_a_glance"] + story["what_is_happening"] + story["what_happens_next"]
    for reader_lines in story["what_is_in_it_for_you"].values():
        lines += reader_lines
    return lines


def test_demo_ingests_without_errors_and_writes_every_day(demo):
    out, result = demo
    assert result.ingest.errors == []
    assert result.ingest.added >= 100
    assert len(result.briefings) >= 20
    for briefing in result.briefings:
        day = briefing.date.isoformat()
        for suffix in ("md", "html", "json"):
            assert (out / f"{day}.{suffix}").stat().st_size > 500
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{b.date.isoformat()}.html"' in index for b in result.briefings)


def test_every_briefing_matches_the_json_schema(demo):
    out, result = demo
    schema = load_schema()
    for briefing in result.briefings:
        jsonschema.validate(_json(out, briefing.date.isoformat()), schema)


def test_every_article_citation_carries_its_title(demo):
    out, result = demo
    for briefing in result.briefings:
        data = _json(out, briefing.date.isoformat())
        for story in data["stories"]:
            for line in _lines(story):
                for citation in line["citations"]:
                    if citation["kind"] == "article":
                        assert citation["title"], (briefing.date, citation["url"])


def test_schema_rejects_an_uncited_sentence(demo):
    data = _latest(demo)
    data["stories"][0]["what_is_happening"][0]["citations"] = []
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, load_schema())


COUNTRY_OPENINGS = ("Australia", "The United States", "Ukraine", "South Korea")


def test_latest_day_has_six_full_stories_every_sentence_cited(demo):
    data = _latest(demo)
    assert len(data["stories"]) >= 6
    readers = data["edition"]["readers"]
    assert readers == ["AU", "US", "UA", "KR"]
    for story in data["stories"]:
        # the lead, the key contested point when the story has one, the reader hook
        assert 2 <= len(story["at_a_glance"]) <= 3
        assert any(line["reader"] in readers for line in story["at_a_glance"])
        # addressed visibly: "For readers in X, ..." the first time a group is addressed in
        # the briefing; below, the group's country opens the line ("Ukraine is itself a
        # party ...", "Also for Ukraine: ...") rather than the same opening again
        assert any(line["text"].startswith(("For readers in ", "For every reader group",
                                             "Also for ", *COUNTRY_OPENINGS))
                   for line in story["at_a_glance"])
        assert story["what_is_happening"] and story["what_happens_next"]
        # every reader group has its part, or shares the one line for those without a tie
        untied = [k.split(":")[1] for k in story.get("more", {})
                  if k.startswith("what_is_in_it_for_you:") and "no_tie" in story
                  and k.split(":")[1] not in story["what_is_in_it_for_you"]]
        assert sorted([*story["what_is_in_it_for_you"], *untied]) == sorted(readers)
        for line in _lines(story):
            assert line["citations"], line["text"]
            for citation in line["citations"]:
                if citation["kind"] == "article":
                    assert citation["url"].startswith("https://")
                    assert citation["published"] <= data["date"]


def test_every_happening_sentence_names_its_source(demo):
    for story in _latest(demo)["stories"]:
        for line in story["what_is_happening"]:
            if line.get("note"):  # the composer's pointer ("The reports add nothing to..."),
                continue  # which quotes no one; the line it stands for is under "more"
            assert line["speaker"] or "according to" in line["text"] or "(" in line["text"], line


def _treaty_story(data: dict) -> dict:
    return next(s for s in data["stories"]
                if "treaty" in s["title"].lower() or "pact" in s["title"].lower())


def test_treaty_story_attributes_troop_figures_and_reports_the_dismissal(demo):
    story = _treaty_story(_latest(demo))
    # At a glance gives the key contested figure; "What is happening?" the rest
    happening = [line for line in story["at_a_glance"] + story["what_is_happening"]
                 if line["reader"] is None]
    # the figures line (compact: the first figures, then how many more) or the sentences
    figures = [line for line in happening if line["stance"] == "range" and "troops"
               in line["text"] or any(n in line["text"] for n in ("10,000", "11,000", "12,000"))]
    assert figures, "troop figures missing"
    for line in figures:
        if line["stance"] == "range":  # the ledger's range names who gave each figure
            assert re.search(r"\d{1,3},\d{3} \([^)]+\)", line["text"]), line["text"]
            assert line["claims"][0]["range"][0] < line["claims"][0]["range"][1]
        else:
            assert line["speaker"] or "according to" in line["text"], line["text"]
    # the Russian dismissal: a denial of its own, or "denied by ..." where the claim's
    # sources stand
    denials = [line["text"] if line["stance"] == "deny" else line["text"].split("denied by")[1]
               for line in happening if line["stance"] == "deny" or "denied by" in line["text"]]
    assert denials, "the Russian dismissal is missing"
    assert any("Kremlin" in text or "Moscow" in text or "Russia" in text for text in denials)


def test_treaty_story_lists_the_earlier_troop_story_under_previously(demo):
    story = _treaty_story(_latest(demo))
    titles = " ".join(p["title"].lower() for p in story["previously"])
    assert "troop" in titles or "soldier" in titles
    dates = [p["date"] for p in story["previously"]]
    assert dates == sorted(dates, reverse=True)
    assert all(d < story["date"] for d in dates)


def test_markdown_and_html_carry_every_section(demo):
    out, result = demo
    day = result.briefings[-1].date.isoformat()
    md = (out / f"{day}.md").read_text(encoding="utf-8")
    html = (out / f"{day}.html").read_text(encoding="utf-8")
    stories = _latest(demo)["stories"]
    full = [s for s in stories if not s.get("folded")]
    assert len(full) >= 3  # the length budget folds the rest under "Also today"
    for title in ("At a glance", "What is happening?", "What is in it for you?",
                  "What happens next?", "Previously"):
        assert md.count(f"### {title}") == len(full)
        assert html.count(f"<h3>{title}</h3>") >= 6  # folded stories one click away
    for story in stories:
        if story.get("folded"):
            assert "## Also today" in md and story["title"] in md
    assert '<meta name="viewport"' in html and "@media print" in html
    assert "<script" not in html and 'href="https://' in html


def _structure(data: dict) -> dict:
    return {
        "date": data["date"],
        "readers": data["edition"]["readers"],
        "stories": [
            {
                "title": s["title"],
                "sections": {k: (sorted(s[k]) if isinstance(s[k], dict) else len(s[k]))
                             for k in SECTIONS},
                "previously": len(s["previously"]),
            }
            for s in data["stories"]
        ],
    }


def test_golden_structure_of_the_latest_briefing(demo):
    """The latest demo briefing's structure (titles, section sizes) against a golden file.
    After an intended change, regenerate with GEOBRIEF_UPDATE_GOLDEN=1 and review the diff."""
    structure = _structure(_latest(demo))
    if os.environ.get("GEOBRIEF_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(structure, indent=2, ensure_ascii=False) + "\n",
                          encoding="utf-8")
    assert structure == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_counts_in_words_agree_in_number(demo):
    out, result = demo
    for briefing in result.briefings:
        md = (out / f"{briefing.date.isoformat()}.md").read_text(encoding="utf-8")
        assert " 1 independent sources" not in md and " 1 reports" not in md
        assert "of the story's 1 reports" not in md


def test_happening_lines_carry_the_events_analysis_stored(demo):
    out, _result = demo
    lines = [line for story in _latest(demo)["stories"] for line in story["what_is_happening"]]
    coded = [e for line in lines for e in line.get("events") or []]
    assert coded, "no line carries an event"
    for event in coded:
        assert set(event) == {"type", "cameo", "source", "source_country", "target",
                              "target_country", "negated"}
        assert event["type"].isupper() and (event["source"] or event["target"])


def test_at_a_glance_never_quotes_one_sentence_twice(demo):
    """The reader bullet must add something: when a reader's own country is named in the
    lead sentence, quoting that sentence again under "For readers in ..." says nothing new."""
    out, _result = demo
    checked = 0
    for path in sorted(out.glob("*.json")):
        for story in json.loads(path.read_text(encoding="utf-8"))["stories"]:
            texts = [line["text"] for line in story["at_a_glance"]]
            for i, text in enumerate(texts):
                for other in texts[:i]:
                    body = other.split(": ", 1)[-1] if other.startswith("New since") else other
                    assert body not in text, (path.name, story["title"], text)
                checked += 1
    assert checked > 100
