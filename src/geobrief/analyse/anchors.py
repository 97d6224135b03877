"""Language-independent anchors of an article: what two reports of one event share even
when they are written in different languages.

A French and an English report of the COP29 draft share almost no words, but they share
the countries they name (once each language's country names are known: ``Azerbaïdjan``
is ``@AZ``), their figures (``250``, ``2035``), and the names they spell alike (``COP29``,
``Netanyahu``, ``Kursk``). Anchors are those three kinds of term:

* ``@XX``: a country (its knowledge id, an ISO 3166 code), found by the knowledge linker
  in English and, for other languages, by the ISO country names that pycountry ships
  translated in its locales (read from the installed package: no network);
* ``#N``: a figure of two or more digits, thousands separators removed (``8,000`` and
  ``8 000`` are both ``#8000``);
* ``~name``: a capitalised word that does not open a sentence, of at least four letters
  (or letters with digits, ``COP29``), accents removed and lower-cased.

The clusterer weighs anchors by how rare they are (as it weighs terms) and uses them
only where words cannot decide: see ``stories/anchors.py``.
"""

from __future__ import annotations

import gettext
import math
import re
import unicodedata
from collections import Counter
from functools import cache

COUNTRY = "@"
FIGURE = "#"
NAME = "~"
MAX_ANCHORS = 40
TITLE_WEIGHT = 2  # a headline's anchors count as much as two mentions in the text
# Languages whose ISO country names are read from pycountry's locales (English is the
# knowledge linker's). Those of the reports geobrief meets most often outside English.
COUNTRY_NAME_LANGUAGES = ("fr", "de", "es", "it", "pt", "pl", "nl", "ru", "uk", "ar", "tr",
                          "sv", "cs", "ro", "hu", "el", "fi", "da", "ca", "bg", "sr", "hr",
                          "fa", "he", "ja", "ko", "zh_CN", "id")

# a figure not glued to letters (``COP29`` is a name, not the figure 29)
_FIGURE = re.compile(r"(?<![^\W\d_])(?:\d{1,3}(?:[ \u00a0\u202f.,'’]\d{3})+(?!\d)|\d+)")
_POSSESSIVE = re.compile(r"['’]s$")
_ELISION = re.compile(r"^[^\W\d_]{1,2}['’](?=[^\W\d_])")  # l'Azerbaïdjan, d'Ukraine
_PLAIN_WORD = re.compile(r"[^\W_]+", re.U)
_WORD = re.compile(r"[^\W_][\w'’-]*[^\W_]|[^\W_\d]", re.U)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;»«\"“”]\s*|\n\s*)$")


def language_of(language: str | None) -> str:
    """The two-letter code of an article's stored language (``en-GB`` -> ``en``; empty
    when unknown). The one place that reads it, so a better language identification
    (per article, at ingest) can replace what is stored today without touching callers."""
    return (language or "").replace("_", "-").split("-")[0].lower()


def plain(word: str) -> str:
    """A word without accents, lower-cased (``Azerbaïdjan`` -> ``azerbaidjan``)."""
    if word.isascii():  # no ASCII character decomposes or combines
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@cache
def country_names(language: str) -> dict[tuple[str, ...], str]:
    """The ISO 3166 country names of ``language`` as word tuples (plain, see ``plain``),
    each to its alpha-2 code: each name, common name and official name pycountry's locale
    translates, and the part of a name before its comma ("Russie, Fédération de" ->
    "Russie") when no other country has the same. Empty when pycountry is missing or
    has no locale for the language."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    locale = "zh_CN" if language == "zh" else language
    try:
        translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR,
                                          languages=[locale])
    except OSError:
        return {}
    names: dict[tuple[str, ...], str] = {}
    heads: dict[tuple[str, ...], set[str]] = {}
    for country in pycountry.countries:
        for field in ("name", "common_name", "official_name"):
            english = getattr(country, field, None)
            if not english:
                continue
            local = translation.gettext(english)
            if local == english and language != "en":
                continue  # not translated: the English linker already knows it
            names[tuple(_words(local))] = country.alpha_2
            head = local.split(",")[0]
            if head != local:
                heads.setdefault(tuple(_words(head)), set()).add(country.alpha_2)
    for words, codes in heads.items():
        if len(codes) == 1 and words not in names and words:
            names[words] = next(iter(codes))
    names.pop((), None)
    return names


def _words(text: str) -> list[str]:
    """Plain words split at apostrophes and hyphens, as country names are matched."""
    return [plain(w) for w in _PLAIN_WORD.findall(text)]


def countries_in(text: str, language: str) -> Counter[str]:
    """Countries named in ``text`` by their names in ``language`` (pycountry's), longest
    name first at each word."""
    names = country_names(language)
    if not names:
        return Counter()
    longest = max(len(k) for k in names)
    words = _words(text)
    found: Counter[str] = Counter()
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            code = names.get(tuple(words[i:i + size]))
            if code is not None:
                found[code] += 1
                i += size
                break
        else:
            i += 1
    return found


def figures(text: str) -> Counter[str]:
    """Figures of two or more digits, thousands separators removed."""
    found: Counter[str] = Counter()
    for match in _FIGURE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) >= 2:
            found[FIGURE + digits.lstrip("0")] += 1
    return found


# ``_WORD``'s matches, but only those that may be names: ``_WORD.finditer`` finds at most
# one word in each run of ``[\w'’-]`` characters, from the run's first letter or digit to
# its last (a lone digit is none), so a word starts where a run starts, after the run's
# leading ``_'’-``. Of those, only words whose first character is not a lower-case ASCII
# letter or a digit, or with an apostrophe second or third (an elision: l'Azerbaïdjan),
# can pass ``names``' tests: the rest are left to the regular expression engine, not
# looped over in Python. ``tests/test_speed_equivalence.py`` holds it to ``_WORD``.
_NAME_WORD = re.compile(r"(?<![\w'’-])[_'’-]*(?=(?![a-z0-9])|[^\W_][\w'’-]?['’])"
                        r"([^\W_][\w'’-]*[^\W_]|[^\W_\d])")


def names(text: str) -> Counter[str]:
    """Capitalised words that do not open a sentence (proper names in most scripts that
    have case), at least four characters or with a digit, accents removed."""
    found: Counter[str] = Counter()
    for match in _NAME_WORD.finditer(text):
        word = match.group(1)
        if "'" in word[1:3] or "\u2019" in word[1:3]:  # only then can an elision start it
            word = _ELISION.sub("", word)
        if not word[0].isupper():
            continue  # most words: decided before looking for digits
        digits = not word.isalpha() and any(c.isdigit() for c in word)  # letters: none
        if len(word) < 4 and not digits:
            continue
        if word.isupper() and len(word) > 6:
            continue  # a shouted heading, not a name
        acronym = digits or word.isupper()  # COP29, NATO: names even opening a sentence
        at = match.start(1)
        if not acronym and _SENTENCE_START.search(text[max(0, at - 3):at]):
            continue
        found[NAME + plain(_POSSESSIVE.sub("", word))] += 1
    return found


def article_anchors(title: str, text: str, language: str,
                    countries: Counter[str]) -> dict[str, float]:
    """An article's anchors with sublinear weights, at most ``MAX_ANCHORS``: the
    ``countries`` the knowledge linker found plus those named in the article's language,
    figures and names (the headline's counted ``TITLE_WEIGHT`` times)."""
    counts: Counter[str] = Counter()
    lang = language_of(language)
    found = Counter(countries)
    if lang and lang != "en":
        found.update(countries_in(title + "\n" + text, lang))
    for code, n in found.items():
        counts[COUNTRY + code] += n
    in_text = names(text)
    in_title = names(title)
    if title_case(title):  # every word capitalised: only the text tells names apart
        in_title = Counter({t: n for t, n in in_title.items() if t in in_text})
    for found_names, part, weight in ((in_text, text, 1), (in_title, title, TITLE_WEIGHT)):
        for term, n in (figures(part) + found_names).items():
            counts[term] += n * weight
    weights = {t: 1.0 + math.log(c) for t, c in counts.items()}
    return dict(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_ANCHORS])


_SMALL_WORD = re.compile(r"[^\W\d_]{4,}")


def title_case(title: str) -> bool:
    """Whether a headline capitalises its words for style ("How Much Will Equifax Pay?",
    "Bitcoin Slumps to 3-Month Low"): at least three words of four letters or more,
    nearly all capitalised (some styles keep "with" or "from" small). Its capitals then
    tell no name from any other word."""
    long_words = _SMALL_WORD.findall(title)
    upper = sum(1 for w in long_words if w[0].isupper())
    return len(long_words) >= 3 and upper >= 0.8 * len(long_words)


_CALENDAR = ("january february march april may june july august september october november "
             "december monday tuesday wednesday thursday friday saturday sunday")


@cache
def general_words() -> frozenset[str]:
    """Capitalised words that name no one in particular, as ``names`` spells them: the
    words of every country's names and aliases in the bundled knowledge (``united``,
    ``states``, ``turkey``), of the US states (``california``), of ISO country names
    (pycountry), titles (``president``, ``prime``, ``minister``) and the calendar
    (``february``). A capital or a demonym stays particular (``cairo``, ``egyptians``):
    a country's protests named by its capital and people continue one storyline, while a
    country's name alone is where unrelated events happen."""
    from geobrief.knowledge.link import ROLE_WORDS
    from geobrief.knowledge.load import bundled_knowledge

    knowledge = bundled_knowledge()
    phrases: list[str] = [w for ws in ROLE_WORDS.values() for w in ws] + [_CALENDAR]
    for known in knowledge.countries.values():
        phrases += [known.name, known.official, *known.aliases]
    phrases += [p.name for p in knowledge.places.values() if p.kind == "us-state"]
    try:
        import pycountry

        isos = list(pycountry.countries)
    except ImportError:  # pragma: no cover - a declared dependency
        isos = []
    for iso in isos:
        phrases += [getattr(iso, f, None) or "" for f in ("name", "common_name", "official_name")]
    return frozenset(w for phrase in phrases for w in _words(phrase))


def specific_actors(anchors: dict[str, float]) -> dict[str, float]:
    """The anchors that name someone or something in particular: names (``~lula``,
    ``~equifax``, ``~h1n1``) that are none of the ``general_words``. Countries (by code or
    name), titles, dates and figures are left out: a country is where many
    unrelated events happen (a bus crash and an election in Benin), a title or a date is
    anyone's, a figure is a count or a year; none tells that two reports follow one
    storyline."""
    general = general_words()
    return {t: w for t, w in anchors.items()
            if t.startswith(NAME) and t[len(NAME):] not in general}
