import pytest

from geobrief.analyse.cues import BANDS, analyse_sentence, find_hedge, find_speaker
from geobrief.analyse.sentences import body_sentences, split_sentences


def test_split_keeps_abbreviations_and_initials():
    text = (
        "U.S. officials said Mr. Kim met Gen. Smith on Nov. 5. The talks ended. "
        '"It is fake," Peskov said. Then J. Biden left.\n\nA new paragraph! Really?'
    )
    assert split_sentences(text) == [
        "U.S. officials said Mr. Kim met Gen. Smith on Nov. 5.",
        "The talks ended.",
        '"It is fake," Peskov said.',
        "Then J. Biden left.",
        "A new paragraph!",
        "Really?",
    ]


def test_split_paragraph_break_always_ends_a_sentence():
    assert split_sentences("No full stop here\nNext line starts") == [
        "No full stop here",
        "Next line starts",
    ]


def test_a_first_line_repeating_the_headline_is_not_a_sentence_of_the_report():
    title = "Biden calls ICC warrants 'outrageous' as Republicans vow response"
    body = "President Biden on Thursday denounced the decision. He said so twice."
    assert body_sentences(title, f"{title}\n{body}") == [
        "President Biden on Thursday denounced the decision.", "He said so twice."]
    assert body_sentences(title, f"  {title.upper()}.\n\n{body}")[0].startswith("President")
    # kept: a title that is only the start of the first line, or no title at all
    assert body_sentences("Biden calls ICC warrants", f"{title}\n{body}")[0] == title
    assert body_sentences("", body) == split_sentences(body)


@pytest.mark.parametrize(
    "sentence,speaker",
    [
        (
            "About 10,000 North Korean troops are in Russia, according to the Pentagon.",
            "the Pentagon",
        ),
        (
            "Kremlin spokesman Dmitry Peskov dismissed the reports as fake.",
            "Kremlin spokesman Dmitry Peskov",
        ),
        (
            "Troops clashed with North Korean units, Defence Minister Rustem Umerov said.",
            "Defence Minister Rustem Umerov",
        ),
        ("The treaty entered into force in December.", None),
    ],
)
def test_speaker(sentence, speaker):
    assert find_speaker(sentence) == speaker


@pytest.mark.parametrize(
    "sentence,stance",
    [
        ("Moscow dismissed the reports as fake news.", "deny"),
        ("Russia denied sending any troops.", "deny"),
        ("The Pentagon has not confirmed that the troops entered combat.", "not_confirm"),
        ("The ministry declined to confirm the figure.", "not_confirm"),
        ("The claims could not be independently verified.", "none"),  # no one's stance
        ("NATO confirmed that units had been sent to Kursk.", "confirm"),
        ("Seoul's spy agency said 1,500 soldiers had arrived.", "assert"),
        ("The summit opened in Rio.", "none"),
    ],
)
def test_stance(sentence, stance):
    assert analyse_sentence(sentence).stance == stance


@pytest.mark.parametrize(
    "sentence,band",
    [
        ("Analysts say Pyongyang could send more troops.", None),  # no estimative word
        ("Analysts see a roughly even chance of a deal.", "roughly even chance"),
        ("The vote is likely to pass next week.", "likely"),
        ("A deal is very unlikely before Friday.", "very unlikely"),
        ("A ceasefire is unlikely this year.", "unlikely"),
        ("The bill will almost certainly pass.", "almost certain"),
        ("Officials said a decision was highly likely.", "very likely"),
        ("The summit ended on Tuesday.", None),
    ],
)
def test_hedge_band(sentence, band):
    assert find_hedge(sentence)[1] == band


def test_denials_are_not_forward_looking():
    assert not analyse_sentence("The Pentagon could not confirm the report.").forward


def test_bands_cover_the_standard_scale_in_order():
    lows = [low for low, _high in BANDS.values()]
    assert lows == sorted(lows)
    assert all(low < high for low, high in BANDS.values())


@pytest.mark.parametrize(
    "sentence,speaker",
    [
        ("Presidential spokesman Dmitry Peskov later said the launch was notified.",
         "Presidential spokesman Dmitry Peskov"),
        ("The intelligence service initially estimated that 12,000 troops would be sent.",
         "The intelligence service"),
        ("Troops have moved, according to a statement from the Ukrainian defence ministry.",
         "the Ukrainian defence ministry"),
        ("Minister Rustem Umerov said troops clashed, according to an interview with KBS.",
         "Minister Rustem Umerov"),  # the medium is not the speaker
        ("The talks failed, according to Italy.", "Italy"),  # a name ending in -ly stays
    ],
)
def test_speaker_without_adverbs_or_media(sentence, speaker):
    assert find_speaker(sentence) == speaker


def test_neither_confirmed_nor_denied_is_not_a_denial_and_nobody_is_no_speaker():
    cues = analyse_sentence("Neither minister confirmed or denied the presence of troops.")
    assert cues.stance != "deny" and cues.speaker is None
    assert analyse_sentence("Moscow did not confirm or deny the reports.").stance == \
        "not_confirm"
    assert analyse_sentence("Seoul denied the reports.").stance == "deny"


def test_rejecting_statements_is_a_denial_and_rejecting_a_decision_is_not():
    assert analyse_sentence("Russian officials have rejected Western statements about "
                            "a deployment of troops.").stance == "deny"
    assert analyse_sentence("The judges rejected Israel's challenges to the court's "
                            "jurisdiction.").stance != "deny"
    assert analyse_sentence("Putin dismissed the defence minister.").stance != "deny"
