"""Changes made for speed give exactly what the slower code gave.

Each fast path is compared with the plain computation it replaces, on the demo corpus's
texts and (marker ``shared_data``) on real news from ../shared/data. The end-to-end check
is ``bench/bench_analysis.py``, which prints a digest of everything analysis stores.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
import zlib
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from geobrief.analyse import anchors, features, figures, forecasts, speaker_phrase
from geobrief.analyse.anchors import names
from geobrief.analyse.features import minhash, term_weights, words
from geobrief.analyse.figures import _NOT_BEFORE, _NOT_BEFORE_SPACES, search_end
from geobrief.analyse.text import may_hold
from geobrief.knowledge.link import _ROLE_WORD_LIST, _ROLES, bundled_linker, title_matches
from tests.conftest import demo_records

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
TRICKY = [
    "l'Azerbaïdjan et d'Ukraine, qu’Israël: the PRESİDENT of Turkey met Iran's president.",
    "The Russian defence secretary of state, the US Secretary of Defense Lloyd Austin said.",
    "NATO, COP29 and G7 leaders; Xi Jinping's foreign minister; “The Chinese premier” 12",
    "Police said they had arrested more than 40 and shooting dead up more than 3 remained.",
    "Shares in the big state owned oil company fell by about 12 per cent\n",
    "Exports of the country's northern provinces grew by some 5 and the first\n3 left.",
    "Shares of the very top 10 firms fell.",
    "_abc 5' ab' x_Y a-'-B 5_a Ⅷ ǅemal d’Italie L'OTAN 'Quoted' -Dash- __init__",
    "İstanbul ΟΔΟΣ STRASSE Straße Zoë's café Kelvin",
    "",
]


def _names_before(text: str) -> Counter[str]:
    """``anchors.names`` as it was before its fast path (the reference)."""
    found: Counter[str] = Counter()
    for match in anchors._WORD.finditer(text):
        word = anchors._ELISION.sub("", match.group())
        digits = any(c.isdigit() for c in word)
        if not word[0].isupper() or (len(word) < 4 and not digits):
            continue
        if word.isupper() and len(word) > 6:
            continue
        acronym = digits or word.isupper()
        if not acronym and anchors._SENTENCE_START.search(
                text[max(0, match.start() - 3):match.start()]):
            continue
        found[anchors.NAME + _plain_before(anchors._POSSESSIVE.sub("", word))] += 1
    return found


def _plain_before(word: str) -> str:
    """``anchors.plain`` without its ASCII fast path."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _words_before(text: str) -> list[str]:
    return [w.lower() for w in features._WORD.findall(text)]


def _term_weights_before(title: str, text: str, countries: Counter[str]) -> dict[str, float]:
    counts: Counter[str] = Counter()
    for word in _words_before(text):
        if word not in features.STOPWORDS and len(word) > 2 and not word[0].isdigit():
            counts[word] += 1
    for word in _words_before(title):
        if word not in features.STOPWORDS and len(word) > 2 and not word[0].isdigit():
            counts[word] += 3
    for country, n in countries.items():
        counts[features.COUNTRY_PREFIX + country] += 2 * n
    weights = {t: 1.0 + math.log(c) for t, c in counts.items()}
    return dict(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:features.MAX_TERMS])


def _minhash_before(text: str, size: int = 5) -> bytes:
    tokens = _words_before(text)
    if len(tokens) < size:
        shingles = {" ".join(tokens)}
    else:
        shingles = {" ".join(tokens[i: i + size]) for i in range(len(tokens) - size + 1)}
    hashes = np.fromiter((zlib.crc32(s.encode()) for s in shingles), dtype=np.uint64,
                         count=len(shingles))
    with np.errstate(over="ignore"):
        values = (np.outer(features._A, hashes) + features._B[:, None]) % \
            np.uint64(features._PRIME)
    return (values.min(axis=1) & np.uint64(0xFFFFFFFF)).astype(np.uint32).tobytes()


def _same_at_the_end(before: str) -> int:
    """The figures' end-anchored searches from the tail give the whole search's match;
    returns how often a search from too short a tail (one white space) would not."""
    short = 0
    for pattern, spaces in ((_NOT_BEFORE, _NOT_BEFORE_SPACES),):
        whole = pattern.search(before)
        fast = search_end(pattern, before, spaces)
        assert (fast and fast.span()) == (whole and whole.span()), before[-80:]
        tight = search_end(pattern, before, 1)
        short += (tight and tight.span()) != (whole and whole.span())
    return short


# Each pre-filter (``may_hold``) with the pattern it guards: the pattern can match only
# where the filter passes.
PREFILTERS = [(figures._ANY_NUMBER, figures._NUMBER_HINTS),
              (forecasts._IF_TRUE, forecasts._TRUE_HINTS),
              (speaker_phrase._CUE_PHRASES, speaker_phrase._CUE_PHRASE_HINTS),
              *((pattern, forecasts._HEDGE_HINTS) for pattern, _band in forecasts._HEDGES)]
# a phrase for every alternative of the guarded patterns: drop a hint and one fails
GUARDED = """There were 12 or two-thirds, half, a third, a quarter, dozens, scores, a dozen, twenty,
fifteen, eleven, twelve, thirty, forty, fifty, hundreds, thousands, millions, nine, eight,
seven, six, five, four, three, ten. If the report turns out to be true; if these are
correct; should it prove accurate; if it is right; if they are genuine; if it is authentic.
They clamoured for, called for, calls for, pointed out, points out, expressed concern,
voiced concern, called on Iran to stop, repeated its warning that, renewed its call
for, restated its claims, risked outrage by predicting. Almost no chance, no chance, remote
chance, remote possibility, virtually impossible, very unlikely, highly improbable, probably not,
doubtful, little chance, almost certainly, nearly certain, all but certain, certain to,
very likely, highly probable, very probably, roughly even odds, even chance, fifty-fifty,
50-50, likely, probably, probable.""".replace("\n", " ")


def _prefilters_hold(text: str) -> None:
    for pattern, hints in PREFILTERS:
        for match in pattern.finditer(text):
            assert may_hold(match.group(), hints), (pattern.pattern[:40], match.group())
        assert may_hold(text, hints) or pattern.search(text) is None, text[:80]


def test_prefilters_pass_every_match() -> None:
    """``may_hold`` never skips a search that would match: on phrases of every
    alternative of each guarded pattern (in any case), and outside ASCII, where case
    folding can make other letters match (the Kelvin sign reads as "k" under re.I)."""
    for text in (GUARDED, GUARDED.upper(), GUARDED.title()):
        assert all(pattern.search(text) for pattern, _hints in PREFILTERS)
        for pattern, _hints in PREFILTERS:
            assert len(pattern.findall(text)) >= 1
        _prefilters_hold(text)
    assert may_hold("\u212aILLED NOBODY", ("k",))
    assert not may_hold("KILLED NOBODY", ("x",)) and may_hold("KILLED", ("k",))


def _check(texts: list[str]) -> int:
    short = 0
    pattern = bundled_linker()._titles
    for text in texts:
        assert names(text) == _names_before(text), text[:80]
        assert [m.span() for m in title_matches(pattern, text)] == \
            [m.span() for m in pattern.finditer(text)], text[:80]
        low = text.lower()  # the linker's test for a title word, by automaton
        assert (next(_ROLES.iter(low), None) is not None) == \
            any(word in low for word in _ROLE_WORD_LIST)
        _prefilters_hold(text)
        for sentence in re.split(r"(?<=[.!?])\s+", text):  # figures read sentences
            _prefilters_hold(sentence)
            for at in (m.start() for m in re.finditer(r"\d|\b(?:some|about|more)\b",
                                                      sentence)):
                short += _same_at_the_end(sentence[:at])
        for at in [m.start() for m in re.finditer(r"\d", text)][:8]:  # sentences unsplit
            short += _same_at_the_end(text[:at])
        tokens = words(text)
        assert tokens == _words_before(text), text[:80]
        assert minhash(text, tokens=tokens) == minhash(text) == _minhash_before(text)
        countries = Counter({"US": 2, "FR": 1})
        assert term_weights("A title", text, countries, tokens) == \
            term_weights("A title", text, countries) == \
            _term_weights_before("A title", text, countries)
    return short


def test_fast_paths_match_the_plain_computation_on_the_demo(demo_master) -> None:
    records = demo_records(demo_master)
    assert len(records) > 100
    short = _check(TRICKY + [r["title"] + "\n" + r["text"] for r in records])
    assert short > 0  # the end-anchored check can fail: too short a tail is caught


@pytest.mark.shared_data
@pytest.mark.skipif(not (SHARED / "timeline17").is_dir() or not (
    SHARED / "wcep_2023_01" / "wcep_2023_01_events.jsonl").exists(),
    reason="../shared/data (timeline17, wcep_2023_01) absent (internal evaluation data)")
def test_fast_paths_match_the_plain_computation_on_real_news() -> None:
    texts = [a["text"] for a in json.loads(
        (SHARED / "timeline17" / "H1N1_reuters" / "articles.json").read_text("utf-8"))]
    with (SHARED / "wcep_2023_01" / "wcep_2023_01_events.jsonl").open(encoding="utf-8") as f:
        texts += [json.loads(line)["summary"] for line in f]
    assert len(texts) > 300
    _check([re.sub(r"\s+", " ", t) for t in texts] + texts[:50])


def test_fast_inserts_store_what_sqlalchemy_stores(demo_master, tmp_path) -> None:
    """``insert_rows`` (the driver's executemany) against SQLAlchemy's insert, on every
    analysis row of the demo: the same values, types and order, to the raw SQLite row."""
    import shutil
    import sqlite3

    from sqlalchemy import delete, select

    from geobrief.store import open_store
    from geobrief.store.analysis import TABLES, analysis_digest, insert_rows
    from geobrief.store.schema import outlet_lines

    tables = [*TABLES.values(), outlet_lines]

    def rewrite(name: str, fast: bool) -> Path:
        db = tmp_path / name
        shutil.copy(demo_master, db)
        store = open_store(str(db))
        with store.write() as conn:
            for table in tables:
                values = [dict(r) for r in conn.execute(select(table)).mappings()]
                assert values or table is TABLES["wire"]
                conn.execute(delete(table))
                if values:
                    insert_rows(conn, table, values) if fast else \
                        conn.execute(table.insert(), values)
        assert analysis_digest(store)["all"] == digest
        store.close()
        return db

    original = open_store(str(demo_master))
    digest = analysis_digest(original)["all"]
    original.close()
    fast, slow = rewrite("fast.db", True), rewrite("slow.db", False)
    with sqlite3.connect(fast) as a, sqlite3.connect(slow) as b:
        for table in tables:
            query = f"SELECT * FROM {table.name} ORDER BY rowid"
            assert a.execute(query).fetchall() == b.execute(query).fetchall(), table.name
