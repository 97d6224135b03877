"""Reading real news: sentences, datelines and wire tags, noise labels and languages, on the
shapes real pages and wires send (the examples of issue 17)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geobrief.analyse.document import lead_title, line_key, outlet_repeats, read_structure
from geobrief.analyse.noise import Noise, intrinsic_noise, plain
from geobrief.analyse.sentences import sentence_spans, split_sentences


def _texts(text: str, language: str = "en") -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text, language)]


def test_abbreviations_glued_sentences_and_lower_case_continuations() -> None:
    assert split_sentences("TAMPA, Fla., according to myfox8.com. The man was held.") == [
        "TAMPA, Fla., according to myfox8.com.", "The man was held."]
    assert split_sentences("They agreed on military cooperation.The United States "
                           "confirmed it.") == ["They agreed on military cooperation.",
                                                "The United States confirmed it."]
    assert split_sentences("Talks began at 5 p.m. Monday in Geneva. They ended.") == [
        "Talks began at 5 p.m. Monday in Geneva.", "They ended."]


def test_brackets_and_opening_quotes_stay_with_their_sentence() -> None:
    text = ("The fund grew. (Reporting by Patrick Johnston. Editing by Martyn Herman.) "
            'He said: "We will win." "It is over," she said.')
    assert split_sentences(text) == [
        "The fund grew.", "(Reporting by Patrick Johnston. Editing by Martyn Herman.)",
        'He said: "We will win."', '"It is over," she said.']


@pytest.mark.parametrize("language,text,count", [
    ("ru", "Президент заявил, что переговоры продолжатся. Об этом сообщает ТАСС. "
           "В.В. Путин отметил, что т.е. всё хорошо.", 3),
    ("ar", "قال الرئيس إن المحادثات ستستمر. وأضاف أن الوضع مستقر؟ نعم.", 3),
    ("zh", "中国外交部发言人表示，双方将继续对话。美国方面尚未回应。", 2),
    ("ja", "日本政府は声明を発表した。詳細は明らかにされていない。", 2),
])
def test_scripts_without_latin_punctuation_are_split(language: str, text: str,
                                                     count: int) -> None:
    assert len(_texts(text, language)) == count


@pytest.mark.parametrize("text,sentence,wire", [
    ("(MENAFN) North Korea has fired a missile.", "North Korea has fired a missile.",
     {"agency": "MENAFN"}),
    ("TOKYO, Nov 12 (KUNA) -- Japan protested.", "Japan protested.",
     {"place": "TOKYO", "agency": "KUNA", "when": "Nov 12"}),
    ("The talks went on, the spokesman told TASS. (end)",
     "The talks went on, the spokesman told TASS.", {}),
    ("GENEVA | Mon Aug 22, 2011 2:32 pm EDT GENEVA (Reuters) - The WHO said it was ready.",
     "The WHO said it was ready.", {"place": "GENEVA", "agency": "Reuters"}),
    ("March 19, 2011 | By Jason Hanna, CNN The destroyer fired missiles.",
     "The destroyer fired missiles.", {"byline": "By Jason Hanna, CNN"}),
    ("Tripoli, Libya (CNN) -- Libyan TV said 19 died.", "Libyan TV said 19 died.",
     {"place": "Tripoli, Libya", "agency": "CNN"}),
    ("By David Gergen, CNN Senior Political Analyst Gergen says the shift is real.",
     "Senior Political Analyst Gergen says the shift is real.",
     {"byline": "By David Gergen, CNN"}),
    ("SANAA/DAMASCUS | Mon Mar 21, 2011 3:56 pm EDT SANAA/DAMASCUS (Reuters) - Unrest grew.",
     "Unrest grew.", {"place": "SANAA/DAMASCUS", "agency": "Reuters"}),
    ("By Alexis Crow, Special to CNN Arming rebels carries risks.",
     "Arming rebels carries risks.", {"byline": "By Alexis Crow, Special to CNN"}),
    ("By Bruce Feiler, Special to CNN | March 29, 2010 This Saturday, millions will watch.",
     "This Saturday, millions will watch.", {"byline": "By Bruce Feiler, Special to CNN",
                                             "when": "March 29, 2010"}),
    ("By the time troops arrived, CNN said, it was over.",
     "By the time troops arrived, CNN said, it was over.", {"byline": None}),
])
def test_datelines_bylines_and_wire_tags_are_cut_and_kept(text: str, sentence: str,
                                                          wire: dict) -> None:
    structure = read_structure("", text)
    news = [s.text for s in structure.news]
    assert news == [sentence]
    for name, value in wire.items():
        assert getattr(structure.wire, name) == value
    unit = structure.news[0]
    assert text[unit.start:unit.end] == sentence


def test_a_dateline_place_is_not_a_country_the_article_involves() -> None:
    text = "GENEVA (Reuters) - The talks between Iran and Iraq resumed."
    masked = read_structure("", text).masked(text)
    assert "GENEVA" not in masked and "Iran and Iraq" in masked
    assert len(masked) == len(text)


@pytest.mark.parametrize("sentence,label", [
    ("-LRB- Reporting by Tom Hals , editing by Steve Orlofsky -RRB-", Noise.BYLINE),
    ("By Jane Doe and John Roe", Noise.BYLINE),
    ("The Associated Press contributed to this report.", Noise.BYLINE),
    ("Photograph: Owen Humphreys/PA", Noise.BOILERPLATE),
    ("This discussion is now closed.", Noise.BOILERPLATE),
    ("You agree to our Privacy Policy and Terms of Service.", Noise.BOILERPLATE),
    ("Subscribe to our magazine for less than $1 an issue.", Noise.BOILERPLATE),
    ("BACK {current} of {total} NEXT", Noise.BOILERPLATE),
    ("Enter your email address to follow this blog and receive notifications.", Noise.PROMO),
    ("For all the latest, tune in to AC360, weeknights at 10 ET.", Noise.PROMO),
    ("January 31, 2011 at 3:01 pm | Reply", Noise.COMMENT),
    ("Read the speech in full here.", Noise.BOILERPLATE),
    ("Click here for the entire interview: You can also listen to the CNN Radio Reports "
     "podcast on", Noise.PROMO),
    ("The ministry denied the report on Tuesday.", None),
    ("Kremlin spokesman Dmitry Peskov said the deal was not signed.", None),
])
def test_sentence_noise_labels(sentence: str, label: Noise | None) -> None:
    assert intrinsic_noise(plain(sentence)) == label


def test_comment_sections_and_a_readers_voice() -> None:
    text = ("The army said 30 people died on Monday. Views expressed in the comments do not "
            "represent those of Reuters. What liars these people are. The oil keeps coming.")
    labels = [s.noise for s in read_structure("", text).sentences]
    assert labels == [None, Noise.BOILERPLATE, Noise.COMMENT, Noise.COMMENT]
    voiced = read_structure("", 'I hope they stop it! "I will not resign," the minister '
                                "said. He left.")
    assert [s.noise for s in voiced.sentences] == [Noise.COMMENT, None, None]
    # a correspondent's interview told in the first person is news, not a reader's voice
    told = read_structure("", "When I was in Cairo last week, I spoke to the Arab League's "
                              "secretary-general, Nabil el-Araby. A protester I interviewed "
                              "earlier confirmed that.")
    assert [s.noise for s in told.sentences] == [None, None]
    # a reader who talks to a friend is still a reader
    friend = read_structure("", "I spoke to a friend who helped get five people out of a "
                                "collapsed supermarket.")
    assert [s.noise for s in friend.sentences] == [Noise.COMMENT]


def test_a_sentence_in_another_language_or_script_says_so() -> None:
    text = ("The talks resumed in Geneva on Monday, officials said.\n"
            "Переговоры возобновились в понедельник в Женеве, сообщили официальные лица.")
    structure = read_structure("", text, "en")
    assert [s.language for s in structure.sentences] == ["en", "ru"]


def test_a_comment_thread_carries_on_through_opinions_without_a_first_person() -> None:
    """A reader's opinion right after a reader's comment, or after another unattributed
    sentence in a reader's voice, is a comment too; a report stays news."""
    thread = ("I never noticed it before tonight. Piers needs to take a Valium and mellow "
              "out! He could be cutting off his guests due to nerves.")
    assert [s.noise for s in read_structure("", thread).sentences] == [Noise.COMMENT] * 3
    run = ("If a quake can cripple Haiti what will it do to Africa? It is time for African "
           "leaders to build roads that will stand such disasters.")
    assert [s.noise for s in read_structure("", run).sentences] == [None, Noise.COMMENT]
    report = ("The army said 30 people died on Monday. Aid agencies should reach the town "
              "by Friday, officials said. It could be weeks before the roads reopen.")
    assert [s.noise for s in read_structure("", report).sentences] == [None] * 3


def test_a_transcripts_speakers_are_not_readers() -> None:
    text = ("CROWLEY: Let me ask you first, I believe the emergency was lifted. Can you "
            "confirm that? AHMED SHAFIQ, EGYPTIAN PRIME MINISTER: I hear you. I think we "
            "should wait.")
    assert [s.noise for s in read_structure("", text).sentences] == [None] * 4


def test_straight_quotes_are_told_by_their_spacing() -> None:
    """A context that starts inside a quotation ('... up" suggestion') does not turn the
    rest of the text inside out: the speaker's "I" stays quoted."""
    text = ('up" suggestion, while she wore a shirt with "Kneel" written on it. He issued an '
            'apology - "Regrettably, I used two words that do not convey my beliefs." '
            "The industry faces barriers.")
    assert [s.noise for s in read_structure("", text).sentences] == [None] * 3


def test_what_follows_a_closing_wire_credit_on_its_line_is_furniture() -> None:
    text = ('"It is over," he said. " (Reporting by Maggie Fox; Editing by Will Dunham) An '
            "ultra-low latency infrastructure for electronic trading and data distribution")
    labels = [(s.text, s.noise) for s in read_structure("", text).sentences]
    assert labels == [('"It is over," he said.', None),
                      ('" (Reporting by Maggie Fox; Editing by Will Dunham)', Noise.BYLINE),
                      ("An ultra-low latency infrastructure for electronic trading and data "
                       "distribution", Noise.BOILERPLATE)]


@given(st.lists(st.sampled_from(["a", "B", " ", "\n", "\t", "\r", "\x0b", "\x1c", "\xa0",
                                 "\u2009", ".", "-LRB-", "``", "é"]), max_size=30).map("".join))
def test_plain_reads_any_white_space_as_single_spaces(text: str) -> None:
    """``plain`` skips re-spacing a sentence that needs none; the result is the same."""
    spaced = " ".join(text.split())
    if "-LRB-" in spaced or "``" in spaced or " ." in spaced:
        return  # PTB text: re-punctuated on top
    assert plain(text) == spaced


# a CNN page as Timeline17 holds it: byline and story highlights run into the report's first
# sentence, with the dateline's place written before the agency or not at all
_CNN_HEAD = ("By the CNN Wire Staff Obama reacts to protests in Egypt NEW: Obama calls Mubarak "
             "and tells him to address grievances Mubarak asks the government to resign Are "
             "you in Egypt? Share your protest images with CNN iReport. ")
_REPORT = ("President Barack Obama spoke with Egypt's president moments after Hosni Mubarak "
           "addressed his country. With parts of his capital ablaze, Mubarak said he was "
           "asking his government to resign.")


@pytest.mark.parametrize("dateline", ["Cairo, Egypt (CNN) -- ", "(CNN) -- "])
def test_what_a_page_prints_above_its_dateline_is_furniture(dateline: str) -> None:
    """The byline, highlights and calls to send pictures above "Cairo, Egypt (CNN) --" are
    the page's, not the report: they were read as its lead and printed in briefings ("By
    the CNN Wire Staff Obama reacts to protests in Egypt NEW: ...")."""
    text = _CNN_HEAD + dateline + _REPORT
    structure = read_structure("", text)
    news = [s.text for s in structure.news]
    assert news[0].startswith("President Barack Obama spoke with Egypt's president")
    assert not any("Wire Staff" in s or "iReport" in s for s in news)
    assert structure.wire.agency == "CNN"


def test_a_dateline_far_down_a_page_does_not_make_its_report_furniture() -> None:
    """Only a dateline near the top opens the report: a live page quoting another
    dispatch further down keeps what comes before it."""
    lead = " ".join(f"Protesters gathered in square number {n} on Friday." for n in range(12))
    structure = read_structure("", lead + " Cairo, Egypt (CNN) -- " + _REPORT)
    assert structure.news[0].text.startswith("Protesters gathered in square number 0")


def test_a_page_without_a_title_takes_it_from_its_own_lead() -> None:
    """The title of a page that has none: its first news sentence, past the byline and
    highlights, and past a line its outlet repeats across its articles (a sidebar
    headline: "2 men charged in death of Chicago teen..." opened CNN pages of every
    Timeline17 topic and named stories and storylines)."""
    sidebar = "2 men charged in death of Chicago teen who performed in inauguration event."
    text = f"{sidebar} {_CNN_HEAD}Cairo, Egypt (CNN) -- {_REPORT}"
    assert lead_title(text).startswith("President Barack Obama spoke")
    plain = f"{sidebar} {_REPORT}"
    assert lead_title(plain) == sidebar  # one page alone cannot tell a sidebar headline
    assert lead_title(plain, repeated={line_key(sidebar)}).startswith("President Barack")
    assert lead_title("By the CNN Wire Staff") is None


def test_outlet_repeats_need_enough_articles_and_days() -> None:
    line = "2 men charged in death of chicago teen"
    same_day = [("cnn.com", "2011-01-28", {line})] * 5
    assert outlet_repeats(same_day, 4, 3) == {}
    spread = [("cnn.com", f"2011-01-2{n}", {line}) for n in range(4)]
    assert outlet_repeats(spread, 4, 3) == {"cnn.com": {line}}
    assert outlet_repeats(spread[:3], 4, 3) == {}
