"""Storylines: readable names, their most relevant stories over their whole life, and
titles as of the day listed."""

from __future__ import annotations

from datetime import date, datetime

from geobrief.store import open_store
from geobrief.store.stories import ArticleRef, stories_for_day, storyline_stories, title_as_of
from geobrief.stories.names import storyline_name


def test_a_storyline_is_named_after_the_phrase_its_titles_repeat():
    troops = ["Blinken says 8,000 North Korean troops in Kursk region, expected to fight",
              "NATO confirms North Korean troops deployed to Russia's Kursk region",
              "US says North Korean troops have begun combat operations in Kursk",
              "Ukraine reports first small clash with North Korean troops"]
    assert storyline_name(troops) == "North Korean troops"
    # a short phrase with a common word is a cut sentence, not a name
    assert storyline_name(["Ukraine fires US missiles into Russia",
                           "Ukraine fires Storm Shadow missiles at Russia"]) != "Ukraine fires"
    assert storyline_name(["ICC issues arrest warrants for Netanyahu",
                           "Europe split on enforcing court warrant"]) is None


def test_storyline_names_are_whole_words_of_their_titles(demo_master):
    store = open_store(str(demo_master))
    try:
        with store.engine.connect() as conn:
            names = [n for (n,) in conn.exec_driver_sql("SELECT name FROM threads")]
            titles = [t for (t,) in conn.exec_driver_sql("SELECT title FROM stories")]
    finally:
        store.close()
    assert "North Korean troops" in names
    words = {w for t in titles for w in t.split()}
    assert all(set(name.split()) <= words for name in names)


def test_a_storylines_most_relevant_stories_come_first_up_to_a_day(demo_master):
    store = open_store(str(demo_master))
    try:
        day = date(2024, 11, 22)
        thread = next(s.thread_id for s in stories_for_day(store, day)
                      if s.thread_name == "North Korean troops")
        found = storyline_stories(store, thread, before=day)
        everything = storyline_stories(store, thread)
    finally:
        store.close()
    assert len(found) >= 5 and len(everything) > len(found)
    assert all(s.last_published < datetime(2024, 11, 22) for s in found)
    keys = [(-s.outlets, -s.reports) for s in found]
    assert keys == sorted(keys)
    assert storyline_stories.__doc__ and found[0].outlets >= 3
    # the whole storyline, not a recent window: its first story is among them
    assert min(s.first_published for s in found) < datetime(2024, 10, 23)


def test_a_story_listed_for_a_day_takes_its_title_from_that_days_reports():
    day1 = ArticleRef(1, "u1", "Quake strikes Khoy", datetime(2023, 1, 28), "A", None, None)
    later = "Khoy quake toll rises to three"
    assert title_as_of(later, [day1], later=True) == "Quake strikes Khoy"
    assert title_as_of("Quake strikes Khoy", [day1], later=True) == "Quake strikes Khoy"


def test_a_storys_languages_are_listed_with_it(demo_master):
    """The COP29 story of the 22nd holds English and French reports and says so."""
    store = open_store(str(demo_master))
    try:
        found = {s.title: s.languages for s in stories_for_day(store, date(2024, 11, 22))}
    finally:
        store.close()
    assert ("en", "fr") in found.values()
    assert all(languages and languages[0] == "en" for languages in found.values())
