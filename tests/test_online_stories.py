"""The online clusterer: order of arrival, later batches, and headlines as evidence.

The store-level tests re-ingest the demo corpus's articles as JSON Lines (the same records
in different orders or split over two runs) and compare placements by URL, since article
ids follow the order of ingest.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from geobrief.analyse.features import minhash, term_weights
from geobrief.ingest import ingest_sources
from geobrief.pipeline import bring_up_to_date
from geobrief.settings import Settings
from geobrief.store import open_store
from geobrief.stories.cluster import StoryIndex, cosine, normalise
from geobrief.stories.headlines import HeadlineIndex, headline_counts
from geobrief.stories.online import LINK_RULES, OnlineClusterer, Row, own_thread
from geobrief.stories.threadsums import ThreadSums
from tests.conftest import demo_records, rows

PLACED = """
    SELECT a.url, sa.story_id, s.thread_id, o.url
    FROM articles a JOIN story_articles sa ON sa.article_id = a.id
    JOIN stories s ON s.id = sa.story_id LEFT JOIN articles o ON o.id = a.origin_id
"""


def _placements(tmp: Path, name: str, batches: list[list[dict]]) -> dict[str, tuple]:
    """Ingest each batch as a JSON Lines file and bring the store up to date after each."""
    settings = Settings()
    store = open_store(str(tmp / f"{name}.db"))
    try:
        for n, batch in enumerate(batches):
            path = tmp / f"{name}-{n}.jsonl"
            path.write_text("".join(json.dumps(r) + "\n" for r in batch), encoding="utf-8")
            report = ingest_sources(store, [str(path)], settings)
            assert not report.errors
            bring_up_to_date(store, settings)
    finally:
        store.close()
    return {url: (story, thread, origin)
            for url, story, thread, origin in rows(tmp / f"{name}.db", PLACED)}


def test_a_batch_gives_the_same_stories_whatever_order_it_arrives_in(demo_master, tmp_path):
    records = demo_records(demo_master)
    shuffled = records[:]
    random.Random(7).shuffle(shuffled)
    in_order = _placements(tmp_path, "ordered", [records])
    assert len(in_order) == len(records)
    assert _placements(tmp_path, "shuffled", [shuffled]) == in_order
    assert _placements(tmp_path, "reversed", [records[::-1]]) == in_order


def test_a_later_batch_leaves_earlier_placements_alone(demo_master, tmp_path):
    records = demo_records(demo_master)
    cut = records[len(records) // 2]["published"][:10]
    early = [r for r in records if r["published"][:10] < cut]
    late = [r for r in records if r["published"][:10] >= cut]
    first = _placements(tmp_path, "early", [early])
    both = _placements(tmp_path, "both", [early, late])
    assert {u: both[u] for u in first} == first
    assert len(both) == len(records)
    # some later articles joined a story or a thread begun in the first batch
    early_threads = {thread for _story, thread, _origin in first.values()}
    assert any(both[r["url"]][1] in early_threads for r in late)


# --- headlines ------------------------------------------------------------------------------

def test_headline_index_ranks_by_cosine_and_forgets_removed_stories():
    index = HeadlineIndex()
    index.add("s-a", {"equifax": 0.8, "breach": 0.6})
    index.add("s-b", {"equifax": 0.6, "shares": 0.8})
    found = index.similar({"equifax": 0.8, "breach": 0.6}, 0.3)
    assert [story for _score, story in found] == ["s-a", "s-b"]
    assert found[0][0] == 1.0
    assert [story for _score, story in index.similar({"shares": 1.0}, 0.9)] == []
    index.remove("s-a")
    assert [story for _score, story in index.similar({"breach": 1.0}, 0.0)] == []
    assert "breach" not in index.postings


def test_headline_counts_drop_stopwords_short_words_and_numbers():
    assert set(headline_counts("Equifax: 2.5 million more people exposed in the breach")) \
        == {"equifax", "million", "people", "exposed", "breach"}


BACKGROUND = [
    ("Climate talks in Baku run past their deadline",
     "Negotiators argued over finance for developing countries as the summit overran."),
    ("Brazil hands the G20 presidency to South Africa",
     "Leaders in Rio de Janeiro signed a declaration on hunger and on taxing the very rich."),
    ("ICC issues warrants for Netanyahu and Gallant",
     "Judges in The Hague said there were grounds to believe crimes were committed in Gaza."),
    ("Football club sacks its manager after a poor run",
     "The board thanked the coach and named an interim replacement for the weekend match."),
]
EQUIFAX_WIRE = (
    "Equifax breach exposes millions of customers",
    "Credit reporting agency Equifax said hackers stole names, birth dates and social "
    "security numbers of millions of customers in a breach discovered in July. Shares "
    "fell sharply in after-hours trading as lawmakers demanded answers about the delay.")
EQUIFAX_EXPLAINER = (
    "What the Equifax breach means for customers",
    "If you have a credit file you were probably affected. Freeze your credit, watch your "
    "bank statements and consider an identity theft protection plan, consumer advocates "
    "advise. Equifax set up a website where people can check whether they were affected.")


def _row(n: int, title: str, text: str, hours: int) -> Row:
    return Row(n, f"https://example.org/{n}", title,
               datetime(2017, 9, 8) + timedelta(hours=hours),
               term_weights(title, text, Counter()), minhash(text), None, None)


def _stories(settings: Settings) -> tuple[str, str]:
    clusterer = OnlineClusterer(settings)
    background = [_row(n, t, x, n) for n, (t, x) in enumerate(BACKGROUND)]
    clusterer.place(background)
    wire, explainer = clusterer.place([_row(10, *EQUIFAX_WIRE, 10),
                                       _row(11, *EQUIFAX_EXPLAINER, 12)])
    return wire.story, explainer.story


def test_an_article_joins_the_story_whose_headlines_match_when_texts_agree_enough():
    defaults = Settings()
    wire, explainer = _stories(defaults)
    assert wire == explainer
    wire, explainer = _stories(defaults.with_overrides(story_headline_threshold=0))
    assert wire != explainer  # the full texts alone are too far apart
    wire, explainer = _stories(defaults.with_overrides(story_headline_gate=0.9))
    assert wire != explainer  # nor when the texts must agree more than they do


# --- the numpy paths against the plain dict arithmetic they replace -----------------------

def _random_vectors(seed: int, count: int) -> list[dict[str, float]]:
    rng = random.Random(seed)
    vocabulary = [f"term{i}" for i in range(60)]
    return [{t: rng.choice([1.0, 1.5, 2.0, rng.random() + 0.5])
             for t in rng.sample(vocabulary, rng.randint(3, 25))} for _ in range(count)]


def test_centroids_equal_the_sum_of_members_weighted_today_to_the_bit():
    clusterer = OnlineClusterer(Settings())
    rows_in = [Row(n, f"https://example.org/{n}", f"title {n}", datetime(2024, 1, 1),
                   terms, b"", None, None) for n, terms in enumerate(_random_vectors(3, 30))]
    for row in rows_in:
        clusterer.count(row)
    for row in rows_in:  # three stories of ten members, weighed at today's count
        clusterer._join(f"s-{row.id % 3}", row, clusterer.vector(row.terms))
    for story in ("s-0", "s-1", "s-2"):
        total: dict[str, float] = {}
        for row, _vector in clusterer.members[story]:
            for term, weight in clusterer.vector(row.terms).items():
                total[term] = total.get(term, 0.0) + weight
        assert clusterer.centroid_now(story) == normalise(total)
        assert list(clusterer.centroid_now(story)) == list(total)  # the same term order


def test_thread_sums_score_as_cosine_with_the_normalised_sum_to_the_bit():
    sums = ThreadSums()
    reference: dict[str, dict[str, float]] = {}
    vectors = _random_vectors(5, 40)
    for n, vector in enumerate(vectors[:30]):
        thread = f"t-{n % 7}"
        sums.add(thread, vector)
        total = reference.setdefault(thread, {})
        for term, weight in vector.items():
            total[term] = total.get(term, 0.0) + weight
    smaller = {t: w for t, w in reference["t-3"].items() if t not in vectors[3]}
    sums.replace("t-3", smaller)  # a story left the thread
    reference["t-3"] = smaller
    sums.replace("t-6", {})  # the thread's last story left
    del reference["t-6"]
    for vector in vectors[30:]:
        chosen, scores = sums.cosines(vector, set(vector), [])
        got = {sums.thread_at[s]: score for s, score in zip(chosen.tolist(), scores.tolist(),
                                                            strict=True)}
        expected = {t: cosine(vector, normalise(total)) for t, total in reference.items()
                    if set(total) & set(vector)}
        assert got == expected


def test_story_index_scores_a_shortlist_at_once_as_one_by_one_to_the_bit():
    index = StoryIndex(timedelta(hours=36), timedelta(days=3))
    vectors = [normalise(v) for v in _random_vectors(9, 60)]
    for n, vector in enumerate(vectors[:40]):
        index.add(f"s-{n % 9}", vector, datetime(2024, 1, 1) + timedelta(minutes=n))
    index.remove("s-4")  # its postings entries stay until compacted
    slots = [index.slot_of[f"s-{n}"] for n in (0, 1, 2, 3, 5, 6, 7, 8)]
    for vector in vectors[40:]:
        expected = [index.similarity(vector, index.story_at[s]) for s in slots]
        assert index.similarities(vector, slots) == expected


# --- thread links ------------------------------------------------------------------------

def test_a_weak_link_is_taken_to_a_live_thread_that_names_the_same_countries():
    clusterer = OnlineClusterer(Settings())
    day = datetime(2011, 2, 1)
    clusterer.recent.add("s-cairo", "t-cairo", day,
                         {"protest": 0.6, "tahrir": 0.5, "@EG": 0.6, "@US": 0.1})
    clusterer.recent.add("s-tripoli", "t-tripoli", day,
                         {"protest": 0.6, "benghazi": 0.5, "@LY": 0.6})
    egypt = {"square": 0.7, "army": 0.5, "@EG": 0.5}
    libya = {"square": 0.7, "army": 0.5, "@LY": 0.5}
    syria = {"square": 0.7, "army": 0.5, "@SY": 0.5}
    weak = (0.08, "t-cairo")  # below thread_threshold and not three times the runner-up
    runner = (0.07, "t-tripoli")
    next_day = day + timedelta(days=1)

    def link(best, second, vector, when=next_day):
        got = clusterer._linked_thread(best, second, vector, when)
        return (got.thread, got.rule) if got else None

    assert link(weak, runner, egypt) == ("t-cairo", "countries")
    # the runner-up names its countries
    assert link(weak, runner, libya) == ("t-tripoli", "countries")
    assert link(weak, runner, syria) is None  # neither does
    assert link(weak, None, egypt, day + timedelta(days=3)) is None  # thread quiet
    assert link((0.03, "t-cairo"), None, egypt) is None  # weaker still
    assert link((0.2, "t-cairo"), runner, libya) == ("t-cairo", "similar")  # close enough
    assert link((0.13, "t-cairo"), (0.04, "t-tripoli"), libya) == ("t-cairo", "clear")
    off = OnlineClusterer(Settings().with_overrides(thread_country_threshold=0))
    off.recent = clusterer.recent
    assert off._linked_thread(weak, runner, egypt, next_day) is None


def test_each_story_stores_the_rule_that_linked_it_to_its_thread(demo_master):
    """A story that began its thread has no rule; every other has one, with its score."""
    found = rows(demo_master, "SELECT id, thread_id, thread_link, thread_score FROM stories")
    began = [(link, score) for sid, thread, link, score in found if thread == own_thread(sid)]
    joined = [(link, score) for sid, thread, link, score in found if thread != own_thread(sid)]
    assert began and all(link is None and score is None for link, score in began)
    assert joined and all(link in LINK_RULES and score > 0 for link, score in joined)
    rules = Counter(link for link, _score in joined)
    assert rules["similar"] > 0
    assert all(score >= Settings().thread_threshold for link, score in joined
               if link == "similar")


def test_one_batch_longer_than_the_thread_window_links_only_within_it():
    """A backfill placed at once: the same report 40 days later starts a new thread, 10
    days later it continues the first one."""
    def threads(days_apart: int) -> set[str]:
        clusterer = OnlineClusterer(Settings())
        clusterer.place([_row(n, *EQUIFAX_WIRE, hours=24 * days_apart * n) for n in (0, 1)])
        return set(clusterer.assign_threads().values())

    assert len(threads(10)) == 1
    assert len(threads(40)) == 2


def test_reports_in_another_language_join_their_events_story(demo_master):
    """The two French COP29 reports share almost no words with the English ones; their
    anchors (Azerbaïdjan, COP29, 250, 2035) place them in the English reports' stories,
    which then list both languages (before anchors they were stories of their own)."""
    found = rows(demo_master, "SELECT s.languages, a.language, a.title FROM articles a "
                 "JOIN story_articles sa ON sa.article_id = a.id "
                 "JOIN stories s ON s.id = sa.story_id")
    french = [(languages, title) for languages, language, title in found if language == "fr"]
    assert len(french) == 2
    assert all(languages == "en,fr" for languages, _title in french)
    assert {languages for languages, language, _t in found if language == "en"} == {
        "en", "en,fr"}


def test_anchors_are_countries_figures_and_names_in_any_language():
    """Countries by their names in the report's language (pycountry's locales), figures
    without thousands separators, capitalised names that do not open a sentence."""
    from geobrief.analyse.anchors import article_anchors, language_of

    french = article_anchors("COP29 - un projet à 250 milliards", "La présidence de "
                             "l'Azerbaïdjan a publié à Bakou un texte: 1 300 milliards "
                             "d'ici 2035. La Russie et l'Allemagne se taisent.", "fr",
                             Counter())
    assert {"@AZ", "@RU", "@DE", "#250", "#1300", "#2035", "~cop29", "~bakou"} <= set(french)
    assert "~la" not in french and "#29" not in french  # a sentence opener; part of COP29
    english = article_anchors("Baku draft offers $250 billion", "Talks in Baku reached "
                              "8,000 delegates at Russia's COP29.", "en", Counter({"AZ": 1}))
    assert {"@AZ", "#250", "#8000", "~cop29", "~russia"} <= set(english)
    assert "@RU" not in english  # English country names are the knowledge linker's
    assert language_of("en-GB") == "en" and language_of(None) == ""
    # a headline in title case ("How Much Will Equifax Pay?") capitalises every word:
    # only the names its text writes as names count ("~equifax", not "~much", "~will")
    styled = article_anchors("How Much Will Equifax Pay After The Breach?", "Lawyers say "
                             "Equifax faces claims from millions.", "en", Counter())
    assert "~equifax" in styled and not {"~much", "~will", "~breach"} & set(styled)
    plain_title = article_anchors("Lawyers weigh what Equifax will pay", "Claims grow.",
                                  "en", Counter())
    assert "~equifax" in plain_title  # a name in a sentence-case headline still counts


def test_a_report_in_another_language_joins_by_anchors_only_across_languages():
    """Anchors join a report to a story none of whose reports is in its language; within
    one language words decide, so the same anchors do not join two English reports."""
    def placed(second_language: str) -> set[str]:
        clusterer = OnlineClusterer(Settings())
        anchors = {"@AZ": 2.0, "#250": 2.0, "#2035": 1.0, "~cop29": 1.0}
        first = _row(0, "COP29 draft proposes 250 billion", "A new draft deal in Baku "
                     "proposes 250 billion dollars a year by 2035 for developing nations.", 0)
        second = _row(1, "Un projet à 250 milliards", "La présidence a publié un nouveau "
                      "texte prévoyant des financements annuels jusqu'en 2035.", 2)
        first.language, first.anchors = "en", anchors
        second.language, second.anchors = second_language, dict(anchors)
        return {p.story for p in clusterer.place([first, second])}

    assert len(placed("fr")) == 1
    assert len(placed("en")) == 2


def test_a_storyline_quiet_for_months_continues_when_its_actors_do():
    """The same report 40 days later (past the 30-day thread window) continues the
    storyline by the "storyline" rule when its key actors are the storyline's; with other
    actors, or with the rule off, it starts a thread of its own."""
    def link(second_anchors: dict[str, float], **settings: float) -> tuple[int, str | None]:
        clusterer = OnlineClusterer(Settings().with_overrides(**settings))
        rows = [_row(n, *EQUIFAX_WIRE, hours=24 * 40 * n) for n in (0, 1)]
        rows[0].anchors = {"~equifax": 2.0, "@US": 1.0, "#143": 1.0}
        rows[1].anchors = second_anchors
        clusterer.place(rows)
        threads = clusterer.assign_threads()
        return len(set(threads.values())), next(
            (link.rule for link in clusterer.link_of.values()), None)

    same = {"~equifax": 2.0, "@US": 1.0, "#143": 1.0}
    assert link(same) == (1, "storyline")
    assert link({"~tesla": 2.0, "@FR": 1.0, "#250": 1.0}) == (2, None)
    assert link(same, storyline_actor_cosine=0) == (2, None)
    assert link(same, storyline_window_days=30) == (2, None)


def test_reports_alike_in_words_but_naming_other_countries_are_other_events():
    """Two accident reports in the same words join, unless each names countries the other
    does not (the same kind of event, elsewhere); ``story_country_veto`` turns it off."""
    def stories(second: dict[str, float], **settings: bool) -> int:
        clusterer = OnlineClusterer(Settings().with_overrides(**settings))
        texts = ("Two people are killed and four injured when a crane collapses on a "
                 "building site in the capital, police said, as rescuers searched the rubble.",
                 "A crane collapses on a building site in the capital, killing two people and "
                 "injuring four; rescuers searched the rubble overnight, police said.")
        rows = [_row(n, "Crane collapse kills two", texts[n], hours=n) for n in (0, 1)]
        rows[0].anchors, rows[1].anchors = {"@IR": 1.0, "~khoy": 1.0}, second
        return len({p.story for p in clusterer.place(rows)})

    assert stories({"@IR": 1.0}) == 1
    assert stories({}) == 1  # no country named: words decide
    assert stories({"@AZ": 1.0}) == 2
    assert stories({"@AZ": 1.0}, story_country_veto=False) == 1


def test_a_storyline_continues_on_its_actors_never_on_its_kind_of_event():
    """WCEP January 2023: reports of unrelated accidents share "killed", "injured" and at
    most a country; a thread link asks for a shared key actor (a name that is no
    country's, title or date) or two shared countries, whatever the words' score."""
    clusterer = OnlineClusterer(Settings())
    day = datetime(2023, 1, 10)
    clusterer.recent.add("s-bus", "t-bus", day, {"killed": 0.6, "injured": 0.5, "bus": 0.5},
                         actors={"@TR": 0.6, "~diyarbakir": 0.6, "~turkey": 0.4})
    clusterer.recent.add("s-lula", "t-lula", day, {"sworn": 0.6, "president": 0.5},
                         actors={"@BR": 0.5, "~lula": 0.7, "~president": 0.3})
    clusterer.recent.add("s-sanctions", "t-sanctions", day, {"oil": 0.7, "ship": 0.5},
                         actors={"@KP": 0.6, "@CN": 0.5, "~north": 0.3})

    def link(best: tuple[float, str], actors: dict[str, float], **settings: bool):
        clusterer.settings = Settings().with_overrides(**settings)
        got = clusterer._linked_thread(best, None, {"killed": 1.0}, day, actors)
        return got.thread if got else None

    mardin = {"@TR": 0.5, "@IQ": 0.5, "~mardin": 0.5, "~iraqis": 0.4, "~turkey": 0.3}
    assert link((0.4, "t-bus"), mardin) is None  # one country and the kind of event
    assert link((0.4, "t-bus"), mardin, thread_shared_actors=False) == "t-bus"
    assert link((0.3, "t-lula"), {"@BR": 0.5, "~lula": 0.6, "~february": 0.4}) == "t-lula"
    assert link((0.3, "t-lula"), {"@BR": 0.5, "~president": 0.6}) is None  # a title
    assert link((0.3, "t-sanctions"), {"@KP": 0.5, "@CN": 0.5}) == "t-sanctions"
    assert link((0.3, "t-bus"), {}) == "t-bus"  # no actors stored: not held back


def test_a_one_country_situation_continues_on_its_country_and_its_kind():
    """WCEP January 2023: Peru's protests (a massacre in Juliaca, a curfew in Puno) share
    only their country, and so do a bus crash and a fire in Turkey. A story whose one
    shared key actor is its main country continues a recent thread reporting the same
    lasting situation (unrest, armed conflict, an election), by the term rules or, at a
    weak score, by the "situation" rule; an accident, another main
    country, a thread quiet for longer than ``thread_situation_days``, or the setting at
    0 start a thread of their own."""
    clusterer = OnlineClusterer(Settings())
    day = datetime(2023, 1, 9)
    clusterer.recent.add("s-juliaca", "t-peru", day,
                         {"protesters": 0.6, "police": 0.5, "killed": 0.4, "@PE": 0.3},
                         actors={"@PE": 0.7, "~juliaca": 0.6, "~peruvian": 0.3})
    clusterer.recent.add("s-bus", "t-bus", day, {"killed": 0.6, "injured": 0.5, "bus": 0.5},
                         actors={"@TR": 0.6, "~diyarbakir": 0.6})
    curfew = {"curfew": 0.6, "protests": 0.5, "region": 0.4, "@PE": 0.3}
    puno = {"@PE": 0.7, "~puno": 0.6, "~otarola": 0.4}

    def link(best: tuple[float, str], vector: dict[str, float], actors: dict[str, float],
             days: float = 1, **settings: float) -> str | None:
        clusterer.settings = Settings().with_overrides(**settings)
        got = clusterer._linked_thread(best, None, vector, day + timedelta(days=days), actors)
        return got.thread if got else None

    assert link((0.25, "t-peru"), curfew, puno) == "t-peru"
    # at a weak score too, where the country rule asks for a story in the last 2 days
    assert link((0.08, "t-peru"), curfew, puno, days=5) == "t-peru"
    assert clusterer._linked_thread((0.08, "t-peru"), None, curfew, day + timedelta(days=5),
                                    puno).rule == "situation"
    assert link((0.03, "t-peru"), curfew, puno) is None  # below thread_country_threshold
    assert link((0.25, "t-peru"), curfew, puno, days=20) is None  # quiet too long
    assert link((0.25, "t-peru"), curfew, puno, thread_situation_days=0) is None
    assert link((0.25, "t-peru"), curfew, {"@CL": 0.7, "@PE": 0.3, "~santiago": 0.5}) is None
    fire = {"fire": 0.6, "killed": 0.5, "@TR": 0.3}
    assert link((0.4, "t-bus"), fire, {"@TR": 0.7, "~izmir": 0.5}) is None  # no situation
    assert link((0.4, "t-bus"), {"protesters": 0.6, "@TR": 0.3},
                {"@TR": 0.7, "~izmir": 0.5}) is None  # the thread's is none either


def test_a_backlog_is_placed_in_chunks_of_bounded_size(demo_master, tmp_path, monkeypatch):
    """Placing reads, places and writes at most ``PLACE_CHUNK`` articles at a time, so the
    rows held do not grow with the backlog; every article still gets a story, and a
    batch no larger than a chunk is placed exactly as before."""
    import geobrief.stories.update as update

    records = demo_records(demo_master)
    whole = _placements(tmp_path, "whole", [records])
    read: list[int] = []
    original = update.article_rows

    def counted(*args, **kwargs):
        out = original(*args, **kwargs)
        if args[3]:  # the unplaced articles (not the clusterer's context)
            read.append(len(out))
        return out

    monkeypatch.setattr(update, "article_rows", counted)
    assert _placements(tmp_path, "one-chunk", [records]) == whole
    assert read == [len(records)]
    read.clear()
    monkeypatch.setattr(update, "PLACE_CHUNK", 25)
    chunked = _placements(tmp_path, "chunked", [records])
    assert max(read) == 25 and sum(read) == len(records) and len(read) == -(-len(records) // 25)
    assert set(chunked) == set(whole)  # every article placed, each once
    assert all(story for story, _thread, _origin in chunked.values())
