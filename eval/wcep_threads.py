"""Storylines on WCEP January 2023: links that join unrelated stories, and storylines that
break.

WCEP (../shared/data/wcep_2023_01, converted by ``corpora.wcep``: one report per cited
source, its one-sentence summary as title and text) files each event under a topic path
("2022–2023 Peruvian political protests", "Jihadist insurgency in Burkina Faso"). A
story's topics are the topic-path elements of its reports' events. Printed:

* ``links``: stories that joined an existing thread (``stories.thread_link`` set);
  ``links_unrelated`` of them share no topic with any earlier story of their thread (a
  Previously link to another event, the bus crash listed under a shooting), and
  ``links_unrelated_share``;
* ``continuations``: stories with an earlier story (within ``--window`` days, 7 by
  default) sharing a topic that names a particular storyline, i.e. the last element
  of a topic path of at least one story (so "Russian invasion of Ukraine" above its
  sub-topics counts only where a report is filed under it directly);
  ``continued`` of them are in the thread of at least one such earlier story, and
  ``continued_share`` (Peru's protests day after day; 1.0 is every storyline held);
* ``same_topic_pairs_in_one_thread``: of story pairs on different days sharing the
  first element of a topic path, the share in one thread.

``--errors N`` lists up to N unrelated links and N broken continuations with titles.

    python eval/wcep_threads.py [--window 7] [--errors 10] [--set NAME=VALUE ...]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import combinations

from common import DataMissing, add_settings_option, print_figures, settings_from
from corpora import built, wcep
from sqlalchemy import select

from geobrief.settings import Settings
from geobrief.store import Store
from geobrief.store.schema import articles, stories, story_articles

WINDOW = timedelta(days=7)  # how far back a continuation may look


@dataclass
class Story:
    id: str
    thread: str
    title: str
    first: datetime
    linked: bool
    topics: set[str] = field(default_factory=set)  # every topic-path element
    heads: set[str] = field(default_factory=set)  # first elements
    leaves: set[str] = field(default_factory=set)  # last elements


def read_stories(store: Store, labels: dict[str, dict]) -> list[Story]:
    """The stored stories with the WCEP topics of their reports (``labels``, by URL)."""
    query = (select(stories.c.id, stories.c.thread_id, stories.c.title,
                    stories.c.first_published, stories.c.thread_link, articles.c.url)
             .join(story_articles, story_articles.c.story_id == stories.c.id)
             .join(articles, articles.c.id == story_articles.c.article_id))
    found: dict[str, Story] = {}
    with store.engine.connect() as conn:
        for row in conn.execute(query):
            story = found.setdefault(row.id, Story(row.id, row.thread_id, row.title,
                                                   row.first_published, bool(row.thread_link)))
            path = (labels.get(row.url) or {}).get("topic_path") or []
            if path:
                story.topics.update(path)
                story.heads.add(path[0])
                story.leaves.add(path[-1])
    return sorted(found.values(), key=lambda s: (s.first, s.id))


def figures_of(found: list[Story], window: timedelta, errors: int = 0
               ) -> tuple[dict[str, float | int], list[str]]:
    notes: list[str] = []
    by_thread: dict[str, list[Story]] = defaultdict(list)
    for story in found:
        by_thread[story.thread].append(story)
    links = unrelated = 0
    for story in found:
        if not story.linked:
            continue
        earlier = [s for s in by_thread[story.thread] if s.first < story.first]
        links += 1
        if not any(story.topics & s.topics for s in earlier):
            unrelated += 1
            if unrelated <= errors:
                before = earlier[-1].title[:70] if earlier else "?"
                notes.append(f"unrelated link: {story.title[:70]!r} <- {before!r}")
    particular = set().union(*(s.leaves for s in found)) if found else set()
    continuations = continued = broken = 0
    for i, story in enumerate(found):
        mine = story.topics & particular
        if not mine:
            continue
        earlier = [s for s in found[:i] if s.first.date() < story.first.date()
                   and story.first - s.first <= window and s.topics & mine]
        if not earlier:
            continue
        continuations += 1
        if any(s.thread == story.thread for s in earlier):
            continued += 1
        else:
            broken += 1
            if broken <= errors:
                notes.append(f"broken: {story.title[:70]!r} (after {earlier[-1].title[:60]!r})"
                             f" topics {sorted(story.topics & earlier[-1].topics)}")
    pairs = together = 0
    for a, b in combinations(found, 2):
        if a.first.date() != b.first.date() and a.heads & b.heads:
            pairs += 1
            together += a.thread == b.thread
    return ({"stories": len(found), "threads": len(by_thread), "links": links,
             "links_unrelated": unrelated,
             "links_unrelated_share": round(unrelated / links, 3) if links else 0.0,
             "continuations": continuations, "continued": continued,
             "continued_share": round(continued / continuations, 3) if continuations else 0.0,
             "same_topic_pairs_in_one_thread": round(together / pairs, 3) if pairs else 0.0},
            notes)


def run(settings: Settings | None = None, window_days: float = WINDOW.days, errors: int = 0
        ) -> tuple[dict[str, float | int], list[str]]:
    corpus = wcep()
    with built(corpus, settings) as done:
        found = read_stories(done.store, corpus.labels)
    return figures_of(found, timedelta(days=window_days), errors)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--window", type=float, default=WINDOW.days, metavar="DAYS",
                        help="how far back a continuation may look (default 7)")
    parser.add_argument("--errors", type=int, default=0, metavar="N")
    add_settings_option(parser)
    args = parser.parse_args(argv)
    try:
        figures, notes = run(settings_from(args.settings), args.window, args.errors)
    except DataMissing as exc:
        print(exc, file=sys.stderr)
        return 2
    print_figures(figures)
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
