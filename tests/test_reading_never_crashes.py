"""Reading never crashes on content: random documents (any script, stray punctuation,
brackets and quotation marks, huge lines, furniture lines, nothing at all) go through the
document structure, ``geobrief read``'s reading, and ingest plus analysis; no exception
escapes, and every sentence's offsets point at its text. Plus the shapes real feeds send:
headline-only items, texts that are all furniture, one-sentence articles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geobrief.analyse.document import read_structure
from geobrief.analyse.reading import Document, read_document
from geobrief.analyse.run import analyse_pending
from geobrief.ingest import ingest_sources
from geobrief.knowledge.digest import knowledge_digest
from geobrief.knowledge.link import Linker, bundled_linker
from geobrief.settings import Settings
from geobrief.store import Store, open_store
from geobrief.store.schema import sentences

PIECES = [
    "GENEVA (Reuters) - ", "(MENAFN) ", "TOKYO, Nov 12 (KUNA) -- ", " (end)", "TASS. ",
    "March 19, 2011 | By Jason Hanna, CNN ", "-LRB- Reporting by A ; Editing by B -RRB-",
    "Reply | Report abuse", "``", "''", "\u201c", "\u201d", '"', "(", ")", "...", ". ",
    "cooperation.The ", "TAMPA, Fla., ", "U.S. ", "\n", "\n\n", "?", "!", "\u3002",
    "\u0645\u0631\u062d\u0628\u0627 ", "\u041f\u0440\u0438\u0432\u0435\u0442. ",
    "\u4e2d\u56fd\u8868\u793a", "Privacy Policy", "I think ", "Photograph: X/Reuters",
    "\u200b", "\ufeff", "\x00", "\U0001f600", " ", "a" * 300,
]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(PIECES) | st.text(max_size=30), max_size=40).map("".join),
    st.integers(min_value=1, max_value=200).map(lambda n: "Word, " * n * 50),  # huge line
)


@pytest.fixture(scope="module")
def linker() -> Linker:
    return bundled_linker()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(max_size=80), text=texts, language=st.sampled_from(
    [None, "en", "ru", "ar", "zh", "ja", "xx", "en-GB", ""]))
def test_structure_holds_on_any_text(title: str, text: str, language: str | None) -> None:
    structure = read_structure(title, text, language)
    for unit in structure.sentences:
        assert 0 <= unit.start < unit.end <= len(text)
        assert text[unit.start:unit.end] == unit.text
        assert unit.text == unit.text.strip()
    assert len(structure.masked(text)) == len(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=texts, html=st.booleans())
def test_read_holds_on_any_document(linker: Linker, text: str, html: bool) -> None:
    doc = (Document("d", html=f"<html><body><p>{text}</p></body></html>") if html
           else Document("d", text=text, published=date(2024, 11, 22)))
    reading = read_document(doc, linker)
    for s in reading.sentences:
        assert reading.text[s.start:s.end] == s.text
    json.dumps(reading.to_json())


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = open_store(str(tmp_path_factory.mktemp("never-crash") / "store.db"))
    try:
        yield s
    finally:
        s.close()


_counter = iter(range(10**9))


def _ingest(store: Store, folder: Path, records: list[dict]) -> None:
    path = folder / f"batch{next(_counter)}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    ingest_sources(store, [str(path)], Settings().with_overrides(min_article_chars="1"),
                   on_error=lambda e: None)


def _analyse(store: Store) -> None:
    linker = bundled_linker()
    analyse_pending(store, linker, knowledge_digest())


@settings(max_examples=25, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(items=st.lists(st.tuples(st.text(min_size=1, max_size=60), texts), min_size=1,
                      max_size=4))
def test_ingest_and_analysis_hold_on_any_articles(store: Store, tmp_path_factory:
                                                  pytest.TempPathFactory,
                                                  items: list[tuple[str, str]]) -> None:
    n = next(_counter)
    records = [{"url": f"https://example.org/{n}/{i}", "title": title, "text": text,
                "published": f"2024-11-{10 + i % 10}T12:00:00+00:00",
                "outlet": f"outlet{i % 2}.example"} for i, (title, text) in enumerate(items)]
    _ingest(store, tmp_path_factory.mktemp("batch"), records)
    _analyse(store)


def test_feeds_real_shapes_analyse(store: Store, tmp_path: Path) -> None:
    """A headline-only item, a one-sentence article, and an article that is all furniture
    are analysed; the furniture is stored, labelled, and given to no briefing."""
    records = [
        {"url": "https://example.org/h", "title": "Burkina Faso orders French troops out",
         "text": "Burkina Faso orders French troops out", "outlet": "a.example",
         "published": "2023-01-21T12:00:00+00:00"},
        {"url": "https://example.org/o", "title": "One", "outlet": "a.example",
         "text": "GENEVA (Reuters) - The WHO declared a pandemic on Thursday.",
         "published": "2023-01-21T13:00:00+00:00"},
        {"url": "https://example.org/f", "title": "Furniture", "outlet": "a.example",
         "text": "This discussion is now closed.\nPhotograph: Jane Doe/Reuters\n"
                 "(Reporting by Jane Doe; Editing by John Roe)",
         "published": "2023-01-21T14:00:00+00:00"},
    ]
    _ingest(store, tmp_path, records)
    _analyse(store)
    with store.engine.connect() as conn:
        stored = conn.execute(sentences.select().order_by(sentences.c.start)).mappings().all()
    by_text = {r["text"]: r for r in stored}
    assert by_text["The WHO declared a pandemic on Thursday."]["noise"] is None
    assert by_text["The WHO declared a pandemic on Thursday."]["idx"] == 0
    assert by_text["This discussion is now closed."]["noise"] == "boilerplate"
    assert by_text["Photograph: Jane Doe/Reuters"]["noise"] == "boilerplate"
    assert by_text["(Reporting by Jane Doe; Editing by John Roe)"]["noise"] == "byline"
    assert all(r["idx"] < 0 for r in stored if r["noise"] is not None)
