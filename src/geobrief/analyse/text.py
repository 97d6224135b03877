"""Cheap tests run before a costly regular expression.

Python's ``re`` tries an alternation of words at every position of a sentence; most
sentences hold none of the words, and ``str.__contains__`` on the lower-cased text says
so in C. ``may_hold`` is a necessary condition only: where it is true the pattern is
still searched, so what a reader finds stays exactly what the pattern finds.
"""

from __future__ import annotations


def may_hold(text: str, hints: tuple[str, ...]) -> bool:
    """Whether ``text`` may match a case-insensitive pattern every match of which holds
    one of ``hints`` (lower case) as a substring. False only when that is sure: an ASCII
    text holding none of them. Outside ASCII, case folding can turn other characters
    into the hints' letters (the Kelvin sign, U+212A, matches "k" under ``re.I``), so the
    answer is True."""
    if not text.isascii():
        return True
    return any(map(text.lower().__contains__, hints))
