"""Readers: profiles in the store, relevance with reasons, personal briefings."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from geobrief.cli import cli


def run(store, *args: str):
    return CliRunner().invoke(cli, ["--db", str(store), "-q", *args])


def test_add_list_remove(store):
    assert run(store, "readers", "add", "tokyo", "--country", "jp", "--interest",
               "defence-and-security").exit_code == 0
    assert "tokyo" in run(store, "readers", "list").output
    assert run(store, "readers", "add", "x", "--country", "XX").exit_code != 0
    assert run(store, "readers", "remove", "tokyo").exit_code == 0
    assert "tokyo" not in run(store, "readers", "list").output
    assert run(store, "readers", "remove", "tokyo").exit_code != 0


def test_load_from_yaml(store, tmp_path):
    path = tmp_path / "readers.yaml"
    path.write_text("- {name: canberra, country: AU, interests: [climate]}\n"
                    "- {name: kyiv, country: UA}\n", encoding="utf-8")
    assert run(store, "readers", "load", str(path)).exit_code == 0
    listed = run(store, "readers", "list").output
    assert "canberra" in listed and "kyiv" in listed


def test_personal_briefing_is_for_one_reader_with_reasons(store):
    run(store, "readers", "add", "jp-defence", "--country", "JP", "--interest",
        "defence-and-security")
    result = run(store, "brief", "--date", "2024-11-22", "--for", "jp-defence",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["edition"]["readers"] == ["JP"]
    assert data["id"].endswith(":reader:jp-defence")
    assert 3 <= len(data["stories"]) <= 8
    for story in data["stories"]:
        assert list(story["what_is_in_it_for_you"]) == ["JP"]
    interests = [line for s in data["stories"] for line in s["what_is_in_it_for_you"]["JP"]
                 if line["why"] and line["why"][0].get("kind") == "interest"]
    assert interests and all(line["citations"] for line in interests)
    assert run(store, "brief", "--date", "2024-11-22", "--for", "nobody").exit_code != 0


def reader_part(story: dict, code: str) -> list[dict]:
    """A reader group's part as written: a line the composer printed as a pointer to At a
    glance (its reader hook already says it) is read from where it was kept, ``more``."""
    lines = story["what_is_in_it_for_you"][code]
    if not lines or not lines[0].get("note"):
        return lines
    kept = story.get("more", {}).get(f"what_is_in_it_for_you:{code}", [])
    said = next(x for x in kept if (x["why"], x["citations"]) == (lines[0]["why"],
                                                                  lines[0]["citations"]))
    return [said] + lines[1:]


def test_treaty_story_differs_per_reader_group_in_substance(store):
    data = json.loads(run(store, "brief", "--date", "2024-11-22", "--format",
                          "json").stdout)
    story = next(s for s in data["stories"] if "pact" in s["title"].lower()
                 or "treaty" in s["title"].lower())
    parts = {code: reader_part(story, code) for code in story["what_is_in_it_for_you"]}
    bodies = {code: " ".join(line["text"] for line in lines) for code, lines in parts.items()}
    names = {"AU": "Australia", "US": "United States", "UA": "Ukraine", "KR": "South Korea"}
    stripped = {code: body.replace(names[code], "X") for code, body in bodies.items()}
    assert len(set(stripped.values())) == len(stripped)  # not the same text with a new name
    whys = {code: json.dumps([line["why"] for line in lines]) for code, lines in parts.items()}
    assert len(set(whys.values())) >= 3
    for code, lines in parts.items():  # each reader's first reason says what it changes
        first = lines[0]
        assert first["why"] and first["citations"], (code, first)
        assert "; " in first["text"] or ": " in first["text"], (code, first["text"])
        assert not first["text"].startswith("None of the story's reports"), first["text"]


def test_own_people_make_the_reader_a_party_and_a_passing_mention_does_not():
    """The reader's own people held, harmed or deployed make its country a party to the
    story (a cited line quoting the sentence that shows it); another state's sanctions on
    firms based in the reader's country are no documented tie, and no longer a reason of
    their own (the old keyword rule wrote "sanctions involving Japan")."""
    from datetime import date, datetime

    from geobrief.compose.evidence import Evidence, StoryEvidence
    from geobrief.knowledge.link import bundled_linker
    from geobrief.models import Reader, Sentence
    from geobrief.relevance import RuleContext, assess
    from geobrief.store.stories import ArticleRef, StoryRow

    ref = ArticleRef(1, "https://w.example/a", "T", datetime(2024, 11, 22), "Wire", "GB", None)
    texts = ["Two Japanese nationals were detained in the port city, officials said.",
             "The EU imposed sanctions on Japan-based shipping firms, diplomats said."]
    items = [Evidence(Sentence(1, i, t), [ref], 1.0, frozenset(bundled_linker().count(t)))
             for i, t in enumerate(texts)]
    story = StoryRow("s-1", "t-1", "T", "T", datetime(2024, 11, 22), datetime(2024, 11, 22),
                     [ref])
    ctx = RuleContext.on(date(2024, 11, 22), bundled_linker())
    rel = assess(StoryEvidence(story, date(2024, 11, 22), items), Reader("r", "JP"), ctx)
    assert [r.kind for r in rel.reasons] == ["party"] and rel.relevant
    party = rel.reasons[0]
    assert "Japan's own people" in party.text and "Two Japanese nationals" in party.text
    assert party.citations

    counted = "Two South Koreans were among the 72 people killed, the ministry said."
    told = [Evidence(Sentence(1, 0, counted), [ref], 1.0, frozenset())]
    rel = assess(StoryEvidence(story, date(2024, 11, 22), told), Reader("r", "KR"), ctx)
    assert [r.kind for r in rel.reasons] == ["party"]  # a count of the reader's people

    passing = [Evidence(Sentence(1, 0, texts[1]), [ref], 1.0,
                        frozenset(bundled_linker().count(texts[1])))]
    rel = assess(StoryEvidence(story, date(2024, 11, 22), passing), Reader("r", "JP"), ctx)
    assert not any(r.kind == "sanctions" for r in rel.reasons)


def test_personal_briefing_chooses_orders_and_writes_by_the_same_reasons(store):
    """A personal briefing picks and orders its stories by the reader's relevance (plus
    a little salience), and the part it writes for each opens with the strongest of the
    same reasons, or with the next when At a glance's reader bullet already gives the
    strongest (the length budget keeps one reason per part)."""
    import geobrief
    from geobrief.models import Reader

    assert run(store, "readers", "add", "kyiv", "--country", "UA").exit_code == 0
    result = run(store, "brief", "--date", "2024-11-22", "--for", "kyiv", "--format", "json")
    assert result.exit_code == 0, result.output
    stories = json.loads(result.stdout)["stories"]
    app = geobrief.open(db=str(store))
    reader = Reader("kyiv", "UA")
    found = [app.relevance(s["id"], reader, "2024-11-22") for s in stories]
    relevant = [(s, rel) for s, rel in zip(stories, found, strict=True) if rel.relevant]
    assert len(relevant) >= 3
    keys = [rel.score + 0.3 * s["salience"]["score"] for s, rel in relevant]
    assert keys == sorted(keys, reverse=True)
    assert [s["id"] for s, _ in relevant] == [s["id"] for s in stories[: len(relevant)]]
    for story, rel in relevant:
        first = reader_part(story, "UA")[0]
        shown = [r.text for r in rel.shown()]
        if first["text"] != shown[0]:
            assert first["text"] in shown[1:], story["title"]
            assert any(line.get("reader") == "UA" for line in story["at_a_glance"])


def test_a_reason_states_no_curated_detail_dated_after_the_story():
    """Australia's aid to Ukraine is curated with "M1A1 Abrams tanks (announced 2024-10)":
    a story of January 2023 must not state it."""
    from datetime import date

    from geobrief.relevance.wording import _known_by

    detail = "Bushmaster vehicles (from 2022); M1A1 Abrams tanks (announced 2024-10)"
    assert _known_by(detail, date(2023, 1, 25)) == "Bushmaster vehicles (from 2022)"
    assert _known_by(detail, date(2024, 11, 22)) == detail


def _assessed(texts: list[str], country: str, day_=(2023, 1, 4), title: str = "T"):
    from datetime import date, datetime

    from geobrief.compose.evidence import Evidence, StoryEvidence
    from geobrief.knowledge.link import bundled_linker
    from geobrief.models import Reader, Sentence
    from geobrief.relevance import RuleContext, assess
    from geobrief.store.stories import ArticleRef, StoryRow

    day = date(*day_)
    linker = bundled_linker()
    ref = ArticleRef(1, "https://w.example/a", title, datetime(*day_), "Wire", "GB", None)
    items = [Evidence(Sentence(1, i, t), [ref], 1.0, frozenset(linker.count(t)))
             for i, t in enumerate(texts)]
    story = StoryRow("s-1", "t-1", title, title, datetime(*day_), datetime(*day_), [ref])
    return assess(StoryEvidence(story, day, items), Reader("r", country),
                  RuleContext.on(day, linker))


def test_a_company_of_the_readers_country_at_the_centre_makes_it_a_party():
    """'An EU fine on a US company': a company based in the reader's country that the
    story is about (named in two of its sentences or a headline) concerns the reader's
    country directly; a company named once in passing does not."""
    fined = ["Meta Platforms is fined 390 million euros by the European Union.",
             "Meta said it would appeal against the decision."]
    rel = _assessed(fined, "US")
    assert [r.kind for r in rel.reasons] == ["party"]
    assert re.search(r"\bMeta( Platforms)?, a company based in the United States",
                     rel.reasons[0].text), rel.reasons[0].text
    passing = ["The European Union fines an Irish data broker; Samsung was not involved."]
    assert "party" not in [r.kind for r in _assessed(passing, "KR").reasons]


def test_an_outbreak_next_door_is_a_tie_over_a_land_border_from_the_storys_country():
    """An outbreak crosses a land border from the country the story is about (Mexico for
    the United States); a neighbour across the sea (Japan for South Korea) is no tie, nor
    a land neighbour that is not the story's own country."""
    mexico = ["A new flu has killed 68 people in Mexico, and Mexico closed its schools.",
              "Mexico City's hospitals are full as the outbreak spreads, Mexican officials "
              "said."]
    assert "border" in [r.kind for r in _assessed(mexico, "US", (2009, 4, 25)).reasons]
    japan = ["Japan confirms new flu cases in Osaka and Kobe as the outbreak spreads.",
             "Japanese schools in Kobe close after the outbreak, Japan's health ministry "
             "said."]
    assert "border" not in [r.kind for r in _assessed(japan, "KR", (2009, 5, 16)).reasons]


def test_a_name_in_s_takes_the_apostrophe_alone_in_a_reason() -> None:
    """Timeline17 LibyaWar_cnn 2011-03-21 printed "the war the United States's forces
    take part in"."""
    from geobrief.relevance.wording import possessives

    text = "fighting in Iraq is the war the United States's forces take part in"
    assert possessives(text, "Iraq", "the United States") == \
        "fighting in Iraq is the war the United States' forces take part in"
    assert possessives("Congress's vote", "Congress") == "Congress's vote"
    assert possessives("Ukraine's own forces", "Ukraine") == "Ukraine's own forces"
