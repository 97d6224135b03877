"""Situations that last: the kinds of event a one-country storyline is made of.

A thread link needs a shared key actor (``OnlineClusterer._shares_actors``): a particular
name, or two countries. That keeps the one-sentence reports of a bus crash and of a
shooting in one country apart, but it also breaks the storylines that happen in one
country and are told without a recurring name: Peru's protests (a massacre in Juliaca, a
curfew in Puno, a red alert in Cusco, a state of emergency in Lima), Burkina Faso's
insurgency (civilians found dead in Nouna, women kidnapped in Arbinda, soldiers killed in
four attacks). What those reports share is their country and the situation they report,
in its own words: protesters and unrest, jihadists and soldiers, an election and its
votes.

A situation is read from a story's terms (its strongest words, as stored): the words of
unrest, of armed conflict or of an election. An accident, a disaster, a crime or a
decision has none: each is an event of its own, not a situation that goes on, so two of
them in one country are never joined on their country alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from geobrief.stories.threadindex import country_terms


class Situation(StrEnum):
    UNREST = "unrest"
    ARMED = "armed conflict"
    ELECTION = "election"


_WORDS: dict[Situation, frozenset[str]] = {
    Situation.UNREST: frozenset(
        "protest protests protesters protestors protested protesting demonstrators "
        "demonstration demonstrations unrest riot riots rioters curfew uprising "
        "crackdown".split()),
    Situation.ARMED: frozenset(
        "soldiers troops army militants militant militia militias insurgents insurgency "
        "insurgent jihadist jihadists islamist islamists extremists rebels rebel "
        "terrorist terrorists airstrike airstrikes shelling artillery offensive ceasefire "
        "gunmen guerrilla guerrillas separatists paramilitary paramilitaries coup "
        "junta".split()),
    Situation.ELECTION: frozenset(
        "election elections electoral vote votes voters voting polls referendum runoff "
        "ballot ballots candidate candidates impeachment".split()),
}


def situations(words: Iterable[str]) -> frozenset[Situation]:
    """The lasting situations whose words are among ``words`` (lower-case terms)."""
    held = set(words)
    return frozenset(kind for kind, vocabulary in _WORDS.items() if held & vocabulary)


def main_country(actors: dict[str, float]) -> str | None:
    """The country anchor (``@XX``) of highest weight, ties by code; None when none."""
    countries = country_terms(actors)
    return max(countries, key=lambda t: (countries[t], t)) if countries else None


def continues_situation(actors: dict[str, float], theirs: dict[str, float],
                        words: Iterable[str], their_words: Iterable[str]) -> bool:
    """Whether a story (its key ``actors`` and its terms ``words``) goes on with a recent
    thread's situation in one country (the thread's summed actors ``theirs``, its
    stories' terms ``their_words``): the country the story names most is the one the
    thread's stories name most, and both report the same lasting situation. Peru's
    protests and Burkina Faso's insurgency are told without a recurring name; an
    accident, a disaster or a crime is no situation, so two in one country stay apart.
    The clusterer asks it only of a thread with a story within ``thread_situation_days``."""
    country = main_country(actors)
    if country is None or country != main_country(theirs):
        return False
    mine = situations(words)
    return bool(mine) and bool(mine & situations(their_words))
