"""Language of a document and of each of its sentences.

py3langid (already what ingest uses) decides; measured against lingua-language-detector on
real sentences of 20 languages it was as accurate and several times faster (see
docs/evaluation.md, "Language identification"), so no second library is added. A sentence
takes a language of its own only when it plainly is in another one: long enough, detected
with a high normalised probability, or written in another script.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Any

from geobrief.ingest.normalise import detect_language

SENTENCE_MIN_LETTERS = 30  # shorter sentences keep the document's language
SENTENCE_CONFIDENCE = 0.9
_SCRIPTS = {  # languages a script alone decides (others: by the detector)
    "HANGUL": "ko", "HIRAGANA": "ja", "KATAKANA": "ja", "HEBREW": "he", "THAI": "th",
    "GEORGIAN": "ka", "ARMENIAN": "hy", "GREEK": "el",
}


# scripts whose one character stands for about a word of an alphabet's three letters
_WORDLIKE = {"CJK": 3, "HIRAGANA": 2, "KATAKANA": 2, "HANGUL": 2}
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# py3langid's labels read as the language news in that script is filed under
_ALIASES = {"wuu": "zh"}


def detect(text: str, declared: str | None = None) -> str:
    """The declared language when there is one, else the detected one (``en`` for a text
    with no letters to tell by)."""
    if not declared and not any(ch.isalpha() for ch in text[:2000]):
        return "en"
    found = detect_language(text, declared)
    return _ALIASES.get(found, found)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def script_of(text: str) -> str | None:
    """The script most of the letters of ``text`` are written in (LATIN, CYRILLIC, ARABIC,
    CJK, ...), from the Unicode names; None without letters."""
    counts: Counter[str] = Counter()
    latin = len(_ASCII_LETTER.findall(text))  # most news: no need to name each letter
    if latin:
        counts["LATIN"] = latin
    for ch in _NON_ASCII.findall(text):
        if ch.isalpha():
            script = unicodedata.name(ch, "").split(" ")[0]
            counts[script] += _WORDLIKE.get(script, 1)
    return counts.most_common(1)[0][0] if counts else None


# words no other language writes in plain ASCII as often: one of them tells English
_ENGLISH = frozenset("the of and to is was that for with said from by were has have".split())


def plainly_english(sentence: str) -> bool:
    """A sentence in plain ASCII with an English function word: English, without asking
    the detector (most sentences of most news: the detector is the cost)."""
    return sentence.isascii() and not _ENGLISH.isdisjoint(sentence.lower().split())


def sentence_languages(sentences: list[str], document: str, text: str) -> list[str]:
    """``sentence_language`` of each sentence of a document (``text``), the document's
    script named only when a sentence needs it (an English document's plainly English
    sentences do not)."""
    script: str | None = None
    named = False
    out = []
    for sentence in sentences:
        if document == "en" and plainly_english(sentence):
            out.append(document)
            continue
        if not named:
            script, named = script_of(text[:2000]), True
        out.append(sentence_language(sentence, document, script))
    return out


def sentence_language(sentence: str, document: str, document_script: str | None = None
                      ) -> str:
    """The sentence's own language when it plainly differs from the document's. An
    English document's plainly English sentence is English (``plainly_english``)."""
    if document == "en" and plainly_english(sentence):
        return document
    letters = sum(1 for ch in sentence if ch.isalpha())
    if letters < SENTENCE_MIN_LETTERS // 3:
        return document
    script = "LATIN" if sentence.isascii() else script_of(sentence)
    if script in _SCRIPTS:
        return _SCRIPTS[script]
    other_script = document_script is not None and script != document_script
    if letters < SENTENCE_MIN_LETTERS and not other_script:
        return document
    lang, confidence = _identifier().classify(sentence)
    lang = _ALIASES.get(lang, lang)
    # written in another script than the document: not its language, whatever the score
    if lang != document and (other_script or confidence >= SENTENCE_CONFIDENCE):
        return str(lang)
    return document
