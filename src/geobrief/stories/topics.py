"""What a headline is about, from word lists: soft news, the political process, and what
the violence it names is (an armed actor's, a crime, or none: an accident, a disaster, an
animal, a cyber attack).

Sport, entertainment, weather, market chatter and site furniture are news that the
geopolitical edition leaves out (the setting ``edition_soft_news`` keeps it).

A headline is read against one word list per kind: a term scores 2 when it names the kind
on its own ("tennis", "box office", "Nasdaq", "newsletter"), 1 when it only leans that way
("coach", "album", "forecast", "shares"). A story is of a soft kind when most of the
day's headlines of it score at least 2 for that kind; the caller keeps it in the edition
anyway when it carries a hard signal (armed violence, coercion, a head of state or
government, an international body, a human cost), so that "a footballer is arrested for
protesting" or "a storm kills 40" stay (ranked below hard news). The lists are general
news vocabulary, written for this module, not drawn from any evaluation corpus.

The political process (elections, parliaments, governments formed and fallen, coups) is
not a PLOVER event, so ``political_terms`` finds it in headlines the same way.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from enum import StrEnum
from functools import lru_cache


class SoftKind(StrEnum):
    SPORT = "sport"
    ENTERTAINMENT = "entertainment"
    WEATHER = "weather"
    MARKETS = "markets"
    FURNITURE = "site furniture"


# term -> weight: 2 names the kind on its own, 1 leans towards it
_TERMS: dict[SoftKind, dict[str, int]] = {
    SoftKind.SPORT: dict.fromkeys([
        "football", "soccer", "tennis", "cricket", "rugby", "golf", "basketball", "baseball",
        "ice hockey", "nba", "nfl", "nhl", "mlb", "fifa", "uefa", "olympics",
        "olympic games", "paralympic", "paralympics", "grand slam", "wimbledon",
        "premier league", "champions league", "world cup", "formula one", "grand prix",
        "motogp", "boxing", "ufc", "cycling", "tour de france", "marathon", "skier",
        "skiing", "snowboard", "athletics", "sprinter", "swimmer", "goalkeeper", "striker",
        "midfielder", "quarterback", "batsman", "wicket", "test match", "semi final",
        "semifinal", "quarter final", "quarterfinal", "playoff", "playoffs", "super bowl",
        "la liga", "serie a", "bundesliga", "fa cup", "open championship",
        "australian open", "us open", "french open"], 2) | dict.fromkeys([
            "coach", "match", "tournament", "league", "championship", "championships",
            "medal", "medals", "cup", "final", "season", "team", "player", "players",
            "scored", "goals", "goal", "wins", "victory", "defeat", "defeating", "record",
            "club", "fans", "stadium", "athlete", "athletes", "title", "race"], 1),
    SoftKind.ENTERTAINMENT: dict.fromkeys([
        "box office", "hollywood", "bollywood", "oscar", "oscars", "academy awards",
        "grammy", "grammys", "golden globe", "golden globes", "emmy", "emmys", "bafta",
        "baftas", "netflix", "celebrity", "celebrities", "red carpet", "pop star",
        "rapper", "sitcom", "reality show", "reality tv", "eurovision", "blockbuster",
        "box office", "k pop", "music video", "film festival", "cannes film",
        "horoscope", "royal baby"], 2) | dict.fromkeys([
        "film", "films", "movie", "movies", "actor", "actress", "singer", "album", "concert",
        "tour", "premiere", "episode", "series", "sequel", "trailer", "starring", "music",
        "band", "fashion", "award", "awards", "festival", "tv", "television", "show",
        "streaming", "comedian", "musical", "director"], 1),
    SoftKind.WEATHER: dict.fromkeys([
        "weather", "forecast", "forecasters", "heatwave", "heat wave", "cold snap",
        "snowfall", "blizzard", "met office", "weather service", "meteorological",
        "meteorologists", "wind chill", "rainfall", "frost", "temperatures"], 2) | dict.fromkeys([
        "snow", "rain", "storm", "storms", "sunny", "showers", "winds", "cold", "heat",
        "warm", "degrees", "celsius", "fahrenheit", "winter", "summer", "ice", "fog",
        "thunderstorms", "warning"], 1),
    SoftKind.MARKETS: dict.fromkeys([
        "stocks", "stock market", "shares", "nasdaq", "dow jones", "s p 500", "ftse",
        "nikkei 225", "hang seng", "dax", "wall street", "bond yields", "treasury yields",
        "bitcoin", "crypto", "cryptocurrency", "oil prices", "crude oil", "brent crude",
        "petrol prices", "gasoline prices", "gas prices", "futures", "earnings",
        "quarterly profit", "quarterly results", "ipo", "dividend", "investors",
        "traders", "commodities", "gold prices", "exchange rate", "forex"], 2) | dict.fromkeys([
        "prices", "price", "market", "markets", "index", "rally", "slump", "barrel",
        "barrels", "dollar", "euro", "yen", "profit", "profits", "revenue", "sales",
        "trading", "rose", "fell", "gains", "losses", "percent", "per cent"], 1),
    SoftKind.FURNITURE: dict.fromkeys([
        "newsletter", "subscribe", "subscription", "sign up", "cookies", "cookie policy",
        "privacy policy", "terms of use", "all rights reserved", "advertisement",
        "sponsored", "podcast", "crossword", "quiz", "in pictures", "photo gallery",
        "tune in", "watch live", "click here", "follow us", "download the app",
        "tonight on", "coming up"], 2) | dict.fromkeys([
        "watch", "listen", "video", "photos", "gallery", "live", "episode", "special",
        "program", "programme", "anchor", "hosts", "join us"], 1),
}
_WORD = re.compile(r"[a-z0-9]+")
STRONG = 2  # one term that names the kind is enough
WEAK = 3  # else this many leaning terms


@lru_cache(maxsize=1)
def _patterns() -> dict[SoftKind, tuple[re.Pattern[str], dict[str, int]]]:
    out = {}
    for kind, terms in _TERMS.items():
        ordered = sorted(terms, key=len, reverse=True)  # longest first: "world cup", "cup"
        out[kind] = (re.compile(r"\b(" + "|".join(re.escape(t) for t in ordered) + r")\b"),
                     terms)
    return out


def _normal(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def scores(headline: str) -> Counter[SoftKind]:
    """Each kind's score for one headline (distinct terms, weighted), counted only when it
    reaches a verdict: a term that names the kind, or ``WEAK`` leaning terms."""
    text = _normal(headline)
    out: Counter[SoftKind] = Counter()
    for kind, (pattern, terms) in _patterns().items():
        found = set(pattern.findall(text))
        score = sum(terms[t] for t in found)
        if any(terms[t] >= STRONG for t in found) or score >= WEAK:
            out[kind] = score
    return out


def soft_kind(headlines: Iterable[str]) -> SoftKind | None:
    """The soft kind most of these headlines (one story's reports of a day) share, if any."""
    titles = list(headlines)
    votes: Counter[SoftKind] = Counter()
    for title in titles:
        score = scores(title)
        best = max(score.items(), key=lambda kv: (kv[1], kv[0].value), default=None)
        if best is not None:
            votes[best[0]] += 1
    if not votes:
        return None
    kind, count = max(votes.items(), key=lambda kv: (kv[1], kv[0].value))
    return kind if 2 * count > len(titles) else None


_POLITICS = re.compile(r"\b(" + "|".join([
    "election", "elections", "elect", "elected", "re elected", "polls", "vote", "votes",
    "voters", "referendum", "runoff", "run off", "ballot", "parliament", "parliamentary",
    "national assembly", "congress", "senate", "legislature", "president", "presidential",
    "prime minister", "chancellor", "cabinet", "government", "coalition", "coup",
    "impeachment", "impeached", "no confidence", "sworn in", "inaugurated", "inauguration",
    "resigns", "resign", "resignation", "steps down", "step down", "dissolves", "dissolved",
    "opposition", "constitution", "constitutional",
    "head of state", "head of government", "minister", "ministers", "party leader",
    "martial law", "state of emergency", "junta"]) + r")\b")


def political_terms(headline: str) -> list[str]:
    """The political-process terms of a headline, in order; not those of a former office
    ("the former prime minister")."""
    text = _normal(headline)
    return [m.group(1) for m in _POLITICS.finditer(text)
            if not text[:m.start()].endswith(("former ", "ex "))]


class Violence(StrEnum):
    """What the violence a story's headlines name is: the deed of an armed actor (war,
    insurgency, terror, state force), a crime, or no violence at all (an accident, a
    disaster, an animal, a cyber or heart attack)."""

    ARMED = "armed"
    CRIME = "crime"
    NONE = "none"


# An armed actor or a weapon of war: the violence is an armed conflict's, an insurgency's,
# terror's or a state's force, whatever else the headline names.
_CONFLICT = re.compile(r"\b(" + "|".join([
    r"soldiers?", "troops", "army", r"militar\w*", r"servicem[ae]n", r"militants?",
    r"militias?", r"insurgen\w*", r"jihad\w*", r"islamists?", r"rebels?", r"terror\w*",
    "islamic state", "isis", "isil", "al qaeda", "al shabaab", "boko haram", "taliban",
    r"houthis?", "hamas", "hezbollah", "wagner", r"paramilitar\w*", r"guerrill\w*",
    r"separatists?", r"air ?strikes?", r"missiles?", r"rocket (?:attacks?|fire)",
    r"shell(?:s|ed|ing)", "artillery", r"drone (?:attacks?|strikes?)", r"bomb\w*",
    r"explosive devices?", r"ieds?", "offensive", r"front ?lines?", "war",
    r"inva(?:sion|ded|des|de)", "occupied", r"cease ?fire", "forces", "regime", "crackdown",
    r"armed groups?", "gunmen", r"coups?", r"mortars?", r"snipers?", "insurgency",
    r"warplanes?", r"fighter jets?", "air force", "navy", "naval", r"gunships?"]) + r")\b")
# A target or victim that makes a killing an attack on a group or a state rather than a
# crime (a synagogue, an embassy, a checkpoint, Hindu homes, hostages).
_TARGETED = re.compile(r"\b(" + "|".join([
    r"checkpoints?", r"synagogues?", r"mosques?", r"churche?s?", r"temples?",
    r"embass(?:y|ies)", r"consulates?", "sectarian", "ethnic", r"hindus?", r"christians?",
    r"muslims?", "jews", "jewish", r"massacre\w*", r"hostages?", "kidnapped by",
    r"protesters?", r"demonstrators?",
    r"abduct\w*"]) + r")\b")
# A lone perpetrator, a criminal act or its prosecution: a crime, not an armed conflict.
_CRIME = re.compile(r"\b(" + "|".join([
    "mass shooting", "mass stabbing", "shooting spree", "drive by", "school shooting",
    "gunman", "a man", "a woman", "a teenager", "a boy", "a girl", "a student",
    r"suspect(?:s|ed)?", r"murder\w*", "homicide", "manslaughter", r"honou?r killing",
    r"serial killers?", r"stabb(?:ing|ed)", "machete", r"knife\w*", r"robber\w*",
    r"burglar\w*", r"drug traffick\w*", r"traffickers?", r"smuggl\w*", "custody",
    r"charged", r"charges", "convicted", r"sentenced", r"prosecutors?", r"indicted",
    "accused", "sexual assault", r"rap(?:e|ed|es|ist)", "commits suicide",
    r"rams? (?:his|her|a|their) (?:car|vehicle|truck|van)", "domestic violence",
    r"prison riots?", r"inmates? riot\w*"]) + r")\b")
# The violence is not a person's deed: an accident, a disaster, a cyber or a heart attack
# ("a fire at a cottage", "a ransomware attack", "a rocket launch fails").
_NOT_VIOLENCE = re.compile(r"\b(" + "|".join([
    r"crash\w*", r"collid\w*", "collision", r"derail\w*", r"plung\w*", r"capsiz\w*",
    "sank", r"sinks?", r"overturn\w*", r"(?:fell|falls?) (?:off|from|into)", "fire", "blaze",
    r"flood\w*", r"landslides?", r"mudslides?", r"avalanches?",
    r"earthquakes?", "quake", r"storms?", r"cyclones?", r"hurricanes?", r"typhoons?",
    r"tornado\w*", r"blizzards?", "freezing", "cold wave", r"heat ?waves?", "temperatures",
    "outbreak", "cholera", "epidemic", "stampede", r"collapse\w*", "gas leak", r"gas explosions?",
    "toxic", r"poison\w*", r"drown\w*", r"accident\w*", r"cyber\w*",
    "ransomware", r"hack\w*", "heart attack", "cardiac arrest", "panic attack",
    r"spaceports?", "space systems", r"spacecraft", r"satellites?", "into orbit"]) + r")\b")
# An explosion with no weapon, armed act or targeted group named: an accident ("a drilling
# rig has exploded"), though not beside a targeted group ("an explosion outside the home
# of one of the Hindus killed yesterday").
_BLAST = re.compile(r"\b(explo(?:sion|sions|ded|des|de)|blasts?)\b")
# An animal's attack, or animals killed: no person's violence.
_ANIMAL = re.compile(r"\b(" + "|".join([
    r"bears?", r"sharks?", r"dogs?", r"crocodiles?", r"tigers?", r"lions?", r"elephants?",
    r"snakes?", r"rhino\w*", r"poach\w*", "wildlife", r"animals?", "livestock", "cattle",
    "sheep", r"goats?", r"camels?", r"cows?", r"birds?"]) + r")\b")
# Acts that are violence by a person even beside an accident word ("set fire to a car",
# "opened fire", "shot dead", "stormed the parliament").
_ARMED_ACT = re.compile(r"\b(" + "|".join([
    r"gunm[ae]n", r"gunfire", r"open\w* fire", r"shoot\w*", "shot", r"stab\w*", r"raid\w*",
    r"clash\w*", "fighting", r"arson\w*", "set fire", r"fired (?:at|on|upon|into)",
    r"police fire", r"storm(?:s|ed|ing)? (?:the|a|an)", r"attack(?:s|ed|ing)? (?:on|by)",
    r"attackers?", r"assault\w*", r"lynch\w*", r"beat\w* to death"]) + r")\b")


def violence(headlines: Iterable[str], armed_actor: bool = False) -> Violence | None:
    """What the violence named by one story's headlines of a day is, or None when they
    say nothing either way (then the coded kind stands). An armed actor coded by
    analysis (an armed group, armed forces, one state acting on another) or an armed
    actor's or weapon's word makes it armed; else an animal, or an accident, disaster or
    cyber word with no act of a person, makes it no violence; else a targeted group or
    place makes it armed, an explosion alone none, and a crime word a crime."""
    text = " ".join(_normal(h) for h in headlines)
    if armed_actor or _CONFLICT.search(text):
        return Violence.ARMED
    if _ANIMAL.search(text) or (_NOT_VIOLENCE.search(text) and not _ARMED_ACT.search(text)):
        return Violence.NONE
    if _TARGETED.search(text):
        return Violence.ARMED
    if _BLAST.search(text) and not _ARMED_ACT.search(text):
        return Violence.NONE
    if _CRIME.search(text):
        return Violence.CRIME
    return None


def counts_animals(figure: str, context: str) -> bool:
    """Whether the count ``figure`` in ``context`` counts animals ("about 70,000 livestock",
    "61 black rhinoceros"): no human cost."""
    at = context.find(figure)
    if at < 0:
        return False
    following = _normal(context[at + len(figure):]).split()[:3]
    return any(_ANIMAL.fullmatch(word) for word in following)


# What a headline gives as the cause or background of its event ("closes the site due to
# the unrest", "moved the clock ahead because of the invasion"): not the day's event.
_CAUSE = re.compile(r"\b(?:due to|because of|amid|in response to|in the aftermath of|"
                    r"in protest (?:at|of|against|over)|citing)\b", re.I)


def main_clause(headline: str) -> str:
    """The headline up to the words that give its event's cause or background."""
    found = _CAUSE.search(headline)
    return headline[:found.start()] if found else headline


# Sending weapons of war to another state's forces: a transfer verb, then within a dozen
# words a weapon ("will send its self-propelled Archer Artillery System", "agree to send
# Bradley Fighting Vehicles", "approves the delivery of 31 M1 Abrams tanks").
_TRANSFER = (r"(?:send|sends|sending|supply|supplies|supplying|deliver|delivers|delivering|"
             r"delivery|deliveries|donate|donates|provide|provides|providing|transfer|"
             r"transfers|export|exports|sale|sell|sells)")
_WEAPON = (r"(?:tanks?|artillery|howitzers?|missiles?|air defen[cs]e|fighting vehicles?|"
           r"armou?red vehicles?|fighter jets?|warplanes?|combat aircraft|helicopters?|"
           r"drones?|rocket systems?|rocket launchers?|himars|patriot|nasams|munitions|"
           r"ammunition|shells|weapons|arms)")
_ARMS_TRANSFER = re.compile(rf"\b{_TRANSFER}\b(?:\s+\S+){{0,12}}?\s+{_WEAPON}\b")


def arms_transfer(headline: str) -> bool:
    """Whether a headline's main clause reports weapons of war sent, delivered or sold
    to another party (a state arming another's forces changes a war's course, however
    plainly it is announced)."""
    return bool(_ARMS_TRANSFER.search(_normal(main_clause(headline))))
