"""Entity linking: names, aliases, demonyms, metonyms, case, context, titles, sanctions."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from geobrief.knowledge.link import Linker, bundled_linker
from geobrief.knowledge.load import Sanction, load_knowledge

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
EVAL = Path(__file__).resolve().parent.parent / "eval"


def links(text: str, on: date | None = None) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.type, m.id) for m in bundled_linker().link(text, on)]


def test_countries_by_name_alias_demonym_and_metonym():
    found = links("The Kremlin said North Korean troops and the DPRK's envoy met Seoul's "
                  "officials in the U.S. and the UAE.")
    assert ("Kremlin", "country", "RU") in found
    assert ("North Korean", "country", "KP") in found
    assert ("DPRK", "country", "KP") in found
    assert ("Seoul", "country", "KR") in found
    assert ("U.S.", "country", "US") in found  # the full stop belongs to the abbreviation
    assert ("UAE", "country", "AE") in found


def test_acronyms_need_their_case_and_names_a_capital():
    assert not [f for f in links("Tell us about it, said the chad of the group.") if f[2]]


def test_longest_match_wins():
    assert ("South Korea", "country", "KR") in links("South Korea and Korea")
    assert links("the North Atlantic Treaty Organization")[0][2] == "NATO"


@pytest.mark.parametrize("text,expected", [
    ("Georgia's parliament in Tbilisi voted on the bill.", "GE"),
    ("Georgia voters in Atlanta backed the governor.", "geonames:4197000"),
    ("Washington warned Moscow on Tuesday, the White House said.", "US"),
])
def test_context_settles_ambiguous_names(text, expected):
    assert links(text)[0][2] == expected


def test_a_sea_named_after_a_country_is_not_the_country():
    """"Gulf of Mexico" names neither Mexico nor the (Persian) Gulf region: the story
    stages count a story's countries, and a spill off Louisiana is not a Mexican story."""
    found = links("Oil from the well in the Gulf of Mexico reached Louisiana; pirates "
                  "struck in the Gulf of Aden and the Strait of Hormuz.")
    assert [f[2] for f in found if f[1] == "country"] == []
    assert ("Gulf of Mexico", "place", "region:gulf-of-mexico") in found
    assert ("Gulf of Aden", "place", "region:gulf-of-aden") in found


def test_korea_alone_needs_context():
    assert links("Korea was quiet.") == []
    assert links("Korea talks resumed in Seoul.")[0][2] == "KR"


def test_part_of_a_longer_name_is_not_a_place():
    found = links("Manchester United beat Bank of Canada staff, said Paul Johnson.")
    assert not [f for f in found if f[1] in ("place", "country")]


def test_unlinked_people_and_organisations_are_typed():
    found = links("Mr John Smith of the Acme Corporation met officials.")
    assert ("John Smith", "person", None) in found
    assert ("Acme Corporation", "organisation", None) in found


def test_sanctioned_entities_are_flagged():
    knowledge = load_knowledge()
    knowledge.sanctions["ofac-1"] = Sanction("ofac-1", "Example Shipping Lines", "entity",
                                             ("DPRK3",), "KP", (), "test")
    person = next(iter(knowledge.people.values()), None)
    if person is not None:
        knowledge.sanctions["ofac-2"] = Sanction("ofac-2", person.name, "individual",
                                                 ("TEST",), None, (), "test")
    linker = Linker(knowledge)
    mentions = linker.link("Example Shipping Lines moved oil, officials said.")
    assert mentions[0].sanctioned == ("ofac-1",)
    assert mentions[0].type == "organisation"
    if person is not None:
        flagged = linker.link(f"{person.name} spoke on Monday.")[0]
        assert flagged.id == person.id and flagged.sanctioned == ("ofac-2",)


def test_titles_resolve_to_the_office_holder_on_the_date():
    knowledge = load_knowledge()
    if not knowledge.people:
        pytest.skip("people.yaml not present")
    linker = Linker(knowledge)
    may = linker.link("The Russian defence minister visited troops.", date(2024, 5, 1))
    june = linker.link("The Russian defence minister visited troops.", date(2024, 6, 1))
    assert [m.id for m in may if m.type == "person"] == ["sergei-shoigu"]
    assert [m.id for m in june if m.type == "person"] == ["andrei-belousov"]
    president = linker.link("South Korea's president spoke.", date(2024, 11, 24))
    assert [m.id for m in president if m.type == "person"] == ["yoon-suk-yeol"]


def test_malformed_ambiguity_rules_do_not_break_linking(tmp_path):
    rules = tmp_path / "ambiguous.yaml"
    rules.write_text("- alias: Georgia\n  default: GE\n  candidates: []\n", encoding="utf-8")
    linker = Linker(load_knowledge(), rules)
    assert linker.link("Georgia voted.")[0].id == "GE"


@pytest.mark.skipif(not (SHARED / "conll2003" / "dev.txt").exists(),
                    reason="../shared/data/conll2003 absent (internal evaluation data)")
def test_conll_place_floors():
    """Pinned floors (eval/conll_linking.py prints every figure). Raise when improved."""
    sys.path.insert(0, str(EVAL))
    from conll_linking import run

    figures = run()  # whole articles, as geobrief links them
    assert figures["LOC_precision"] >= 0.95
    assert figures["LOC_recall"] >= 0.86
    assert figures["ORG_precision"] >= 0.77
    assert figures["PER_precision"] >= 0.68


@pytest.mark.skipif(not (SHARED / "petrarch2").exists(),
                    reason="../shared/data/petrarch2 absent (internal evaluation data)")
def test_phoenix_country_resolution_floors():
    sys.path.insert(0, str(EVAL))
    from phoenix_countries import run

    figures = run()
    assert figures["country_accuracy"] >= 0.93
    assert figures["country_coverage"] >= 0.36


def test_linker_is_immutable_in_use():
    linker = bundled_linker()
    first = linker.link("Russia and Ukraine.")
    second = linker.link("Russia and Ukraine.")
    assert first == second
    assert replace(first[0], text="x").text == "x"


def test_broken_ambiguity_file_is_reported_not_fatal(tmp_path):
    rules = tmp_path / "ambiguous.yaml"
    rules.write_text("- alias: Georgia\n  candidates: [{type: country}]\n- {}\n",
                     encoding="utf-8")
    knowledge = load_knowledge()
    linker = Linker(knowledge, rules)
    assert linker.link("Georgia voted.")[0].id == "GE"
    assert sum("ambiguous.yaml: rule" in p for p in knowledge.problems) == 2


def test_offsets_survive_characters_whose_lower_case_is_longer():
    text = "İzmir and İstanbul lie in Turkey, Ankara said."
    for mention in bundled_linker().link(text):
        assert text[mention.start:mention.end] == mention.text
    assert ("Turkey", "country", "TR") in links(text)


def test_on_a_handover_day_the_incoming_holder_is_meant():
    knowledge = load_knowledge()
    if not knowledge.people:
        pytest.skip("people.yaml not present")
    holders = knowledge.holders("defence-minister", date(2024, 5, 14), country="RU")
    assert [p.id for p in holders] == ["andrei-belousov"]


def test_institutions_stand_for_their_state():
    linker = bundled_linker()
    text = ("The NSA intercepted the calls, the Obama administration said; the State "
            "Department and the Pentagon agreed, and the Chinese Foreign Ministry protested.")
    found = {m.text: m for m in linker.link(text, date(2014, 1, 1))}
    for surface, country in (("NSA", "US"), ("Obama administration", "US"),
                             ("State Department", "US"), ("Pentagon", "US"),
                             ("Chinese Foreign Ministry", "CN")):
        assert found[surface].country == country and found[surface].stands_for_country
    assert found["NSA"].type == "organisation" and found["NSA"].form == "institution"
    assert linker.count(text) == {"US": 4, "CN": 1}
    # a legislature or state media is not the state acting
    assert not next(m for m in linker.link("Congress voted.") if m.text == "Congress"
                    ).stands_for_country
