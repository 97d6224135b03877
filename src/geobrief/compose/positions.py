"""Who stands where on a proposition, as an analyst writes it, from the claim ledger.

The ledger (stories/ledger.py) groups what sources say about one proposition and gives
it a status. Composition reads only its entries' public fields, through ``positions``:
the one function to adapt when the ledger's entries change shape. From it come the
"What is happening?" sentence on a contested proposition ("asserted by US and South
Korean intelligence (4 reports); denied by Moscow; the Pentagon would not confirm") and
what changed since earlier briefings ("first admission by Pyongyang after six months of
denials")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from geobrief.knowledge.link import Linker
from geobrief.stories.ledger import Entry, distinct_names, kept, status

NAMES = 3  # parties named per stance; more are counted
SAYS = ("assert", "confirm")
AGAINST = ("deny", "not_confirm")
_JOINT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "his", "her", "their"})


@dataclass(frozen=True)
class Said:
    """One party's stance on the proposition, on one day, in one independent report."""

    party: str
    stance: str  # assert | confirm | deny | not_confirm
    day: str
    report: int  # the original report (copies count once)
    party_id: str | None = None
    country: str | None = None
    speaker: str | None = None  # who spoke for the party, when not the party itself


@dataclass(frozen=True)
class Positions:
    id: str
    text: str
    status: str
    said: tuple[Said, ...]

    def parties(self, *stances: str, besides: tuple[str, ...] = (),
                countries_of: tuple[str, ...] = ()) -> list[str]:
        """Distinct parties taking any of ``stances``, in the order they first did; none
        that also took one of the ``besides`` stances (a party that denies is not also
        listed as not confirming), none of a country whose parties took one of the
        ``countries_of`` stances (Moscow "would not confirm" adds nothing beside the
        Kremlin's denial), and no bare pronoun the analysis left unresolved."""
        other = {s.party for s in self.said if s.stance in besides}
        countries = {s.country for s in self.said if s.stance in countries_of and s.country}
        now = self.standing()
        names = [s.party for s in self.said if s.stance in stances
                 and now[s.party] in stances and s.party not in other
                 and (s.country is None or s.country not in countries)
                 and s.party.lower() not in PRONOUNS]
        # a joint statement ("South Korea and Ukraine") is not a fuller name of its
        # parties: each party it names is listed once
        parts = [part.strip() for n in names
                 for part in (_JOINT.split(n) if " and " in n else [n]) if part.strip()]
        return distinct_names(list(dict.fromkeys(parts)))

    def standing(self) -> dict[str, str]:
        """Each party's stance as it stands: its latest, unless the ledger keeps the
        earlier (``stories.ledger.kept``: a denial is not undone by a plain assertion)."""
        now: dict[str, str] = {}
        for s in self.said:
            if s.party not in now or not kept(now[s.party], s.stance):
                now[s.party] = s.stance
        return now

    def reports(self, *stances: str) -> int:
        now = self.standing()
        return len({s.report for s in self.said if s.stance in stances
                    and now[s.party] in stances})

    @property
    def contested(self) -> bool:
        return bool(self.parties(*SAYS)) and bool(self.parties(*AGAINST))


def positions(entry: Entry) -> Positions:
    """A ledger entry's proposition, status and stances (the adapter over the ledger).
    A party is named as the ledger counts it: a state's officials, intelligence and
    ministries are that state ("South Korea", said by its intelligence service), so one
    party is listed once whatever its speakers are called."""
    said = []
    for s in entry.stances:
        if s.stance not in SAYS + AGAINST:
            continue
        # an outlet reports what it asserts; a denial with no named party is not its own
        written = s.party or (s.outlet if s.stance in SAYS else "an unnamed source")
        party = entry.names.get(s.key) or written
        speaker = s.who if party != written and s.party and \
            s.who.lower() not in PRONOUNS and s.who != party else None
        said.append(Said(party, s.stance, s.day, s.origin, s.party_id, s.party_country,
                         speaker))
    return Positions(entry.id, entry.text, entry.status, tuple(said))


def status_on(entry: Entry, day: str, linker: Linker | None = None) -> str:
    """The entry's status as it stood with only the stances taken up to ``day``."""
    return status(replace(entry, stances=[s for s in entry.stances if s.day <= day]), linker)


def _speaking(p: Positions, names: Sequence[str], stances: tuple[str, ...]) -> list[str]:
    """Each party with who spoke for it first: "South Korea (National Intelligence
    Service)"."""
    out = []
    for name in names:
        speaker = next((s.speaker for s in p.said if s.party == name and s.stance in stances
                        and s.speaker), None)
        out.append(f"{name} ({speaker})" if speaker else name)
    return out


def _names(names: Sequence[str]) -> str:
    shown = list(names[:NAMES])
    if len(names) > NAMES:
        more = len(names) - NAMES
        shown.append(f"{more} other{'s' if more > 1 else ''}")
    return ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]


def stand(p: Positions, lower: bool = False) -> str:
    """"Asserted by A and B (4 reports); denied by C; D would not confirm." """
    parts = []
    for verb, stances in (("asserted by", ("assert",)), ("confirmed by", ("confirm",)),
                          ("denied by", ("deny",))):
        who = p.parties(*stances)
        if who:
            n = p.reports(*stances)
            count = f" ({n} reports)" if n > len(who) else ""
            parts.append(f"{verb} {_names(_speaking(p, who, stances))}{count}")
    silent = p.parties("not_confirm", besides=("deny", *SAYS), countries_of=("deny",))
    if silent:
        parts.append(f"{_names(_speaking(p, silent, ('not_confirm',)))} would not confirm")
    text = "; ".join(parts)
    if not text:
        return ""
    return (text if lower else text[:1].upper() + text[1:]) + "."


def _span(first: str, last: str) -> str:
    """A duration in words: "six months", "three weeks", "four days"."""
    days = (date.fromisoformat(last) - date.fromisoformat(first)).days
    numbers = ("one two three four five six seven eight nine ten eleven twelve").split()
    for size, unit in ((365, "year"), (30, "month"), (7, "week"), (1, "day")):
        n = days // size
        if n >= 1:
            word = numbers[n - 1] if n <= 12 else str(n)
            return f"{word} {unit}{'s' if n > 1 else ''}"
    return "a day"


def change_since(p: Positions, entry: Entry, cutoff: str, today: str,
                 linker: Linker | None = None) -> str | None:
    """What changed on this proposition between ``cutoff`` (the last earlier story) and
    ``today``, in words, when today's reports changed it: a party that denied it now
    asserts or confirms it (an admission), or its status moved."""
    new = [s for s in p.said if s.day == today]
    if not new:
        return None
    for s in new:
        if s.stance not in SAYS:
            continue
        denials = [d for d in p.said if d.stance == "deny" and d.day < today
                   and (d.party == s.party or (d.party_id and d.party_id == s.party_id))]
        if denials:
            first = min(d.day for d in denials)
            return (f"First admission by {s.party} after {_span(first, today)} of denials "
                    f"(since {first}): {p.text}")
    before, now = status_on(entry, cutoff, linker), p.status
    if before != now and any(s.day <= cutoff for s in p.said):
        return f"Now {now}, {before} as of {cutoff}: {p.text}"
    return None
