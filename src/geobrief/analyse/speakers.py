"""Who a speaker is, from the document around the sentence and the knowledge.

A speaker as written can be a pronoun ("he", "they"), a surname ("Mr Amin"), a title
("the NATO chief", "the foreign minister") or a name with its title ("Kremlin spokesman
Dmitry Peskov"). ``Speakers`` reads a document sentence by sentence and keeps what
earlier sentences named: the last speaker, the subject of the last sentence, people's
full names by surname and the countries the document is about. A quotation that goes on
from an earlier sentence takes that sentence's speaker. Names are linked to knowledge ids
where the knowledge holds them; titles resolve to the office holder on the article's date.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from geobrief.analyse.speaker_phrase import main_subject
from geobrief.knowledge.link import ROLE_WORDS, Linker, normal

_PERSON_TITLES = (r"Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof|Professor|Rev|President|"
                  r"Prime Minister|Minister|Secretary|General|Gen|Col|Colonel|Governor|Gov|"
                  r"Senator|Sen|Rep|Judge|Justice|King|Queen|Prince|Sheikh|Ambassador|"
                  r"Chancellor|Premier|Spokesman|Spokeswoman|Commander|Admiral|Mayor")
_FULL_NAME = re.compile(r"\b(?:(?:" + _PERSON_TITLES + r")\.?\s+)?(?P<name>[A-Z][a-z][\w'\u2019-]+"
                        r"(?:\s+(?:[A-Z]\.\s+)?(?:(?:al|el|bin|ibn|de|da|van|von|le|la)[- ])?"
                        r"[A-Z][a-z][\w'\u2019-]+){1,2})")
_TITLED_SURNAME = re.compile(r"^(?:(?:the\s+)?(?:" + _PERSON_TITLES + r")\.?\s+)+"
                             r"(?P<surname>[A-Z][\w'\u2019-]+)$")
_NAME_AT_END = re.compile(r"(?P<name>(?:[A-Z][a-z][\w'\u2019-]*|[A-Z]\.)(?:\s+(?:[A-Z][a-z]"
                          r"[\w'\u2019-]*|[A-Z]\.|al|bin|de|el|van|von|der|Jae-in|"
                          r"(?:al|el|ibn|bin|da|de)-[A-Z][\w'\u2019-]*))+)$")
_NOT_NAME_WORDS = frozenset("""Ministry Department Council Agency Service Office House
    Organisation Organization Commission Committee Group Company Bank Government Party
    Army Forces Force Guard Court Union Nations League News Times Post Press Association
    Institute University Foundation Centre Center Network Corporation Agency States
    Kingdom Republic Observatory Programme Program Fund Board Authority Administration
    Coast Gulf Sea Airport Street Square Security Health Airways Airlines Prize Award
    Studies Peace Museum Movement Brotherhood Front Alliance Coalition Parliament Assembly
    Congress Senate Embassy Bridge Hospital Conference Summit Forum Convention Treaty
    Endowment Fund Society Trust Project Initiative Watch Review Journal Magazine
    Channel Radio Television Agreement Accord Plan East West North South""".split())
_TITLE_WORDS = frozenset("""State Affairs Staff Security Justice Trade Energy Home Treasury
    Vice Deputy Foreign Defence Defense Interior Finance Health Chief
    Executive Director Leader Spokesman Spokeswoman Minister Secretary Envoy Ambassador Head
    Chairman Chairwoman Chair CEO Commissioner Officer Adviser Advisor Analyst Professor
    Lieutenant General Colonel Captain Major Sergeant Attorney Senior Former Acting""".split())
_TITLES = frozenset(_PERSON_TITLES.split("|")) | _TITLE_WORDS  # what _name_in cuts before a name
_FUNCTION_WORDS = frozenset("""But And The He She It They We I In On At As If When While After
    Before Since Although Though However Meanwhile Also So Yet Now Then This That These Those
    There Here Mr Mrs Ms Dr Sir""".split())
# the verb that opens a question, capitalised before a name ("Will Gadhafi survive?")
_QUESTION_OPENERS = frozenset("""Will Would Can Could Should Shall Must Did Does Do Is Are Was
    Were Has Have Had Why What Where How Who""".split())
_ACRONYM = re.compile(r"(?P<full>(?:[A-Z][\w&'.-]*\s+(?:(?:of|for|and|the|on|de)\s+)*){1,7}?)"
                      r"\((?P<abbr>[A-Z][A-Za-z.]{1,7})\)")
_ORG_TITLE = re.compile(r"\b(?P<org>NATO|Nato|UN|U\.N\.|United Nations|IAEA|WHO|IMF|ICC)\s+"
                        r"(?P<role>chief|head|boss|secretary[- ]general|director[- ]general|"
                        r"managing director|prosecutor|leader)\b")
_ORG_ROLES = {"secretary general": "secretary-general", "director general": "director-general",
              "managing director": "managing-director", "prosecutor": "prosecutor"}
_ORG_IDS = {"NATO": "NATO", "Nato": "NATO", "UN": "UN", "U.N.": "UN", "United Nations": "UN",
            "IAEA": "IAEA", "WHO": "WHO", "IMF": "IMF", "ICC": "ICC"}
_ORG_FIRST_ROLE = {"IAEA": "director-general", "WHO": "director-general",
                   "IMF": "managing-director", "ICC": "prosecutor"}
_BARE_TITLE = re.compile(r"^(?:the\s+)?(?P<role>" + "|".join(
    sorted((w for ws in ROLE_WORDS.values() for w in ws), key=len, reverse=True)) + r")$", re.I)
_PERSONAL = frozenset({"he", "she", "him", "her"})
_COLLECTIVE = frozenset({"they", "it", "we"})
# pronouns, and a lone "Some" or "Many": nobody in particular
_UNRESOLVED = _PERSONAL | _COLLECTIVE | {"i", "you", "them", "us", "me", "some", "many",
                                         "several", "most", "others", "both"}
# a titled surname ending a phrase glued to something before it ("Canada Prof Ershaghi")
_TITLED_SURNAME_AT_END = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|Professor|Sir)\.?\s+"
                                    r"[A-Z][\w'\u2019-]+$")
# one party speaking with others: "Obama and other top officials"
_WITH_OTHERS = re.compile(r"^(?P<first>.+?)\s+and\s+(?P<others>other\s+[\w'\u2019 .-]+)$")
_GROUP_HEADS = re.compile(r"\b(?:officials?|spokes(?:man|woman|person)|government|ministry|"
                          r"police|army|military|agency|company|group|sources?|activists?|"
                          r"rebels?|authorities|experts?|analysts?|scientists?|residents?|"
                          r"witnesses?|diplomats?|leaders?|people)\b", re.I)
# a phrase whose head is one person ("a Downing Street spokesman", "the official"): "he"
# or "she" in the next sentence can be them
_ONE_PERSON = re.compile(r"\b(?:spokes(?:man|woman|person)|official|minister|secretary|"
                         r"adviser|advisor|chief|head|director|envoy|ambassador|executive|"
                         r"analyst|lawyer|attorney|doctor|physician|professor|scientist|"
                         r"researcher|expert|economist|diplomat|officer|commander|general|"
                         r"governor|mayor|senator|president|chairman|chairwoman|leader|source|"
                         r"witness|resident|man|woman|friend|aide|negotiator)$", re.I)
# a word glued to a place that makes it an adjective, not a name ("Houston-based")
_NOT_NAME_SUFFIX = re.compile(r"-(?:based|born|led|backed|owned|run|made|era|style|"
                              r"controlled|held|linked|allied|funded)$")
_ACRONYM_NAME = re.compile(r"\b(?!(?:TV|AM|PM|CEO|GMT|ET|EST|BST|AP|OK|II|III)\b)[A-Z]{2,6}\b")
# a party's own account or estimate stands for the party: "BP's own account"
_OWN_ACCOUNT = re.compile(r"^(?P<who>[^,;]+?)(?:'s|\u2019s)\s+(?:own\s+)?(?:account|estimates?|"
                          r"figures?|count|reckoning|admission|statement|assessment|tally|"
                          r"data)$")
_INNER_CAPITAL = re.compile(r"[a-z,;] ([A-Z][a-z][\w'\u2019-]+)")
_POSSESSOR = re.compile(r"(?:'s|\u2019s)\s+(?:[a-z]+\s+){0,2}[A-Z]")
_NAME_AFTER_HEAD = re.compile(r"\b(?:spokes\w+|officials?|minister|secretary|chief|head|leader|"
                              r"director|adviser|advisor|envoy|ambassador|executive|analyst)\s+"
                              r"[A-Z][a-z]", re.I)
_BODY_AFTER_PERSON = re.compile(r"(?:'s|\u2019s)?\s+(?:administration|government|camp|team|"
                                r"campaign|family|aides|officials|allies|cabinet|office|"
                                r"spokes\w+)\b", re.I)
_DEFINITE_BODY = re.compile(r"^the\s+(?:(?:[a-z][\w-]*|[A-Z][a-z]+(?:ish|an|ese|ian|ch|i))\s+)"
                            r"{0,2}?(?:company|firm|group|airline|carrier|agency|organi[sz]ation|"
                            r"bank|giant|utility|network|alliance|bloc|body|regime|"
                            r"oil giant|energy giant|broadcaster|insurer)$", re.I)
# a definite description by its head alone ("the source", "the official"), which an
# earlier indefinite one ("an industry source") may name more fully
_DEFINITE_HEAD = re.compile(r"the\s+(?P<head>source|official|spokes(?:man|woman|person)|"
                            r"diplomat|analyst|expert|witness|resident|lawyer|officer|aide|"
                            r"negotiator|researcher|scientist|doctor)", re.I)
_DETERMINER_WORDS = ("the", "a", "an", "his", "her", "its", "their", "our", "this", "that",
                     "and", "or", "of", "in", "to", "said", "says", "told")
# a body that is a business: never a country ("the company" after "Gulf of Mexico")
_BUSINESS = re.compile(r"\b(?:company|firm|airline|carrier|bank|giant|utility|broadcaster|"
                       r"insurer)$", re.I)
# people who speak for a body named by its kind: "a company spokesman", "the group's chief"
_BODY_PERSON = re.compile(r"^(?:a|an|the)\s+(?P<body>company|firm|group|airline|carrier|agency|"
                          r"organi[sz]ation|bank|utility|network|alliance|bloc|league)"
                          r"(?:'s|\u2019s)?\s+(?P<head>spokes(?:man|woman|person)|official|"
                          r"chief|head|executive|director|lawyer|representative|source|"
                          r"CEO|chief executive|boss|chairman|chairwoman)$", re.I)
# people who speak for a person named by surname: "a Jindal spokesman", "a Biden aide"
_PERSON_AIDE = re.compile(r"^(?i:a|an|the)\s+(?P<surname>[A-Z][\w'\u2019-]+)\s+(?P<head>"
                          r"spokes(?:man|woman|person)|aides?|advis[eo]rs?|lawyers?|"
                          r"attorneys?)$")
# a state's own officials named by where its government sits: "officials in", "the
# government in", "senior government officials in" (modifiers in lower case only)
_CAPITAL_GROUP = re.compile(r"(?:(?:[Tt]he|[Aa]n?)\s+)?(?:(?:[Ss]enior|[Tt]op|[Gg]overnment|"
                            r"[Hh]ealth|[Mm]inistry|[Mm]ilitary|[Ss]ecurity|[Dd]efen[cs]e|"
                            r"[Ff]oreign|[Ss]tate|[Ii]ntelligence|[Aa]dministration)\s+){0,2}"
                            r"(?:[Oo]fficials?|[Aa]uthorities|[Gg]overnment|[Ll]eadership)"
                            r"\s+in\s+")
_BOTH = re.compile(r"^(?i:both)\s+(?:states|countries|governments|nations|capitals)$")
# a name right after a business noun names the business: "locks group Assa Abloy"
_BUSINESS_BEFORE = re.compile(r"\b(?:group|company|firm|maker|giant|bank|carrier|airline|"
                              r"retailer|insurer|operator|lender|conglomerate|manufacturer|"
                              r"producer|supplier|broker|brand)\s+$")
_QUOTE_OPEN = re.compile(r"^[\s(]*[\u201c\"\u2018]")


_LINKED: dict[tuple, tuple[Party | None, Counter[str]]] = {}
_HOLDERS: dict[tuple, list] = {}



@dataclass(frozen=True)
class Party:
    """Who speaks or acts: a name, the knowledge id when known, and the country."""

    name: str
    id: str | None = None
    country: str | None = None
    person: bool = False

    @property
    def known(self) -> bool:
        """Whether this says who the party is: a pronoun nothing resolved ("he", "they")
        does not."""
        return self.id is not None or self.name.lower() not in _UNRESOLVED


@dataclass
class Speakers:
    """Resolution context for one document, read in order (``resolve`` then ``observe``)."""

    linker: Linker
    on: date | None
    last_speaker: tuple[str, Party] | None = None  # as written, resolved
    last_subject: Party | None = None
    last_person: Party | None = None
    people: dict[str, Party] = field(default_factory=dict)  # surname -> full name
    acronyms: dict[str, str] = field(default_factory=dict)  # "ANA" -> "All Nippon Airways"
    countries: Counter[str] = field(default_factory=Counter)
    quote_open: bool = False
    _capitals: set[str] = field(default_factory=set)  # capitalised inside a sentence
    _bodies: list[str] = field(default_factory=list)  # acronyms named, in order
    _unscanned: list[str] = field(default_factory=list)  # sentences not yet scanned for both
    since_speaker: int = 99  # sentences since the last speaker
    _unread: list[str] = field(default_factory=list)  # sentences whose names are unread
    _subject_of: str | None = None  # the last sentence, its subject not yet read
    _recent: list[str] = field(default_factory=list)  # the last sentences observed
    _current: str | None = None  # the sentence being read (noticed, not yet observed)

    # --- resolving --------------------------------------------------------------------

    def resolve(self, written: str, guess: bool = True) -> Party:
        """Who ``written`` (a speaker or actor as written) is. With ``guess`` false (a
        sentence's subject, where a capitalised first word may be a common noun: "Police",
        "Veteran"), a lone word the document and the knowledge do not know as a name is not
        taken for a surname."""
        own = _OWN_ACCOUNT.match(written)
        if own:  # "BP's own account": BP
            written = own.group("who")
        glued = _TITLED_SURNAME_AT_END.search(written)
        if glued and glued.start() > 0 and not re.search(r"\b[a-z]", written[:glued.start()]):
            written = glued.group()  # "Canada Prof Ershaghi": Prof Ershaghi
        both = _WITH_OTHERS.match(written) if " and other" in written else None
        if both and "," not in written:
            first = self.resolve(both.group("first"), guess)
            if first.id is not None:  # "Obama and other top officials": Barack Obama and ...
                return Party(f"{first.name} and {both.group('others')}", first.id,
                             first.country)
        low = written.lower()
        bare = re.sub(r"^the\s+", "", written, flags=re.I)
        if bare in self.acronyms:
            return self._linked(self.acronyms[bare]) or Party(self.acronyms[bare])
        if low in _PERSONAL:
            found = self._antecedent(person=True)
            if found is not None and found.id is None:
                found = self._linked(found.name) or found
            return found or Party(written)
        if low in _COLLECTIVE:
            return self._antecedent(person=False) or Party(written)
        if _BOTH.match(written):  # "Both states deny": the two just named
            pair = self._last_pair()
            if pair is not None:
                return pair
        described = self._described(written)
        if described is not None:  # "the source" after "an industry source told ...
            return described
        if _DEFINITE_BODY.match(written):  # "the company": a body, never a lone surname
            business = bool(_BUSINESS.search(written))
            return self._antecedent(person=False, strict=True, business=business) or \
                self._last_body() or Party(written)
        for_body = _BODY_PERSON.match(written)
        if for_body:  # "a company spokesman": the company's, once the document names it
            body = self.resolve(f"the {for_body.group('body')}")
            if body.id is not None or body.name[:1].isupper():
                return Party(f"{body.name} {for_body.group('head')}", body.id, body.country,
                             True)
            return Party(written, person=True)
        self._catch_up()
        aide = _PERSON_AIDE.match(written)
        if aide and aide.group("surname") in self.people:  # "a Jindal spokesman"
            boss = self.people[aide.group("surname")]
            boss = boss if boss.id else self._linked(boss.name) or boss
            return Party(f"{boss.name} {aide.group('head')}", boss.id, boss.country, True)
        titled = _TITLED_SURNAME.match(written)
        surname = titled.group("surname") if titled else (
            written if re.fullmatch(r"[A-Z][\w'\u2019-]+", written) else None)
        if surname and surname in self.people:
            earlier = self.people[surname]  # a full name read earlier, linked when known
            return earlier if earlier.id else self._linked(earlier.name) or earlier
        if titled is not None:  # "Dr Shafer", "Mr Amin": a person, if not yet a full name
            return self._linked(written) or Party(titled.group("surname"), person=True)
        office = self._office(written)
        if office is not None:
            return office
        name = self._name_in(written)
        linked = self._linked(written, whole=name is None)
        if linked is not None and (linked.person or name is None):
            return linked
        if name is not None:
            known = self.people.get(name.split()[-1])
            if known is not None and known.id and known.name.endswith(name.split()[-1]):
                return known
            linked_name = self._linked(name, whole=True)
            if linked_name is not None:
                return linked_name
            if guess or self._person_like(name):
                return Party(name, person=True)
        if linked is None and surname is not None and not surname.isupper() and \
                (guess or surname in self.inner_capitals) and \
                not _GROUP_HEADS.fullmatch(surname):
            return Party(surname, person=True)  # "Tarantino": a name the knowledge lacks
        return linked or Party(written, person=bool(_ONE_PERSON.search(written)))

    def _described(self, written: str) -> Party | None:
        """A definite description that takes up an earlier indefinite one: "the source"
        after "an industry source told Fox News" is that industry source, "the official"
        after "a senior US official said" that official (the nearest earlier sentence
        wins; the head alone, "a source", adds nothing)."""
        bare = _DEFINITE_HEAD.fullmatch(written)
        if bare is None or not self._recent:
            return None
        head = bare.group("head").lower()
        earlier = re.compile(r"\b(?:an?|one)\s+(?P<mods>(?:(?!(?:" + "|".join(_DETERMINER_WORDS) +
                             r")\b)[\w.'\u2019-]+\s+){1,3}?)" + re.escape(head) + r"\b", re.I)
        for sentence in reversed(self._recent):
            found = list(earlier.finditer(sentence))
            if found:
                said = " ".join(found[-1].group("mods").split() + [head])
                return Party(said, person=bool(_ONE_PERSON.search(said)))
        return None

    def _last_pair(self) -> Party | None:
        """The two countries the last sentence named together ("Turkish and Georgian
        ports"), for "both states" in the next."""
        if not self._recent:
            return None
        last = self._recent[-1]
        states = [m for m in self.linker.link(last, self.on, unlinked=False)
                  if m.type == "country" and m.country]
        pairs = [(a.country or "", b.country or "")
                 for i, (a, b) in enumerate(zip(states, states[1:], strict=False))
                 if last[a.end:b.start].strip() == "and" and a.country != b.country and
                 not (i and last[states[i - 1].end:a.start].strip() in (",", ", the"))]
        if not pairs:
            return None
        named = list(pairs[-1])
        names = [self.linker.knowledge.countries[c].name
                 if c in self.linker.knowledge.countries else c for c in named]
        return Party(" and ".join(names))

    def _scan(self) -> None:
        """Read the capitalised words and acronyms of the sentences observed since the last
        look (only a lone name or "the company" needs them)."""
        unscanned, self._unscanned = self._unscanned, []
        for sentence in unscanned:
            self._capitals.update(_INNER_CAPITAL.findall(sentence))
            self._bodies.extend(_ACRONYM_NAME.findall(sentence))

    @property
    def inner_capitals(self) -> set[str]:
        self._scan()
        return self._capitals

    @property
    def bodies(self) -> list[str]:
        self._scan()
        return self._bodies

    def _last_body(self) -> Party | None:
        """The body last named by its acronym in the document ("BP", "EPA"), not a
        country's."""
        current = _ACRONYM_NAME.findall(self._current) if self._current else []
        for name in [*reversed(current), *reversed(self.bodies)]:
            if not any(e.type == "country" for e in self.linker.by_key.get(
                    normal(name).strip(), ())):
                return self._linked(name) or Party(name)
        return None

    def _antecedent(self, person: bool, strict: bool = False,
                    business: bool = False) -> Party | None:
        self._catch_up()
        speaker = self.last_speaker[1] if self.last_speaker and self.since_speaker <= 2 else None
        subject = self._subject()
        if speaker is not None and speaker.name.lower() in _PERSONAL | _COLLECTIVE:
            speaker = None  # a pronoun nobody resolved answers no later one
        if person:
            if speaker is not None and speaker.person and self.since_speaker == 0:
                return speaker  # "X said ... . He added": the one who just spoke
            for candidate in (subject, speaker, self.last_person):
                if candidate is not None and candidate.person:
                    return candidate
            return None
        for candidate in (speaker, subject):
            lone = candidate is not None and candidate.id is None and \
                " " not in candidate.name and not candidate.name.isupper()
            if strict and lone:
                continue  # "the company" after "Hayward heads to Angola": not Hayward
            if business and candidate is not None and candidate.id is not None and \
                    candidate.id == candidate.country:
                continue  # "the company" is no country
            if candidate is not None and (not candidate.person or lone):
                return candidate  # a body, or a lone name that may be one ("Halliburton")
        return None

    def _office(self, written: str) -> Party | None:
        """A title that names one office holder on the article's date."""
        if self.on is None or not (_ORG_TITLE.search(written) or _BARE_TITLE.match(written)):
            return None
        org = _ORG_TITLE.search(written)
        if org is not None:
            org_id = _ORG_IDS[org.group("org")]
            word = org.group("role").lower().replace("-", " ")
            role = _ORG_FIRST_ROLE.get(org_id, "secretary-general") if word in (
                "chief", "head", "boss", "leader") else _ORG_ROLES[word]
            holders = self._holders(role, None, org_id)
            if len(holders) == 1:
                return Party(holders[0].name, holders[0].id, holders[0].country, True)
        bare = _BARE_TITLE.match(written)
        if bare is not None and self.countries:
            role_text = bare.group("role").lower()
            role = next(r for r, ws in ROLE_WORDS.items() if role_text in ws)
            country = self.countries.most_common(1)[0][0]
            holders = self._holders(role, country, None)
            if len(holders) == 1:
                return Party(holders[0].name, holders[0].id, holders[0].country, True)
        return None

    def _holders(self, role: str, country: str | None, org: str | None) -> list:
        """Who held an office on the article's date (cached: titles repeat)."""
        assert self.on is not None
        key = (id(self.linker), role, self.on, country, org)
        if key not in _HOLDERS:
            _HOLDERS[key] = self.linker.knowledge.holders(role, self.on, country=country,
                                                          org=org)
        return _HOLDERS[key]

    def _linked(self, written: str, whole: bool = True) -> Party | None:
        """The entity ``written`` names: a person anywhere in it; an organisation or a
        country only when it is the whole phrase ("the Kremlin", not "the US Coast
        Guard"), unless ``whole`` is false. Cached: speakers repeat across documents."""
        key = (id(self.linker), written, self.on, whole)
        if key in _LINKED:
            party, countries = _LINKED[key]
            self.countries.update(countries)
            return party
        before = Counter(self.countries)
        party = self._link(written, whole)
        if len(_LINKED) > 50_000:
            _LINKED.clear()
        _LINKED[key] = (party, self.countries - before)
        return party

    def _link(self, written: str, whole: bool) -> Party | None:
        knowledge = self.linker.knowledge
        bare = re.sub(r"^(?:the|a|an)\s+", "", written.strip(), flags=re.I)
        for mention in self.linker.link(written, self.on, unlinked=False):
            if mention.form == "metonym" and mention.type == "country" and \
                    _CAPITAL_GROUP.fullmatch(written[:mention.start]) and \
                    not written[mention.end:].strip(" .,"):
                # "officials in Moscow", "the government in Damascus": a state's own
                # officials named by its capital speak for it ("German officials in Kabul",
                # "a Catholic official in Tripoli" name another body and stay where they are)
                if mention.country:
                    self.countries[mention.country] += 1
                return Party(bare, mention.id, mention.country)
            if mention.type != "person" and _POSSESSOR.match(written[mention.end:]):
                continue  # "Libya's rebel National Transitional Council": the council speaks
            if mention.type != "person" and whole and \
                    len(re.sub(r"^(?:the|a|an)\s+", "", mention.text, flags=re.I)) < len(bare) \
                    and not _GROUP_HEADS.search(written[mention.end:]):
                if mention.country and mention.type == "country":
                    self.countries[mention.country] += 1
                continue
            if mention.type not in ("person", "organisation", "country") or not mention.id:
                continue
            head = _GROUP_HEADS.search(written[mention.end:])
            if mention.type != "person" and head and not _NAME_AFTER_HEAD.search(
                    written[mention.end:]) and mention.form != "demonym" and \
                    not re.search(r"\b(?:in|at|near|from|of)\s+(?:the\s+)?$",
                                  written[:mention.start]):
                # "a Downing Street spokesman", "Kremlin officials": people who speak for
                # the body, named as written and linked to it
                if mention.country:
                    self.countries[mention.country] += 1
                return Party(bare, mention.id, mention.country,
                             bool(_ONE_PERSON.search(written)))
            if mention.form == "demonym" and mention.country and \
                    _GROUP_HEADS.search(written[mention.end:]) and \
                    not _NAME_AFTER_HEAD.search(written[mention.end:]):
                self.countries[mention.country] += 1
                return Party(written, None, mention.country)  # "Russian officials"
            # "commanders in Kursk": where they are; but "negotiators from the group",
            # "officials of the ministry": whom they speak for
            if mention.form == "demonym" or re.search(r"\b(?:in|at|near)\s+(?:the\s+)?$",
                                                      written[:mention.start]) or (
                    mention.type == "country" and re.search(
                        r"\b(?:from|of)\s+(?:the\s+)?$", written[:mention.start])):
                if mention.country:
                    self.countries[mention.country] += 1
                continue
            if mention.type == "person":
                if _BODY_AFTER_PERSON.match(written[mention.end:]):
                    continue  # "the Biden administration": not Biden himself
                person = knowledge.people.get(mention.id)
                return Party(person.name if person else mention.text, mention.id,
                             mention.country, True)
            if _NAME_AFTER_HEAD.search(written[mention.end:]):
                return None  # "Kremlin spokesman Dmitry Peskov": a person, named below
            if mention.type == "organisation":
                org = knowledge.organisations.get(mention.id)
                return Party(org.name if org else mention.text, mention.id, mention.country)
            if mention.form == "metonym":  # "the Kremlin": named as written, for Russia
                return Party(bare, mention.id, mention.country)
            return Party(knowledge.countries[mention.id].name
                         if mention.id in knowledge.countries else mention.text,
                         mention.id, mention.country)
        return None

    @staticmethod
    def _name_in(written: str) -> str | None:
        """A person's name ending a titled phrase: 'opposition leader Mohamed ElBaradei',
        'Sir Liam Donaldson, chief medical advisor'."""
        head = written.split(",")[0].strip()
        match = _NAME_AT_END.search(head)
        if match is None or re.search(r"\b(?:of|for|at|in|from|the|to|on)\s+$",
                                      head[:match.start()], re.I):
            return None  # "an associate at the Carnegie Endowment for International Peace"
        words = match.group("name").split()
        cut = max((i + 1 for i, w in enumerate(words) if w.rstrip(".") in _TITLES), default=0)
        words = words[cut:]
        if words and words[0] in _QUESTION_OPENERS:
            words = words[1:]  # "Will Gadhafi survive?": a question, not a man named Will
        if len(words) > 3:
            words = words[-2:]
        if len(words) < 2 or any(w in _NOT_NAME_WORDS or w in _FUNCTION_WORDS for w in words):
            return None
        return " ".join(words)

    # --- reading on ---------------------------------------------------------------------

    def observe(self, sentence: str, written: str | None, resolved: Party | None) -> None:
        """Record what ``sentence`` says for the sentences after it. The names it holds and
        its subject are read only when a later speaker needs them (most never do)."""
        self.notice(sentence)
        self._recent = [*self._recent[-3:], sentence]
        self._current = None  # read on as an earlier sentence
        self._unscanned.append(sentence)
        self._unread.append(sentence)
        self._subject_of = sentence
        if resolved is not None and written is not None:
            if resolved.person and len(resolved.name.split()) > 1:
                self._catch_up()
                self.people.setdefault(resolved.name.split()[-1], resolved)
                self.last_person = resolved
            if resolved.country:
                self.countries[resolved.country] += 1
            self.last_speaker = (written, resolved)
            self.since_speaker = 0
        else:
            self.since_speaker += 1
        opens = sentence.count("\u201c") + sentence.count('"') // 2 + sentence.count('"') % 2
        closes = sentence.count("\u201d") + sentence.count('"') // 2
        if opens > closes:
            self.quote_open = True
        elif closes > opens or self.since_speaker > 1:
            self.quote_open = False  # closed, or open too long to trust

    def _catch_up(self) -> None:
        """Read the people named in sentences observed since the last look."""
        unread, self._unread = self._unread, []
        for sentence in unread:
            for match in _FULL_NAME.finditer(sentence):
                if _BUSINESS_BEFORE.search(sentence, max(0, match.start() - 16),
                                           match.start()):
                    continue  # "locks group Assa Abloy": a business, not a person
                name = self._name_in(match.group("name"))
                if name is None or not self._person_like(name):
                    continue
                party = Party(name, person=True)
                surname = name.split()[-1]
                if surname not in self.people or self.people[surname].id is None:
                    self.people[surname] = party
                self.last_person = party

    def _person_like(self, name: str) -> bool:
        """No word of a person's name is a known country, place or body, a gerund or an
        adjective of nationality ("China All", "Sitting Bull" aside, "Western Allies")."""
        if any(e.type != "person" for e in self.linker.by_key.get(normal(name).strip(), ())):
            return False  # "Middle East", "Strategic Studies" named as a whole
        for word in name.split():
            if word.endswith(("ing", "ern")) or word in _FUNCTION_WORDS or \
                    _NOT_NAME_SUFFIX.search(word):
                return False
            entries = self.linker.by_key.get(normal(word).strip(), ())
            if any(e.type != "person" for e in entries):
                return False
        return True

    def _subject(self) -> Party | None:
        """Who the last sentence was about (its subject), resolved on first need."""
        text, self._subject_of = self._subject_of, None
        if text is not None:
            subject = main_subject(text)
            if subject and subject.lower() not in _PERSONAL | _COLLECTIVE:
                self.last_subject = self.resolve(subject, guess=False)
        return self.last_subject

    def notice(self, sentence: str) -> None:
        """Names a sentence defines for later ones: "All Nippon Airways (ANA)"."""
        self._current = sentence
        if "(" in sentence:
            for match in _ACRONYM.finditer(sentence):
                self.acronyms.setdefault(match.group("abbr"), match.group("full").strip())

    def continues_quote(self, sentence: str) -> tuple[str, Party] | None:
        """The speaker of an earlier sentence whose quotation ``sentence`` goes on with:
        the quotation was left open, or this sentence opens one (within two sentences)."""
        if self.last_speaker is None or self.since_speaker > 2:
            return None
        if (self.quote_open and self.since_speaker <= 1) or _QUOTE_OPEN.match(sentence):
            return self.last_speaker
        return None
