"""What a story is about, as relevance reads it: the kind of event (its family), who takes
part in it and how, and a few plain facts of its words (security, the economy, harm).

Read once per story (every reader asks) from what analysis stored: the PLOVER events of
the story's sentences (``StoryEvidence.events``), the events of its headlines (coded here:
a headline often says "will send", which analysis keeps as an intention), the countries
each sentence names, and who each sentence is attributed to (a country named only as the
speaker, "officials in Seoul said", reports the story; it does not take part in it).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from geobrief.analyse.events import code_events, trigger_types
from geobrief.compose.evidence import Evidence, StoryEvidence
from geobrief.knowledge.link import Linker

MEMO_KEY = "relevance.story"


class Family(StrEnum):
    """The kind of event a story reports, as a reader's tie reads it."""

    FIGHT = "fight"  # armed violence: attacks, strikes, battles, bombings
    COERCE = "coerce"  # threats, military moves, coercion short of force
    SANCTION = "sanction"  # sanctions, embargoes, expulsions
    AID = "aid"  # aid and arms given, pledged or delivered
    AGREE = "agree"  # agreements, treaties, cooperation, concessions
    TALKS = "talks"  # meetings, consultations, statements of support
    DISPUTE = "dispute"  # demands, accusations, rejections, protests, inquiries
    POLITICS = "politics"  # elections, governments formed or fallen, resignations
    OTHER = "other"  # none of those: disasters, accidents, crime, health, the economy

    @property
    def security(self) -> bool:
        return self in (Family.FIGHT, Family.COERCE)


FAMILY_OF: dict[str, Family] = {
    **dict.fromkeys(("FIGHT", "ASSAULT"), Family.FIGHT),
    **dict.fromkeys(("COERCE", "THREATEN", "MOBILIZE"), Family.COERCE),
    "SANCTION": Family.SANCTION, "AID": Family.AID,
    **dict.fromkeys(("AGREE", "COOPERATE", "CONCEDE", "RETREAT"), Family.AGREE),
    **dict.fromkeys(("CONSULT", "SUPPORT"), Family.TALKS),
    **dict.fromkeys(("DEMAND", "DISAPPROVE", "REJECT", "PROTEST", "INVESTIGATE"),
                    Family.DISPUTE),
}
# how much one event of a family says about the story (the weights of stories/rank.py)
FAMILY_WEIGHT = {Family.FIGHT: 1.5, Family.COERCE: 1.0, Family.SANCTION: 1.0,
                 Family.AID: 1.0, Family.AGREE: 1.0, Family.TALKS: 0.8,
                 Family.DISPUTE: 0.5, Family.POLITICS: 1.2}
# event types that a country takes part in by doing (not by saying: a condemnation or a
# statement of support is a reaction, not a part in the event)
ACTS = frozenset(FAMILY_OF) - {"DISAPPROVE", "SUPPORT", "REJECT", "PROTEST"}
HEADLINE = 3.0  # a headline's event counts as much as three sentences'
LEAD = 2.0
SENTENCES = 12  # the best sentences whose events count

_POLITICS = re.compile(
    r"\b(elections?|elected|re-elected|votes? (?:for|on|in)|voters|referendum|runoff|"
    r"sworn in|inaugurat\w+|resigns?|resignation|resigned|steps? down|stepped down|coup|"
    r"impeach\w*|no-confidence|no confidence|cabinet reshuffle|new government|"
    r"forms? a government|coalition talks)\b", re.I)
_SECURITY = re.compile(
    r"\b(military|troops|soldiers|army|navy|air force|defen[cs]e|security|missiles?|"
    r"nuclear|weapons?|war|warfare|armed|attacks?|forces|alliance|treaty|NATO|drills?|"
    r"exercises|warships?|fighter jets?|tanks|artillery|invasion|ceasefire|peacekeep\w+|"
    r"airspace|sovereignty|territorial|paramilitary)\b", re.I)
_MILITARY = re.compile(
    r"\b(military|troops|soldiers|army|navy|air force|armed forces|missiles?|tanks|"
    r"artillery|warships?|fighter jets?|drones?|air ?strikes?|shelling|howitzers?|"
    r"fighting vehicles|rockets?|paramilitary)\b", re.I)
_ALLIANCE = re.compile(
    r"\b(treaty|treaties|alliance|defen[cs]e pact|mutual defen[cs]e|"
    r"collective defen[cs]e|security (?:treaty|pact|agreement|guarantees?|cooperation)|"
    r"NATO|deterrence|military (?:bases?|pact|cooperation|exercises|drills))\b", re.I)
_DEFENCE = re.compile(r"\b(defen[cs]e minist\w+|minist\w+ of defen[cs]e|armed forces|"
                      r"military|war|generals?|commander)\b", re.I)
_TERRITORY = re.compile(
    r"\b(sovereignty|territorial|exclusive economic zone|South China Sea|East China Sea|"
    r"disputed (?:islands?|waters|border|territory)|airspace|maritime border|"
    r"territorial waters)\b", re.I)
_TRADE = re.compile(r"\b(trade|tariffs?|exports?|imports?|embargo\w*|export controls|"
                    r"supply chains?)\b", re.I)
_ECONOMY = re.compile(
    r"\b(trade|tariffs?|exports?|imports?|markets?|economy|economic|investment|currency|"
    r"oil|gas|energy|prices?|inflation|debt|bonds?|banks?|shipping|supply chains?|"
    r"semiconductors?|chips|fined?|billion|trillion)\b", re.I)
_WEAPONS_PROGRAMME = re.compile(
    r"\b(nuclear|enrich\w*|uranium|plutonium|ballistic|missile tests?|missile launch\w*|"
    r"weapons? (?:programme|program|plant|factory|site)|military (?:plant|factory|site)|"
    r"arms (?:plant|factory))\b", re.I)
# the means of war a state makes and can send abroad (not a nuclear programme, which
# stays at home)
_MUNITIONS = re.compile(
    r"\b(drones?|missiles?|rockets?|ammunition|munitions|artillery shells|"
    r"weapons? (?:plant|factory|site|production)|military (?:plant|factory|site)|"
    r"arms (?:plant|factory|production))\b", re.I)
_HARM = re.compile(r"\b(killed|killing|dead|died|deaths?|wounded|injured|casualties|"
                   r"missing|displaced|destroyed)\b", re.I)
_HEALTH = re.compile(r"\b(flu|influenza|pandemic|epidemic|outbreak|virus|infections?|"
                     r"vaccines?|cholera|ebola)\b", re.I)
_DISASTER = re.compile(r"\b(earthquake|quake|tsunami|flood\w*|hurricane|cyclone|typhoon|"
                       r"wildfires?|eruption|drought|oil spill|spill|landslide)\b", re.I)
# arms given or pledged, in words the event coder may miss ("will not prevent Poland
# from sending Leopard 2 tanks to Ukraine")
_ARMS_PLEDGE = re.compile(
    r"\b(send\w*|suppl\w+|deliver\w*|provid\w+|pledg\w+|donat\w+|transfer\w*)\b"
    r"(?:\W+\w+){0,6}?\W+(tanks|weapons|arms|missiles|vehicles|howitzers|ammunition|"
    r"air defen[cs]e|fighter jets|military aid)\b", re.I)
_INSURGENCY = re.compile(r"\b(insurgen\w*|militants?|rebels?|jihadis\w*|guerrillas?|"
                         r"terrorists?|fighters)\b", re.I)
_MIGRATION = re.compile(r"\b(migrants?|refugees?|asylum|border crossings?)\b", re.I)
WORDS: dict[str, re.Pattern[str]] = {
    "security": _SECURITY, "military": _MILITARY, "alliance": _ALLIANCE,
    "defence": _DEFENCE, "territory": _TERRITORY, "trade": _TRADE, "economy": _ECONOMY,
    "weapons": _WEAPONS_PROGRAMME, "munitions": _MUNITIONS, "harm": _HARM, "health": _HEALTH,
    "disaster": _DISASTER, "migration": _MIGRATION, "insurgency": _INSURGENCY}
_ATTRIBUTION = re.compile(r",? according to [^.,;]+", re.I)


@dataclass
class StoryFacts:
    """What relevance needs to know of a story, read once."""

    family: Family
    families: dict[Family, float]  # every family's weight in the story
    central: list[str]  # the story's main countries (``actors``), most central first
    named: Counter[str]  # every country the story names, with how often
    acting: Counter[str]  # ... named other than as a sentence's speaker
    roles: dict[str, set[tuple[str, str]]]  # country -> {(PLOVER type, source|target)}
    words: set[str] = field(default_factory=set)  # security, economy, harm, ...
    text: str = ""  # the headlines and best sentences, for word checks
    shown_in: dict[str, Evidence] = field(default_factory=dict)  # a role's best sentence
    # (country, PLOVER type, source|target) -> the distinct texts (sentences, headlines)
    # that report it: a headline and the lead it repeats count once
    reported: dict[tuple[str, str, str], set[str]] = field(default_factory=dict)
    # the countries whose politics (an election, a government formed or fallen) the
    # story's headlines or best sentences report
    politics_of: set[str] = field(default_factory=set)
    # the countries whose weapons programme (nuclear, missiles, arms plants) the story is
    # about: named with it in a headline, or in two of its best sentences
    weapons_of: set[str] = field(default_factory=set)
    # country -> (a company based there that the story is about, the text naming it best)
    companies: dict[str, tuple[str, str]] = field(default_factory=dict)

    def has(self, word: str) -> bool:
        return word in self.words

    def parties(self) -> list[str]:
        """The countries that take part: the central ones, then those an event names
        acting on another country or acted on by one."""
        out = list(self.central)
        out += sorted(c for c in self.roles if c not in out)
        return out

    def acts(self, country: str) -> bool:
        """Does ``country`` do something in the story (an act, not a reaction)?"""
        return any(t in ACTS and role == "source" for t, role in self.roles.get(country, ()))

    def acted_on(self, country: str) -> bool:
        return any(role == "target" for _t, role in self.roles.get(country, ()))

    def times(self, country: str, types: frozenset[str], role: str) -> int:
        """In how many distinct texts an event of ``types`` has ``country`` as ``role``."""
        texts: set[str] = set()
        for kind in types:
            texts |= self.reported.get((country, kind, role), set())
        return len(texts)

    def role(self, country: str) -> tuple[Family, str] | None:
        """The weightiest (family, source|target) of ``country`` in the story's events."""
        found = [(FAMILY_OF[t], r) for t, r in self.roles.get(country, ()) if t in FAMILY_OF]
        if not found:
            return None
        # roles are a set: the family's name breaks ties, so that the choice does not
        # depend on the order of a set (string hashing differs from run to run)
        return max(sorted(found), key=lambda f: (FAMILY_WEIGHT.get(f[0], 0.0),
                                                 f[1] == "source"))


def story_facts(ev: StoryEvidence, linker: Linker, central: list[str]) -> StoryFacts:
    """The story's facts (read once, kept in ``ev.memo``)."""
    found = ev.memo.get(MEMO_KEY)
    if isinstance(found, StoryFacts):
        return found
    best = sorted(ev.items, key=lambda e: -e.score)[:SENTENCES]
    families: dict[Family, float] = {}
    roles: dict[str, set[tuple[str, str]]] = {}
    shown_in: dict[str, Evidence] = {}
    reported: dict[tuple[str, str, str], set[str]] = {}
    for item in best:
        weight = LEAD if item.sentence.idx == 0 else 1.0
        key = (item.refs[0].id, item.sentence.idx)
        for note in ev.events.get(key, []):
            _count(families, roles, note.type, note.source_country, note.target_country,
                   note.negated, weight)
            _report(reported, item.text, note.type, note.source_country,
                    note.target_country, note.negated)
            for country in (note.source_country, note.target_country):
                if country in roles:
                    shown_in.setdefault(country, item)
    titles = list(dict.fromkeys(a.title for a in (ev.today or ev.story.articles)))[:4]
    for title in titles:
        coded = code_events(title, linker, ev.day)
        for event in coded:
            _count(families, roles, event.act or event.type, event.source_country,
                   event.target_country, event.negated, HEADLINE)
            _report(reported, title, event.act or event.type, event.source_country,
                    event.target_country, event.negated)
        if not coded:
            for kind in trigger_types(title):
                family = FAMILY_OF[kind]
                families[family] = families.get(family, 0.0) + HEADLINE * FAMILY_WEIGHT[family]
    text = " ".join(titles + [e.text for e in best])
    if not families and _ARMS_PLEDGE.search(text):
        families[Family.AID] = HEADLINE * FAMILY_WEIGHT[Family.AID]
    if not families and _ALLIANCE.search(" ".join(titles)):
        families[Family.AGREE] = HEADLINE * FAMILY_WEIGHT[Family.AGREE]
    if any(_POLITICS.search(t) for t in titles) or _POLITICS.search(best[0].text if best
                                                                     else ""):
        families[Family.POLITICS] = families.get(Family.POLITICS, 0.0) + \
            HEADLINE * FAMILY_WEIGHT[Family.POLITICS]
    family = max(families, key=lambda f: (families[f], f.value)) if families else Family.OTHER
    words = _words(text)
    if family.security and words & {"health", "disaster"} and "military" not in words:
        family = Family.OTHER  # "quarantine", "fight the virus": an outbreak, not a war
    acting = _acting(ev, linker)
    named = Counter(ev.countries) + acting
    facts = StoryFacts(family, families, central_of(ev, acting, central), named, acting,
                       {c: r for c, r in roles.items() if c in acting}, words, text,
                       shown_in, reported, _politics_of(best, titles, linker),
                       _weapons_of(best, titles, linker),
                       _companies(best, titles, linker, ev))
    ev.memo[MEMO_KEY] = facts
    return facts


def _count(families: dict[Family, float], roles: dict[str, set[tuple[str, str]]], kind: str,
           source: str | None, target: str | None, negated: bool, weight: float) -> None:
    family = FAMILY_OF.get(kind)
    if family is None or negated:
        return
    between = source and target and source != target
    families[family] = families.get(family, 0.0) + \
        weight * FAMILY_WEIGHT[family] * (1.3 if between else 1.0)
    if between:
        roles.setdefault(str(source), set()).add((kind, "source"))
        roles.setdefault(str(target), set()).add((kind, "target"))


_VOTE = (r"(?i:elections?|polls|vote|voters|referendum|runoff|new government|parliament|"
         r"government|cabinet|prime minister|president|chancellor|(?:\w+ )?minister|"
         r"leader)")


def _politics_of(best: list[Evidence], titles: list[str], linker: Linker) -> set[str]:
    """The countries whose own politics the story reports: "elections in Iraq", "Iraqi
    voters", "Iraq's new government" in a headline or one of the best sentences (not
    every country a sentence about politics happens to name)."""
    texts = titles + [item.text for item in best if _POLITICS.search(item.text)]
    texts = [t for t in texts if _POLITICS.search(t)]
    if not texts:
        return set()
    found: set[str] = set()
    for code in {c for t in texts for c in linker.count(t)}:
        country = linker.knowledge.countries.get(code)
        if country is None:
            continue
        names = "|".join(re.escape(n) for n in (country.name, *country.aliases) if n)
        adjectives = "|".join(re.escape(d) for d in country.demonyms if d)
        forms = [rf"\b(?:elections?|polls|vote|referendum|runoff)\s+in\s+(?:the\s+)?(?:{names})\b",
                 rf"\b(?:{names})(?:'s|\u2019s)\s+(?:\w+\s+)?{_VOTE}\b"]
        if adjectives:
            forms.append(rf"\b(?:{adjectives})\s+(?:\w+\s+)?{_VOTE}\b")
        pattern = re.compile("|".join(forms))
        if any(pattern.search(t) for t in texts):
            found.add(code)
    return found


def _weapons_of(best: list[Evidence], titles: list[str], linker: Linker) -> set[str]:
    """The countries named with a weapons programme in a headline, or in two of the best
    sentences (a passing mention of a missile test in a story about a treaty is not the
    story's subject)."""
    found: Counter[str] = Counter()
    for title in titles:
        if _WEAPONS_PROGRAMME.search(title):
            found.update(dict.fromkeys(linker.count(title), 2))
    for item in best:
        if _WEAPONS_PROGRAMME.search(item.text):
            found.update(set(item.countries))
    return {c for c, n in found.items() if n >= 2}


def _companies(best: list[Evidence], titles: list[str], linker: Linker,
               ev: StoryEvidence) -> dict[str, tuple[str, str]]:
    """The companies the story is about, by their home country: named in a headline or
    in two of the best sentences (a company quoted once is not the story)."""
    orgs = linker.knowledge.organisations
    weight: Counter[str] = Counter()
    where: dict[str, str] = {}
    texts = [(t, 2) for t in titles] + [(item.text, 1) for item in best]
    for text, counts in texts:
        ids = {m.id for m in linker.link(text, ev.day, unlinked=False)
               if m.type == "organisation" and m.id in orgs and orgs[m.id].kind == "company"}
        for found in ids:
            weight[str(found)] += counts
            where.setdefault(str(found), text)
    out: dict[str, tuple[str, str]] = {}
    for found, n in weight.most_common():
        org = orgs[found]
        if n >= 2 and org.country and org.country not in out:
            # the company as the text names it ("Meta Platforms"), else by its name
            named = next((x for x in (org.name, *org.aliases) if x in where[found]), org.name)
            out[org.country] = (named, where[found])
    return out


_OPENING = 40  # a headline is often the lead's opening words, cut short


def _report(reported: dict[tuple[str, str, str], set[str]], text: str, kind: str,
            source: str | None, target: str | None, negated: bool) -> None:
    """Note which text reports an event between two states; texts that open with the same
    words are one report (a headline and the lead sentence it was cut from)."""
    if negated or not (source and target) or source == target:
        return
    opening = " ".join(re.findall(r"\w+", text.lower()))[:_OPENING]
    reported.setdefault((str(source), kind, "source"), set()).add(opening)
    reported.setdefault((str(target), kind, "target"), set()).add(opening)


def _words(text: str) -> set[str]:
    """The plain facts of the story's words (see ``WORDS``)."""
    found = {name for name, pattern in WORDS.items() if pattern.search(text)}
    if len(_ECONOMY.findall(text)) < 2:
        found.discard("economy")  # one word ("oil", "billion") is not an economic story
    return found


def _acting(ev: StoryEvidence, linker: Linker) -> Counter[str]:
    """In how many sentences and headlines each country takes part: named (its name, a
    place in it, an institution acting for it, or one of its people the knowledge knows,
    such as its leaders) other than only as the source of a report ("officials in Seoul
    said", "..., according to US officials"): a country that only reports or comments on
    the story is not taking part in it. An institution counts only where the story also
    names its country ("Congress" in a report on Brasilia is not the US Congress)."""
    out: Counter[str] = Counter()
    texts = [_without_reporter(item) for item in ev.items]
    texts += list(dict.fromkeys(ref.title for ref in ev.story.articles))
    found = [[m for m in linker.link(text, ev.day, unlinked=False) if m.country and (
        m.stands_for_country or m.type == "person")] for text in texts]
    by_name = {str(m.country) for mentions in found for m in mentions
               if m.form != "institution" and m.type != "person"}
    for mentions in found:
        out.update({str(m.country) for m in mentions if m.form != "institution"
                    or m.country in by_name or _names_itself(m.text, str(m.country), linker)})
    return out


def _names_itself(surface: str, country: str, linker: Linker) -> bool:
    """An institution whose own name names its country ("the United States Department
    of the Treasury")."""
    known = linker.knowledge.countries.get(country)
    if known is None:
        return False
    return any(name and name in surface for name in (known.name, *known.aliases))


_REPORTING = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:said|says|say|told|tells|added|reported|"
                        r"reports|noted|estimated|estimates|believes|believed|according)\b",
                        re.I)


def _without_reporter(item: Evidence) -> str:
    """The sentence without its attribution: "according to X" and a speaker who only
    reports ("X said"); a speaker who acts ("Biden announces that the US will send") is
    kept."""
    text = _ATTRIBUTION.sub("", item.text)
    speaker = item.sentence.speaker
    if speaker and speaker in text:
        at = text.index(speaker)
        after = text[at + len(speaker):]
        if _REPORTING.search(after) or text[:at].rstrip().endswith(("according to", ",")):
            text = text[:at] + " " + after
    return text


def central_of(ev: StoryEvidence, acting: Counter[str], found: list[str], limit: int = 3
               ) -> list[str]:
    """The story's main countries: those the reporting centres on (``found``), then any
    that take part as often (a country named through its leader or its armed forces,
    which the reporting's country counts miss)."""
    if not acting:
        return found[:limit]
    top = max(acting.values())
    floor = max(2 if ev.items else 1, top / 3)  # a story told in headlines names each once
    extra = [c for c, n in sorted(acting.items(), key=lambda kv: (-kv[1], kv[0]))
             if n >= floor and c not in found]
    return (found + extra)[:limit]
