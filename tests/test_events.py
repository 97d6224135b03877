"""Rule-based event coding (geobrief.analyse.events): who did what to whom."""

from __future__ import annotations

import dataclasses
import re
import sys
import time
from pathlib import Path

import pytest

from geobrief.analyse.events import Event, code_events
from geobrief.analyse.plover_lexicon import inflect, lexicon
from geobrief.knowledge.link import bundled_linker

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
EVAL = Path(__file__).resolve().parent.parent / "eval"
# The type names of the PLOVER gold records (see plover.yaml's header).
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "INVESTIGATE", "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST",
                "MOBILIZE", "SANCTION", "COERCE", "ASSAULT", "FIGHT"}


def first(sentence: str) -> Event:
    events = code_events(sentence)
    assert events, f"no event in {sentence!r}"
    return events[0]


def dyad(event: Event) -> tuple[str | None, str | None]:
    return event.source_country, event.target_country


# --- what a sentence is coded as -------------------------------------------------------------


def test_missile_strike_is_military_force() -> None:
    event = first("Russia launched a missile strike on Dnipro.")
    assert event.type == "FIGHT"  # conventional force, CAMEO 19 ...
    assert event.plover2021 == "ASSAULT"  # ... which later PLOVER calls ASSAULT
    assert event.cameo is not None and event.cameo.startswith("19")
    assert dyad(event) == ("RU", "UA")
    assert event.source == "Russia" and event.target == "Dnipro"
    assert not event.negated


def test_sending_troops() -> None:
    event = first("North Korea sent troops to Russia.")
    assert event.type in ("MOBILIZE", "AID")
    assert dyad(event) == ("KP", "RU")
    assert "troops" in event.trigger


def test_sanctions() -> None:
    event = first("The EU imposed new sanctions on Iran.")
    assert (event.type, event.cameo) == ("SANCTION", "163")
    assert event.source == "EU" and event.source_id == "EU" and event.source_country is None
    assert event.target_id == "IR" and event.target_country == "IR"
    assert event.trigger == "imposed new sanctions"


def test_actor_the_knowledge_cannot_place_belongs_to_the_one_country_named() -> None:
    event = first("General Ahmed Farouk ordered an attack on a convoy near Kandahar.")
    assert event.source == "Ahmed Farouk" and event.source_id is None
    assert dyad(event) == ("AF", "AF")


def test_domestic_event_without_target_is_coded_on_its_own_country() -> None:
    event = first("The Chadian parliament approved the new constitution.")
    assert event.target is None and dyad(event) == ("TD", "TD")


def test_no_country_guessed_when_two_are_named_or_for_international_bodies() -> None:
    event = first("Mayor Lena Holt condemned the attack on the Kenyan embassy in Berlin.")
    assert event.source == "Lena Holt" and event.source_country is None
    assert first("The EU imposed new sanctions on Iran.").source_country is None


def test_negation() -> None:
    event = first("Russia did not agree to the proposal.")
    assert (event.type, event.negated, event.source_country) == ("AGREE", True, "RU")
    assert not first("Russia agreed to the proposal.").negated


def test_refusing_to_cooperate_is_reject() -> None:
    event = first("Iran will not accept the US offer.")
    assert (event.type, event.negated) == ("REJECT", False)
    assert dyad(event) == ("IR", "US")
    refused = code_events("Pakistan, a key U.S. ally, has refused to deploy peacekeepers in Iraq.")
    assert [(e.type, e.source_country, e.target_country) for e in refused] == [
        ("REJECT", "PK", "IQ")]  # the appositive's "U.S." is not the source


def test_speech_frames_are_skipped() -> None:
    event = first("The White House said Russia attacked Ukraine's power grid.")
    assert event.type == "FIGHT" and dyad(event) == ("RU", "UA")  # not the White House's
    # ... but a pronoun after the speech verb refers back to the speaker
    assert first("Ukraine said it shot down 20 drones overnight.").source_country == "UA"


def test_trailing_attribution_is_no_target() -> None:
    event = first("Israeli troops arrested 12 Palestinians in Hebron, the army said.")
    assert (event.type, dyad(event)) == ("COERCE", ("IL", "PS"))
    assert event.source == "Israeli troops"
    attacked = first("Israeli airstrikes killed 20 people in Gaza, the health ministry said.")
    assert attacked.type == "FIGHT" and dyad(attacked) == ("IL", "PS")


def test_what_a_verbal_act_is_about_is_not_an_event() -> None:
    events = code_events("Poland accused Russia of attacking its airspace.")
    assert [(e.type, e.source_country, e.target_country) for e in events] == [
        ("DISAPPROVE", "PL", "RU")]
    both = code_events("The US accused Iran of supplying drones to Russia, and Britain "
                       "expelled two Iranian diplomats.")
    assert [(e.type, e.source_country, e.target_country) for e in both] == [
        ("DISAPPROVE", "US", "IR"), ("SANCTION", "GB", "IR")]
    threatened = code_events("Iran threatened to close the Strait of Hormuz.")
    assert [e.type for e in threatened] == ["THREATEN"]


def test_stated_intentions() -> None:
    talks = first("China will hold talks with Japan next week.")
    assert (talks.type, talks.cameo, dyad(talks)) == ("AGREE", "036", ("CN", "JP"))
    threat = first("Israel plans to impose a blockade on Gaza.")
    assert threat.type == "THREATEN" and dyad(threat) == ("IL", "PS")
    promise = first("Germany promised to send more air defence systems to Ukraine.")
    assert promise.type == "AGREE" and promise.trigger.startswith("promised to send")


def test_passive_takes_the_agent_as_source() -> None:
    event = first("A convoy was attacked by Russian forces near Kharkiv.")
    assert event.source == "Russian forces" and event.source_country == "RU"
    assert event.type == "FIGHT"  # forces: military means


def test_demand_with_must() -> None:
    event = first("Germany said Israel must allow aid into Gaza.")
    assert (event.type, dyad(event)) == ("DEMAND", ("DE", "IL"))
    assert event.plover2021 == "REQUEST"
    peskov = first("Kremlin spokesman Dmitry Peskov said Ukraine must withdraw its troops.")
    assert peskov.source_id == "dmitry-peskov" and dyad(peskov) == ("RU", "UA")


def test_reciprocal_and_between() -> None:
    agreed = first("India and Pakistan agreed to a ceasefire.")
    assert (agreed.type, dyad(agreed)) == ("AGREE", ("IN", "PK"))
    talks = first("Talks between Russia and Ukraine resumed in Istanbul.")
    assert (talks.type, dyad(talks)) == ("CONSULT", ("RU", "UA"))


def test_titles_and_names_group_into_one_actor() -> None:
    event = first("Russian Foreign Minister Sergei Lavrov held talks with his Chinese "
                  "counterpart Wang Yi in Beijing.")
    assert event.type == "CONSULT"
    assert event.source == "Russian Foreign Minister Sergei Lavrov"
    assert event.source_id == "sergei-lavrov" and dyad(event) == ("RU", "CN")


def test_locative_is_not_the_source() -> None:
    event = first("Russian forces in Bakhmut attacked Ukrainian positions.")
    assert dyad(event) == ("RU", "UA")


def test_no_event_without_a_trigger_or_an_actor() -> None:
    assert code_events("The weather was mild on Tuesday.") == []
    assert code_events("") == []
    # accidents kill people, but nobody did it to anyone
    assert code_events("Five people are killed in a bus crash in Kenya.") == []
    assert code_events("A truck crashes into a minibus in Gauteng, South Africa, killing "
                       "five people.") == []


def test_names_and_compound_adjectives_are_not_triggers() -> None:
    assert [e.type for e in code_events("Amnesty International criticised Egypt.")] == [
        "DISAPPROVE"]
    shelled = code_events("Russian-backed separatists shelled Donetsk.")
    assert [e.type for e in shelled] == ["FIGHT"]  # "backed" is no SUPPORT
    arrest = code_events("The Kenyan striker suffered a cardiac arrest during the match.")
    assert all(e.type != "COERCE" for e in arrest)


def test_generic_verbs_need_their_context() -> None:
    assert code_events("Prices hit a record in Germany.") == []  # no military means named
    assert code_events("Hurricane Irma, which struck Florida, was a storm.") == []
    assert code_events("Germany has released a statement on China.") == []


def test_mentions_can_be_passed_in() -> None:
    sentence = "The EU imposed new sanctions on Iran after Tehran sent drones to Russia."
    linker = bundled_linker()
    assert code_events(sentence, linker, mentions=linker.link(sentence)) == \
        code_events(sentence, linker)


def test_event_is_frozen() -> None:
    event = first("Russia attacked Ukraine.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.type = "AGREE"  # type: ignore[misc]


# --- the lexicon ------------------------------------------------------------------------------


def test_lexicon_uses_the_gold_type_names_and_cameo_codes() -> None:
    lex = lexicon()
    assert lex.types <= PLOVER_TYPES
    assert PLOVER_TYPES - lex.types == set()  # every type has phrases
    for rule in lex.rules:
        assert rule.cameo is None or re.fullmatch(r"\d{3,4}", rule.cameo), rule.phrase
        root = int(rule.cameo[:2]) if rule.cameo else 0
        assert rule.cameo is None or 2 <= root <= 20, rule.phrase
    assert set(lex.renamed) == {"FIGHT", "DEMAND", "DISAPPROVE", "INVESTIGATE"}


def test_inflection() -> None:
    irregular = lexicon().irregular
    assert inflect("agree", irregular)[0] == ["agree", "agrees", "agreed", "agreeing"]
    assert inflect("deny", irregular)[0] == ["deny", "denies", "denied", "denying"]
    assert inflect("attack", irregular)[0] == ["attack", "attacks", "attacked", "attacking"]
    assert "banned" in inflect("ban", irregular)[0] and "banning" in inflect("ban", irregular)[0]
    assert "sent" in inflect("send", irregular)[0]
    assert {"cancelled", "canceled"} <= set(inflect("cancel", irregular)[0])


def test_fast_enough() -> None:
    """The project's budget for claims, events and outlook together is 200 articles a second
    on one core; events alone should take a small part of it (measured: about 10,000
    sentences a second with linking, most sentences naming no event)."""
    sentences = [
        "Russia launched a missile strike on Dnipro.",
        "The EU imposed new sanctions on Iran.",
        "The central bank kept interest rates unchanged on Thursday.",
        "Officials said the talks would resume next week in Geneva.",
        "The weather was mild and the harvest is expected to be good.",
        "Kremlin spokesman Dmitry Peskov said Ukraine must withdraw its troops.",
        "Shares in the company rose by four percent in early trading.",
        "Protesters blocked roads in the capital on Monday.",
    ] * 50
    code_events(sentences[0])
    started = time.perf_counter()
    for sentence in sentences:
        code_events(sentence)
    rate = len(sentences) / (time.perf_counter() - started)
    assert rate >= 1000, f"{rate:.0f} sentences/s"


# --- real data ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    sys.path.insert(0, str(EVAL))
    from plover_events import run

    return run()


@pytest.mark.shared_data
@pytest.mark.skipif(not (SHARED / "plover" / "PLOVER_GSR_CAMEO.jsonl").exists(),
                    reason="../shared/data/plover absent (internal evaluation data)")
def test_plover_gold_floors(figures: dict[str, float]) -> None:
    """Pinned floors (eval/plover_events.py prints every figure). Raise when improved.

    Measured: event type 0.857 (coverage 0.960, gold type among any event 0.885); source
    country 0.830 (precision 0.934); target country 0.825 (precision 0.902), over 322
    records (288 with a country source, 268 with a country target). The lexicon was written
    with these sentences in view, so they are development data: read the type figure as
    an upper bound, and the held-out WCEP figures below as the check.
    """
    assert figures["plover_records"] == 322
    assert figures["event_type_accuracy"] >= 0.84
    assert figures["event_coverage"] >= 0.94
    assert figures["source_country_accuracy"] >= 0.80
    assert figures["source_country_precision"] >= 0.91
    assert figures["target_country_accuracy"] >= 0.80
    assert figures["target_country_precision"] >= 0.88


@pytest.mark.shared_data
@pytest.mark.skipif(not (SHARED / "wcep_2023_01" / "wcep_2023_01_events.jsonl").exists(),
                    reason="../shared/data/wcep_2023_01 absent (internal evaluation data)")
def test_held_out_wcep_floors(figures: dict[str, float]) -> None:
    """Measured on January 2023 summaries never used to write the lexicon: 0.667 of armed
    conflict summaries get a FIGHT/ASSAULT/COERCE event; 0.033 of disaster summaries do."""
    assert figures["wcep_conflict_force"] >= 0.62
    assert figures["wcep_disaster_force"] <= 0.07


@pytest.mark.shared_data
@pytest.mark.skipif(not (SHARED / "petrarch2" / "PETR.UnitTest.records.jsonl").exists(),
                    reason="../shared/data/petrarch2 absent (internal evaluation data)")
def test_petrarch_unit_records(figures: dict[str, float]) -> None:
    """Measured: 0.050 of 302 expected events found by type or root. The unit tests' own verb
    dictionary gives verbs private codes (WARN 160, WELCOME 041), so this is low by design;
    the floor only guards against breakage. 0.316 of no-event sentences get an event."""
    assert figures["petrarch_expected"] == 302
    assert figures["petrarch_found_type"] >= 0.03
    assert figures["petrarch_noevent_coded"] <= 0.45
