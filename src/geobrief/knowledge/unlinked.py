"""Names the knowledge does not hold: runs of capitalised words outside linked mentions,
typed as a person, an organisation or a place by the words in and around them."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from geobrief.knowledge.link import Mention

# The capital comes first so the regular expression engine can skip to capitals; the
# look-behind after it ("not after a letter or an apostrophe") is the same test as before it.
_RUN = re.compile(
    r"[A-Z](?<![\w'\u2019][A-Z])[\w'\u2019.-]*(?:\s+(?:(?:of|the|for|and|de|al|bin|van|von|der|"
    r"la|le|du|da)\s+)*[A-Z][\w'\u2019.-]*)*"
)
ORG_WORDS = frozenset(
    """Ministry Party Council Committee Bank Agency Corp Corporation Inc Ltd Group Union
    Association Institute University Army Navy Forces Force Police Court Parliament Assembly
    Commission Federation Organisation Organization Front Movement Service Office Department
    News Times Post Daily Club FC Company Co Guard Guards Brigade Battalion Regiment Command
    Fund Foundation Authority Board Bureau Centre Center Alliance Coalition Congress Senate
    Cabinet Secretariat Exchange Airlines Airways Motors Industries Holdings Press Herald
    Tribune Journal Agency Network Reuters Energy Oil Gas Petroleum Railways League Society
    Trust Church Council Directorate Intelligence Kremlin Pentagon""".split()
)
PLACE_WORDS = frozenset(
    """City River Sea Ocean Mountains Mountain Island Islands Province Region Oblast Valley
    Strait Gulf Bay Peninsula Lake Desert Coast Basin Plateau County District State Territory
    Square Street Avenue Airport Port Harbour Harbor Canal Border Corridor Crossing""".split()
)
PERSON_TITLES = frozenset(
    """Mr Mrs Ms Dr Prof President Minister Premier Chancellor General Gen Lieutenant Lt
    Colonel Col Major Maj Captain Capt Admiral Adm Senator Sen Rep Representative Governor Gov
    King Queen Prince Princess Sheikh Pope Cardinal Bishop Ayatollah Judge Justice Ambassador
    Secretary Commissioner Mayor Chairman Chairwoman Spokesman Spokeswoman Leader Marshal
    coach striker midfielder defender goalkeeper""".split()
)
PERSON_VERBS = re.compile(r"^\s*(?:,\s*\w+\s+)?(?:said|says|told|added|wrote|argued|warned|"
                          r"insisted|noted|asked|replied)\b")
STOP_STARTS = frozenset(
    """The A An In On At For But And Or If When While After Before As It Its This That These
    Those He She They We I You There Here What Who Why How Where Which Some Many Most Both
    Several Other Such No Not One Two Three Four Five Monday Tuesday Wednesday Thursday
    Friday Saturday Sunday January February March April May June July August September
    October November December Also However Meanwhile Earlier Later Still Yet So Asked Since
    Under Over Among Despite Last Next Every Each Mr Mrs Ms""".split()
)


def _classify(text: str, start: int, end: int, words: list[str]) -> str | None:
    before = text[max(0, start - 40):start]
    after = text[end:end + 30]
    previous = re.findall(r"[\w.]+", before)[-1:] if before.strip() else []
    if any(w in ORG_WORDS for w in words):
        return "organisation"
    if any(w in PLACE_WORDS for w in words[1:]):
        return "place"
    if previous and previous[0].rstrip(".") in PERSON_TITLES:
        return "person"
    if 2 <= len(words) <= 4 and PERSON_VERBS.match(after):
        return "person"
    if len(words) >= 2 and all(w[:1].isupper() and w[1:].islower() for w in words) \
            and re.search(r"\b(?:said|told|says)\b", after[:25] + before[-25:]):
        return "person"
    return None


_SKIP_FIRST = STOP_STARTS | PERSON_TITLES
_JOINER = re.compile(r"\s+(?:(?:of|the|for|and|de|al|bin|van|von|der|la|le|du|da)\s+)+")


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a run at joiners ("of the") unless the part before names an organisation or a
    place that takes one ("Ministry of Defence", "Gulf of Aden")."""
    out: list[tuple[int, int]] = []
    piece_start = start
    for joiner in _JOINER.finditer(text, start, end):
        before = text[piece_start:joiner.start()].split()
        if before and (before[-1] in ORG_WORDS or before[-1] in PLACE_WORDS):
            continue
        out.append((piece_start, joiner.start()))
        piece_start = joiner.end()
    out.append((piece_start, end))
    return out


_WORD = re.compile(r"[\w'\u2019.-]+")
_SPACE = re.compile(r"\s+")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop sentence-opening words ("The", "In") and titles from the front of a run."""
    while start < end:
        word = _WORD.match(text, start, end)
        if word is None or word.group(0).rstrip(".") not in _SKIP_FIRST:
            break
        nxt = _SPACE.search(text, start, end)
        if nxt is None:
            return end, end
        start = nxt.end()
    return start, end


def _overlaps(covered: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, non-overlapping ``covered`` spans."""
    i = bisect_left(starts, end)
    return i > 0 and covered[i - 1][1] > start


def _previous_token(text: str, start: int) -> str:
    """The run of word characters and full stops before ``start`` (as ``_classify`` reads
    it), found by stepping back rather than by a regular expression over the window."""
    i, low = start, max(0, start - 40)
    while i > low and not (text[i - 1].isalnum() or text[i - 1] in "_."):
        i -= 1
    end = i
    while i > low and (text[i - 1].isalnum() or text[i - 1] in "_."):
        i -= 1
    return text[i:end]


def _may_type_one_word(text: str, start: int, run: str) -> bool:
    """Whether ``_classify`` could type a one-word run: only as an organisation word or
    after a title ("Mr Farouk"), since the other rules need two words or more."""
    word = run.rstrip(".")
    if word.endswith(("'s", "\u2019s")):
        word = word[:-2]
    return word in ORG_WORDS or _previous_token(text, start).rstrip(".") in PERSON_TITLES


def unlinked_mentions(text: str, linked: Sequence[Mention]) -> list[Mention]:
    """Capitalised runs not covered by ``linked``, with a guessed type; untyped runs are
    left out."""
    from geobrief.knowledge.link import Mention

    covered = sorted((m.start, m.end) for m in linked)
    starts = [s for s, _e in covered]
    exact = set(covered)
    out: list[Mention] = []
    for match in _RUN.finditer(text):
        span = match.span()
        if span in exact:
            continue  # the run is a linked mention: the common case, settled at once
        run = match.group(0)
        if len(run.split()) > 1:
            pieces = _pieces(text, *span)
        elif run.rstrip(".") in _SKIP_FIRST or not _may_type_one_word(text, span[0], run):
            continue  # one word that _trim would drop ("The"), or that nothing could type
        else:
            pieces = [span]
        for piece_start, piece_end in pieces:
            start, end = _trim(text, piece_start, piece_end)
            if start >= end or _overlaps(covered, starts, start, end):
                continue
            if text[end - 1] == "." and not re.search(r"\b[A-Z]\.$", text[start:end]):
                end -= 1
            if text[end - 2:end] in ("'s", "\u2019s"):
                end -= 2  # "National Assembly's" names the Assembly
            words = text[start:end].split()
            kind = _classify(text, start, end, words)
            if kind is not None:
                out.append(Mention(start, end, text[start:end], kind, None, "unlinked"))
    return out
