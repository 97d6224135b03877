"""Composition on the demo store: a briefing that fits in ten minutes (the length budget,
no line printed twice, At a glance that condenses), the sources' own likelihood words,
quiet days, source diversity, reports in another language; and, property-based, no
article set makes composing raise."""

from __future__ import annotations

import importlib.util
import json
import statistics
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import count
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geobrief.app import Geobrief
from geobrief.compose.budget import BUDGETS, Length
from geobrief.compose.render.jsonfmt import load_schema
from geobrief.errors import Code, ComposeError
from geobrief.settings import Settings

EVAL = Path(__file__).resolve().parent.parent / "eval"


def _quality():
    """eval/briefing_quality.py, whose measure of printed words and repeats the tests
    share (one measure, not two that could drift apart)."""
    sys.path.insert(0, str(EVAL))
    spec = importlib.util.spec_from_file_location("briefing_quality",
                                                  EVAL / "briefing_quality.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["briefing_quality"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


QUALITY = _quality()


def printed(markdown: str) -> tuple[int, float]:
    """(words a reader reads, share of them repeating earlier text) of one briefing."""
    repeated, total = QUALITY.repeated_share(QUALITY.story_lines(markdown))
    return total, repeated / (total or 1)


@pytest.fixture(scope="module")
def gb(demo_run) -> Iterator[Geobrief]:
    out, _result = demo_run
    with Geobrief(Settings(db=str(out / "demo.db"))) as app:
        yield app


@pytest.fixture(scope="module")
def days(demo_run) -> list[date]:
    return [b.date for b in demo_run[1].briefings]


def _brief(gb: Geobrief, day: date, length: str = "standard"):
    return gb.brief(day, length=length)


# --- the length budget -----------------------------------------------------------------


def test_standard_length_fits_ten_minutes_on_every_busy_demo_day(gb, days):
    """About 1,500 words a day at the default length (issue 17: median <= 1,500); the
    busiest days were 2,000-7,000 words before the budget."""
    counted = [printed(gb.render(_brief(gb, day), "md"))[0] for day in days[-8:]]
    assert statistics.median(counted) <= BUDGETS[Length.STANDARD].words
    assert max(counted) <= 1.25 * BUDGETS[Length.STANDARD].words, counted


def test_lengths_are_ordered_and_the_json_keeps_every_line(gb, days):
    day = days[-1]
    words = {}
    kept = {}
    for length in ("short", "standard", "long"):
        briefing = _brief(gb, day, length)
        assert briefing.length == length
        words[length] = printed(gb.render(briefing, "md"))[0]
        data = json.loads(gb.render(briefing, "json"))
        jsonschema.validate(data, load_schema())
        kept[length] = sum(
            len(s["at_a_glance"]) + len(s["what_is_happening"]) + len(s["what_happens_next"])
            + sum(len(v) for v in s.get("more", {}).values()) for s in data["stories"])
    assert words["short"] < words["standard"] < words["long"]
    assert words["short"] <= 1.25 * BUDGETS[Length.SHORT].words
    # what the budget leaves out of the printed text is still in the JSON
    assert kept["short"] >= kept["long"] * 0.9


def test_folded_stories_are_one_line_under_also_today_and_whole_in_the_html(gb, days):
    briefing = _brief(gb, days[-1], "short")
    folded = [s for s in briefing.stories if s.folded]
    assert folded, "the demo's latest day is over the short budget"
    md = gb.render(briefing, "md")
    html = gb.render(briefing, "html")
    assert md.count("## Also today") == 1
    for story in folded:
        assert story.what_is_happening  # complete in the JSON
        assert html.count(f"{story.title}</summary>") == 1 or \
            story.title.replace("'", "&#x27;") in html


# --- no line printed twice ---------------------------------------------------------------


def test_no_sentence_is_printed_twice_in_a_briefing(gb, days):
    """Issue 17: 22-44 % of a briefing's words repeated text already printed, and At a
    glance opened with the first What-is-happening bullet verbatim."""
    shares = []
    for day in days[-8:]:
        briefing = _brief(gb, day)
        shares.append(printed(gb.render(briefing, "md"))[1])
        for story in briefing.stories:
            if story.folded:
                continue
            texts = [x.text for x in story.at_a_glance + story.what_is_happening
                     + story.what_happens_next if not x.note]
            texts += [x.text for lines in story.what_is_in_it_for_you.values()
                      for x in lines if not x.note]
            assert len(texts) == len(set(texts)), (day, story.title)
            glance = {x.text for x in story.at_a_glance}
            assert not glance & {x.text for x in story.what_is_happening}
    # issue 17's target is 0.05; on the demo the median was 0.06 with the budget alone
    # (0.22-0.44 before it) and is 0.09 with the reader ties of the relevance rewrite and
    # At a glance's reader hook always kept (the rest: ties worded alike across stories):
    # a floor that holds the gain, to lower as the reader wording varies
    assert statistics.median(shares) <= 0.10, shares
    assert max(shares) <= 0.15, shares


def test_at_a_glance_condenses(gb, days):
    """The lead, the key contested point when there is one, the reader hook."""
    for story in _brief(gb, days[-1]).stories:
        assert 1 <= len(story.at_a_glance) <= 3
        assert story.at_a_glance[-1].reader is not None  # the reader hook
        assert story.at_a_glance[0].reader is None  # the lead
        if len(story.at_a_glance) == 3:
            second = story.at_a_glance[1]
            assert second.stance in ("range", "deny", "not_confirm") or second.claims \
                or second.band or len(story.what_is_happening) + len(
                    story.more.get("what_is_happening", [])) >= 1


# --- What happens next: the sources' own words ------------------------------------------


def test_bands_are_the_sources_own_words_never_ours(gb, days):
    """Issue 18: a sentence with no estimative words got geobrief's "roughly even chance";
    a state outlet's claim got "likely, 55-80 %". A band is shown only as a source's own,
    with the source named; a party's statement of intent has none."""
    seen = 0
    for day in days:
        briefing = gb.brief(day, length="long")
        md = gb.render(briefing, "md")
        for story in briefing.stories:
            for line in story.what_happens_next + story.more.get("what_happens_next", []):
                if line.estimate == "party":
                    assert line.band is None and line.estimate_by
                if line.band is not None:
                    seen += 1
                    assert line.estimate == "source" and line.estimate_by
                    if line in story.what_happens_next and not story.folded:
                        assert f"in the words of {line.estimate_by}" in md
                    assert line.band.lower() in line.text.lower() or _hedged(line.text), \
                        line.text
    assert "roughly even chance" not in " ".join(
        gb.render(gb.brief(d), "md") for d in days[-3:]) or seen


def test_a_readers_outlook_line_carries_only_the_sources_own_band(gb, days):
    """The reader part's "Ahead: ..." line was given geobrief's own "roughly even chance"
    when its source used no estimative words."""
    ahead = 0
    for day in days:
        for story in gb.brief(day, length="long").stories:
            parts = list(story.what_is_in_it_for_you.values()) + [
                lines for key, lines in story.more.items()
                if key.startswith("what_is_in_it_for_you")]
            for line in (x for lines in parts for x in lines if x.text.startswith("Ahead:")):
                ahead += 1
                if line.band is not None:
                    assert line.estimate == "source" and line.estimate_by, line.text
                    assert _hedged(line.text), line.text
    assert ahead


def _hedged(text: str) -> bool:
    from geobrief.analyse.cues import BANDS
    words = ("likely", "probabl", "could", "may", "might", "expected", "chance", "unlikely",
             "certain", "possib", "would", "will")
    return any(w in text.lower() for w in words) or any(b in text.lower() for b in BANDS)


def _forward(text: str, speaker: str | None, actor: str | None,
             source: str | None = None, kind: str | None = None):
    from datetime import datetime

    from geobrief.compose.evidence import Evidence
    from geobrief.compose.sections import next_line
    from geobrief.models import OutlookItem, Sentence
    from geobrief.store.stories import ArticleRef

    ref = ArticleRef(7, "https://harbour.example/7", "Port talks", datetime(2024, 5, 2, 9),
                     "harbour.example", None, None)
    sentence = Sentence(7, 3, text, speaker=speaker, forward=True)
    stored = OutlookItem(7, 3, actor=actor, source=source, source_kind=kind)
    return next_line(Evidence(sentence, [ref]), stored)


@pytest.mark.parametrize("speaker,actor,label", [
    ("He", None, "harbour.example"),  # an unresolved speaker is never the label
    ("I", "I", "harbour.example"),
    ("they", "This", "harbour.example"),
    ("Hafsa Noor", "it", "Hafsa Noor"),  # a named speaker stands in for a pronoun actor
    ("Hafsa Noor", "The dockers' union", "The dockers' union"),
    ("Some say the strike is near He", None, "harbour.example"),  # a fragment ending in one
    (None, None, None),  # nothing known: no label at all
    ("your correspondent just", None, "harbour.example"),  # clause fragments
    ("We do", None, "harbour.example"),
    ("10 a.m. (0800 GMT)) A port official", None, "harbour.example"),  # a glued time stamp
    ("Port spokesman Ali Haidar", None, "Port spokesman Ali Haidar"),
])
def test_what_happens_next_never_labels_an_item_with_a_pronoun(speaker, actor, label):
    """On Timeline17's LibyaWar_cnn 2011-03-21 "What happens next?" printed **He**: and
    **This**: as who would act. A pronoun the analysis left unresolved gives way to a
    named speaker, else to the outlet that printed the sentence."""
    line = _forward("\"I think the dockers will strike for weeks.\"", speaker, actor)
    assert line.actor == label
    party = _forward("We will reopen the port on Friday, he said.", "he", "We",
                     source="he", kind="party")
    assert party.actor == party.estimate_by == "harbour.example"


def test_past_dates_are_not_shown_as_what_happens_next(gb, days):
    for day in days:
        for story in gb.brief(day, length="long").stories:
            for line in story.what_happens_next:
                if line.horizon:
                    assert line.horizon >= day.isoformat(), (day, line.text)


# --- quiet days, diversity, languages ------------------------------------------------------


def test_a_quiet_day_briefs_the_developing_storylines(gb, days):
    """Issue 19: a day with no new report answered "no stored news"."""
    quiet = days[-1] + timedelta(days=1)
    briefing = gb.brief(quiet)
    assert briefing.notice and "Nothing new was reported" in briefing.notice
    assert briefing.stories
    assert all(s.quiet for s in briefing.stories)
    assert all(s.what_is_happening[0].text.startswith("No new report") or
               s.at_a_glance[0].text.startswith("No new report") for s in briefing.stories)
    md = gb.render(briefing, "md")
    assert "Nothing new was reported" in md
    jsonschema.validate(json.loads(gb.render(briefing, "json")), load_schema())
    # storylines quiet for longer than the thread window are not "developing"
    with pytest.raises(ComposeError) as raised:
        gb.brief(days[-1] + timedelta(days=400))
    assert raised.value.code == Code.NO_NEWS


def test_every_story_shows_its_source_diversity(gb, days):
    briefing = _brief(gb, days[-1])
    md = gb.render(briefing, "md")
    for story in briefing.stories:
        assert story.diversity and "publisher" in story.diversity
        n = int(story.diversity.split()[0])
        assert 1 <= n <= story.articles
        if not story.folded:
            assert story.diversity in md


def test_diversity_counts_a_wire_family_once_and_names_state_funding():
    """What the story's meta line shows (stories.rank.diversity over the documented
    publishers table): a wire and its regional edition are one publisher."""
    from geobrief.store.stories import ArticleRef
    from geobrief.stories.rank import diversity

    def ref(n: int, outlet: str, domain: str, country: str) -> ArticleRef:
        return ArticleRef(n, f"https://{domain}/{n}", "t", None, outlet, country, None,
                          domain)  # type: ignore[arg-type]

    reports = [ref(1, "TASS", "tass.com", "RU"), ref(2, "Reuters", "reuters.com", "GB"),
               ref(3, "Reuters UK", "uk.reuters.com", "GB"),
               ref(4, "Yonhap", "yna.co.kr", "KR")]
    text = diversity(reports).describe()
    assert text.startswith("3 independent publishers from 3 countries"), text
    assert "1 state-funded" in text


def test_previously_comes_from_the_storyline(gb, days):
    """The storyline's most relevant earlier stories over its life, newest first, never
    the day itself; titles never cut mid-word."""
    for story in gb.brief(days[-1], length="long").stories:
        dates = [p.date for p in story.previously]
        assert dates == sorted(dates, reverse=True)
        assert all(d < story.date for d in dates)
        for p in story.previously:
            assert len(p.title) <= 121
            assert not p.title.endswith("\u2026") or p.title[-2] != " "


# --- never crash on content ----------------------------------------------------------------

PIECES = ["Burkina Faso orders French troops to leave.", "Moscow denied the reports.",
          "The Pentagon could not confirm it.", "Officials said 3,000 troops were sent.",
          "Talks will likely resume next week, diplomats said.", "Le gouvernement a nié.",
          "Правительство опровергло сообщения.",
          "\u0646\u0641\u062a \u0627\u0644\u062d\u0643\u0648\u0645\u0629.",
          "Privacy Policy", "Read more:", "", " ", "(Reuters) -", "\u2026"]
_counter = count()


@settings(max_examples=20, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(items=st.lists(st.tuples(
    st.sampled_from(PIECES[:6]) | st.text(min_size=1, max_size=40),
    st.lists(st.sampled_from(PIECES) | st.text(max_size=60), max_size=6).map(" ".join),
    st.integers(min_value=0, max_value=3),
    st.sampled_from(["en", "fr", "ru", "ar", None])), min_size=1, max_size=6),
    length=st.sampled_from(["short", "standard", "long"]))
def test_composing_never_raises_on_any_article_set(tmp_path_factory, items, length):
    """Headline-only items, one-sentence stories, all-furniture texts, other languages,
    quiet days between: every day from the first to the day after the last briefs (or,
    only when nothing at all is stored before it, says so with NO_NEWS), and renders."""
    folder = tmp_path_factory.mktemp(f"compose{next(_counter)}")
    records = [{"url": f"https://example.org/{i}", "title": title, "text": text or title,
                "published": f"2024-11-{10 + offset * 2}T12:00:00+00:00",
                "outlet": f"outlet{i % 3}.example", **({"language": lang} if lang else {})}
               for i, (title, text, offset, lang) in enumerate(items)]
    path = folder / "items.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    cfg = Settings(db=str(folder / "c.db")).with_overrides(min_article_chars="1")
    with Geobrief(cfg) as gb:
        gb.ingest([str(path)], on_error=lambda e: None)
        gb.update()
        for n in range(0, 9):
            day = date(2024, 11, 10 + n)
            try:
                briefing = gb.brief(day, length=length)
            except ComposeError as exc:
                assert exc.code == Code.NO_NEWS
                continue
            for fmt in ("md", "html", "json"):
                assert gb.render(briefing, fmt)
            jsonschema.validate(json.loads(gb.render(briefing, "json")), load_schema())


def test_a_report_in_another_language_is_given_by_its_title_not_untranslated(tmp_path):
    """Issue 19: the demo printed the French copy of a story untranslated. Sentences in
    another language than the edition's are never printed; the report's title line is,
    with its language and link."""
    french = "La Russie et la Corée du Nord ratifient leur traité de défense"
    records = [
        {"url": "https://lemonde.example/1", "title": french, "language": "fr",
         "text": "La Russie et la Corée du Nord ont ratifié leur traité de défense "
                 "mutuelle. Le Kremlin a nié la présence de soldats nord-coréens.",
         "published": "2024-11-22T12:00:00+00:00", "outlet": "lemonde.example"},
        {"url": "https://wire.example/2", "title": "Russia and North Korea ratify treaty",
         "language": "en", "text": "Russia and North Korea have ratified their mutual "
         "defence treaty, officials in Moscow said. The Kremlin denied the reports.",
         "published": "2024-11-22T13:00:00+00:00", "outlet": "wire.example"}]
    path = tmp_path / "items.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with Geobrief(Settings(db=str(tmp_path / "f.db"))) as app:
        app.ingest([str(path)])
        app.update()
        briefing = app.brief(date(2024, 11, 22), ["US"])
        md = app.render(briefing, "md")
    assert "Le Kremlin a nié" not in md and "ont ratifié" not in md
    titled = [x for s in briefing.stories for x in s.at_a_glance + s.what_is_happening
              if x.language == "fr"]
    assert titled and all("French" in x.text and french in x.text for x in titled)
    assert all(x.citations[0].url == "https://lemonde.example/1" for x in titled)


# --- real news (../shared/data): floors under eval/briefing_quality.py's figures ----------

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


@pytest.mark.shared_data
@pytest.mark.skipif(not (SHARED / "timeline17" / "LibyaWar_cnn").exists(),
                    reason="../shared/data/timeline17 is absent")
def test_real_briefings_fit_the_budget_and_repeat_little():
    """Timeline17 LibyaWar_cnn, its two busiest days and the quiet day after each.
    Printed by the script (all three corpora): words median 5,903 -> 1,277 on Timeline17,
    repeated-word share 0.49 -> 0.17 (target 0.05), 0.103 -> 0.084 at stop 27 (the no-tie
    line says where geobrief looked once; Previously items not printed twice), 0.053 ->
    0.025 at stop 28 (stand-in titles from each page's lead, not its furniture; the reader
    bullet's opening once per briefing); quiet days 0 -> all briefed. Floors hold today's
    figures with a margin; raise them as composition improves."""
    tally = QUALITY.run_corpus("timeline17", 2, ["LibyaWar_cnn"], 0, None)
    assert not tally.failures, tally.failures
    assert statistics.median(tally.words) <= BUDGETS[Length.STANDARD].words
    assert statistics.median(tally.repeated) <= 0.04, tally.repeated  # 0.12 until stop 28
    assert tally.quiet and all(tally.quiet), tally.quiet_failures


@pytest.mark.shared_data
@pytest.mark.skipif(not (SHARED / "timeline17" / "LibyaWar_cnn").exists(),
                    reason="../shared/data/timeline17 is absent")
def test_real_what_happens_next_names_who_would_act_never_a_pronoun():
    """Timeline17 LibyaWar_cnn on 2011-03-21 printed **He**: over a CNN correspondent's
    past observation and **This**: as who would act. Every outlook line of the day
    (shown or kept under "more") is labelled by a name, a named speaker or the outlet,
    and the day still has outlook lines to show."""
    import corpora  # eval/corpora.py, on the path through _quality()

    corpus = corpora.load("timeline17", ["LibyaWar_cnn"])
    with corpora.built(corpus) as done:
        briefing = corpora.brief_days(done, ["2011-03-21"])["2011-03-21"]
    assert not isinstance(briefing, str), briefing
    pronouns = {"i", "he", "she", "it", "they", "we", "you", "this", "that", "these", "those"}
    labelled = 0
    for story in briefing.stories:
        for line in story.what_happens_next + story.more.get("what_happens_next", []):
            for label in (line.actor, line.estimate_by):
                if label:
                    labelled += 1
                    assert label.split()[-1].strip('."').lower() not in pronouns, \
                        (label, line.text)
    assert labelled >= 5


def test_a_reader_whose_tie_quotes_a_bullet_is_not_told_there_is_no_tie() -> None:
    """At a glance's reader bullet: when the only tie quotes the sentence a bullet above
    already holds, the bullet gives the tie's frame pointing at that line; it never says
    that the reports show no direct tie for that reader."""
    from geobrief.compose.writer import _reader_bullet
    from geobrief.models import Line, Reason

    quote = "Three warships of the Northland navy sailed into the strait on Monday."
    tie = Reason("party", f"Northland is one of the main countries in this story: {quote}",
                 strength=1.0, glance=f"Northland is one of the main countries in this "
                 f"story: {quote}", quotes=quote)
    names = {"NL": "Northland", "SL": "Southland"}
    for_you = {"NL": [Line(tie.text, [])], "SL": [Line("No direct tie.", [])]}
    line = _reader_bullet(for_you, {"NL": [tie], "SL": []}, names, [quote])
    assert line.text == ("For readers in Northland, Northland is one of the main countries "
                         "in this story, as the line above reports.")
    assert "no direct tie" not in line.text
    untied = _reader_bullet({"SL": [Line("No direct tie.", [])]}, {"SL": []}, names, [quote])
    assert "no direct tie" in untied.text and "Southland" in untied.text


def test_the_reader_bullets_opening_is_said_once_per_briefing() -> None:
    """Timeline17 2011-01-28 opened three stories' reader bullets with "For readers in the
    United States, their country is itself a party to what is agreed": the first story
    says it; below, the country is named in the frame, and a frame printed above gives
    way to the story's own quote."""
    from types import SimpleNamespace

    from geobrief.compose.briefing import Composer
    from geobrief.compose.budget import Printed
    from geobrief.models import Line

    composer = SimpleNamespace(names={"US": "the United States"}, addressed=set(),
                               printed=Printed())
    party = "their country is itself a party to what is agreed"
    talks = "their country takes part in the talks"
    bullets = [(party, "Egypt is second in the aid it receives from Washington."),
               (talks, "Washington will review its assistance posture, the spokesman said."),
               (party, "Cairo asked for a new loan on Friday.")]
    said = []
    for frame, quote in bullets:
        glance = [Line("Protests spread.", []),
                  Line(f"For readers in the United States, {frame}: {quote}", [], reader="US")]
        line = Composer.reader_opening_once(composer, glance)[-1]  # type: ignore[arg-type]
        said.append(line.text)
        composer.printed.add(line.text)
        assert line.text.endswith(quote) and line.reader == "US"
    assert said[0] == f"For readers in the United States, {party}: {bullets[0][1]}"
    assert said[1] == f"The United States takes part in the talks: {bullets[1][1]}"
    assert said[2] == f"Also for the United States: {bullets[2][1]}"
    other = Line("For readers in the United States, it concerns their country's own people: "
                 "42 Americans were evacuated.", [], reader="US")
    assert Composer.reader_opening_once(composer, [other])[-1].text == (  # type: ignore[arg-type]
        "It concerns the United States' own people: 42 Americans were evacuated.")


def test_a_reader_part_quoting_a_bullet_keeps_its_frame_and_points_at_the_bullet() -> None:
    """WCEP 2023-01-19 printed the whole lead sentence again under "Readers in South
    Korea" after "South Korea is one side of the dispute:"; the part now keeps the frame
    and points at the line that holds the sentence."""
    from geobrief.compose.budget import drop_repeats
    from geobrief.models import Briefing, Citation, CitationKind, Edition, Line, StoryBrief

    quote = ("Iran and Northland summon each other's ambassadors in a deepening dispute "
             "between the countries, according to Reuters.")
    cite = [Citation(CitationKind.ARTICLE, "https://example.invalid/1", "Reuters",
                     "2023-01-19")]
    story = StoryBrief(
        id="s1", thread="t1", thread_name="", title="Ambassadors summoned", date="2023-01-19",
        first_seen="2023-01-19", outlets=["Reuters"], sources=1, articles=1,
        at_a_glance=[Line(quote, cite)],
        what_is_happening=[Line("Only Reuters has reported it so far.", cite)],
        what_is_in_it_for_you={"NL": [Line(
            f"Northland is one side of the dispute: {quote}", cite, reader="NL")]},
        what_happens_next=[Line("Nothing expected next is reported.", cite)], previously=[])
    briefing = Briefing("b1", date(2023, 1, 19), Edition(("NL",)), [story],
                        "2023-01-19T06:00:00+00:00")
    drop_repeats(briefing)
    part = briefing.stories[0].what_is_in_it_for_you["NL"]
    assert [x.text for x in part] == [
        "Northland is one side of the dispute, as At a glance reports."]
    assert part[0].citations == cite


def test_a_partys_own_statement_takes_the_right_possessive() -> None:
    """Timeline17 LibyaWar_cnn 2011-03-21 printed "U.S. officials's own statement"."""
    from geobrief.compose.render.common import band_label
    from geobrief.models import Line

    for who, label in (("U.S. officials", "U.S. officials' own statement, not an estimate"),
                       ("Barack Obama", "Barack Obama's own statement, not an estimate")):
        line = Line("They plan to hand over control.", [], estimate="party", estimate_by=who)
        assert band_label(line) == label


def test_no_tie_lines_say_where_geobrief_looked_once_per_briefing() -> None:
    """WCEP 2023-01-19 repeated "Readers in Australia, the United States, Ukraine and South
    Korea: no direct tie to ... found in the reports or in geobrief's knowledge." under
    story after story (most of its repeated words). The first says where geobrief looked;
    later ones do not say it again, and the edition's whole readership is not listed again
    (its first line names it)."""
    from types import SimpleNamespace

    from geobrief.compose.briefing import no_tie_line

    names = {"AU": "Australia", "US": "the United States", "UA": "Ukraine", "IQ": "Iraq"}
    ev = SimpleNamespace(actors=["IQ"], citations_today=lambda: [])
    first = no_tie_line(["AU", "UA"], ev, names, [])  # type: ignore[arg-type]
    assert first.text == ("Readers in Australia and Ukraine: no direct tie to Iraq found in "
                          "the reports or in geobrief's knowledge.")
    later = no_tie_line(["AU", "UA"], ev, names, [], explained=True)  # type: ignore[arg-type]
    assert later.text == "Other readers: no direct tie to Iraq either."
    everyone = no_tie_line(["AU", "US", "UA"], ev, names, [],  # type: ignore[arg-type]
                           everyone=True)
    assert everyone.text.startswith("No reader group of this edition has a direct tie to Iraq")
    assert "Australia" not in everyone.text


def test_previously_items_printed_by_a_story_above_are_not_printed_again() -> None:
    """Two stories of one storyline share their past (Timeline17 EgyptianProtest_cnn
    2011-01-28 listed one earlier story under four stories); each earlier story is listed
    once, and a story whose earlier stories were all listed above points at that story."""
    from geobrief.compose.budget import drop_repeated_previously
    from geobrief.models import PreviousBrief

    a = PreviousBrief("2011-03-20", "Allied strikes begin", None, "s1")
    b = PreviousBrief("2011-03-19", "The UN votes a no-fly zone", None, "s2")
    c = PreviousBrief("2011-03-18", "Gadhafi declares a ceasefire", None, "s3")
    stories = [SimpleNamespace(folded=None, previously=p, previously_above=None)
               for p in ([a, b], [a, c], [b])]
    drop_repeated_previously(SimpleNamespace(stories=stories))  # type: ignore[arg-type]
    assert [s.previously for s in stories] == [[a, b], [c], []]
    assert [s.previously_above for s in stories] == [None, None, 1]


def test_a_reader_bullet_does_not_quote_again_what_a_story_above_printed() -> None:
    """Timeline17 LibyaWar_cnn 2011-02-21: two stories quoted one report's sentence, the
    second in its reader bullet (45 words again; the first had printed it without
    "Monday"). The bullet then takes the reader's next tie."""
    from geobrief.compose.briefing import Composer
    from geobrief.compose.budget import Printed
    from geobrief.models import Line, Reason

    printed = ("U.S. authorities were keeping a close watch on Libya's rapidly unfolding "
               "political crisis, in part to see what possibilities might exist for reform.")
    again = printed.replace("crisis,", "crisis Monday,")
    talks = Reason("party", f"Northland takes part in the talks: {again}", strength=1.0,
                   glance=f"Northland takes part in the talks: {again}", quotes=again)
    troops = Reason("troops", "Northland keeps 500 troops there.", strength=0.8,
                    glance="Northland keeps 500 troops there.")
    composer = Composer.__new__(Composer)
    composer.names = {"NL": "Northland"}
    composer.printed = Printed()
    lead = Line("Protests spread to the capital.", [])
    bullet = Line(f"For readers in Northland, {talks.glance}", [], reader="NL")
    ties = {"NL": [talks, troops]}
    for_you = {"NL": [Line(talks.text, []), Line(troops.text, [])]}
    assert composer.reader_bullet_not_repeated([lead, bullet], for_you, ties)[-1] is bullet
    composer.printed.add(printed)
    swapped = composer.reader_bullet_not_repeated([lead, bullet], for_you, ties)[-1]
    assert swapped.text == "For readers in Northland, Northland keeps 500 troops there."
