"""Dated relations between states: wars and who fights on which side, disputes, sanctions,
arms transfers, aid, troops stationed abroad, trade and IGO memberships.

Each fact is a :class:`Relation`: a typed, directed tie ``a -> b`` (the sender of
sanctions, the supplier of arms, the donor of aid, the state whose troops are stationed
in ``b``, the trader whose partner ``b`` is; for conflicts and disputes ``a`` and ``b``
are two sides), its dates, and where it comes from: a :class:`Dataset` (name, version,
citation, licence) and the record in it (``ref``, e.g. "UCDP conflict 13243"), or, for a
curated fact, its own public source.

Relations are stored as CSV, one fact a line, in the columns :data:`COLUMNS`:

* ``knowledge/data/relations/*.csv``: the part of each dataset whose licence lets
  geobrief ship it, built by ``tools/build_relations.py`` with the same importers a user
  runs (see docs/knowledge.md, "Relations");
* ``knowledge/data/relations.yaml``: curated facts that the datasets lack after their last
  year (North Korea in the Russia-Ukraine war in 2025, ...), one public source per fact;
* ``relations_<kind>.csv`` in the user's knowledge folder, written by
  ``geobrief kb import KIND PATH`` (datasets that may be used but not shipped: GSDB, Kiel,
  SIPRI; or newer releases of the shipped ones).

Loading all of them takes a few tenths of a second, so :class:`Relations` is built
lazily, on first use of ``Knowledge.relations`` (see :func:`relations_of`), and indexed
by country for the graph.

Dates are ``YYYY`` (a dataset's year: the whole year), ``YYYY-MM`` or ``YYYY-MM-DD``;
``end`` is the last day the fact held (inclusive), empty when it still holds at the
source's last update.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from geobrief.knowledge.cache import cached_parse

if TYPE_CHECKING:
    from geobrief.knowledge.load import Knowledge

DATA = Path(__file__).parent / "data"
SHIPPED = DATA / "relations"
CURATED = DATA / "relations.yaml"
COLUMNS = ("kind", "a", "b", "start", "end", "role", "value", "detail", "ref", "dataset",
           "source")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class RelationKind(StrEnum):
    """What ties ``a`` to ``b``."""

    CONFLICT = "conflict"  # a and b fight on opposite sides of an armed conflict or war
    SIDE = "side"  # a fights on b's side (a secondary, supporting party; or a co-belligerent)
    DISPUTE = "dispute"  # a militarised interstate dispute short of war (COW MID)
    SANCTIONS = "sanctions"  # a imposes sanctions on b
    ARMS = "arms"  # a supplies major arms to b
    AID = "aid"  # a gives b military, financial or humanitarian aid
    TROOPS = "troops"  # a has troops stationed in b
    TRADE = "trade"  # b is one of a's main trading partners (value: share of a's trade)
    IGO = "igo"  # a is a member of the intergovernmental organisation b ("igo:NAME")

    @property
    def symmetric(self) -> bool:
        return self in (RelationKind.CONFLICT, RelationKind.DISPUTE)


# Kinds whose state at a dataset's last update may be taken to persist after it.
PERSISTENT = frozenset({RelationKind.TROOPS, RelationKind.TRADE, RelationKind.IGO})


@dataclass(frozen=True)
class Dataset:
    """A dataset relations come from, with what its licence allows geobrief to do."""

    key: str
    name: str
    version: str
    years: str
    citation: str
    url: str
    licence: str
    ships: bool  # may geobrief ship (a derived subset of) it in the package?
    why: str  # why it ships or not

    @property
    def source(self) -> str:
        return f"{self.name} {self.version} ({self.url})"


DATASETS: dict[str, Dataset] = {d.key: d for d in (
    Dataset("ucdp-acd", "UCDP/PRIO Armed Conflict Dataset", "v25.1", "1946-2024",
            "Gleditsch et al. (2002), JPR 39(5); Davies et al. (2025), JPR",
            "https://ucdp.uu.se/downloads/", "CC BY 4.0", True,
            "UCDP publishes its datasets under CC BY 4.0: shipped with the citation"),
    Dataset("cow-war", "Correlates of War Inter-State War Data", "v4.0", "1823-2003",
            "Sarkees & Wayman (2010), Resort to War", "https://correlatesofwar.org",
            "COW: free to use with citation", True,
            "COW data are free to use with citation: shipped, cited"),
    Dataset("cow-mid", "Correlates of War Militarized Interstate Disputes", "v5.0",
            "1816-2014", "Palmer et al. (2022), Conflict Management and Peace Science",
            "https://correlatesofwar.org", "COW: free to use with citation", True,
            "COW data are free to use with citation: shipped (from 1946), cited"),
    Dataset("cow-trade", "Correlates of War Dyadic Trade", "v4.0", "1870-2014",
            "Barbieri, Keshk & Pollins (2009), Conflict Management and Peace Science",
            "https://correlatesofwar.org", "COW: free to use with citation", True,
            "COW data are free to use with citation: only main partners (from 1990) shipped"),
    Dataset("cow-igo", "Correlates of War Intergovernmental Organizations", "v3",
            "1816-2014", "Pevehouse et al. (2020), JPR 57(3)", "https://correlatesofwar.org",
            "COW: free to use with citation", True,
            "COW data are free to use with citation: membership spells shipped, cited"),
    Dataset("troopdata", "US troops abroad (troopdata, from DMDC reports)", "1.0.4",
            "1950-2024", "Allen, Flynn & Martinez Machain (2021), CMPS; DMDC",
            "https://github.com/meflynn/troopdata",
            "DMDC counts are US government works (public domain); troopdata is GPL-3", True,
            "the counts are public-domain DMDC figures: yearly counts of 100 or more shipped"),
    Dataset("gsdb", "Global Sanctions Data Base", "R3", "1950-2022",
            "Felbermayr et al. (2020), European Economic Review 129; Syropoulos et al. (2024)",
            "https://www.globalsanctionsdatabase.com", "none stated (given out on request)",
            False, "no licence to redistribute: import it from your own copy"),
    Dataset("sipri", "SIPRI Arms Transfers Database", "2025-03-13", "1950-2024",
            "Information from the SIPRI Arms Transfers Database",
            "https://www.sipri.org/databases/armstransfers", "SIPRI: cite; non-commercial",
            False, "non-commercial terms: import it from your own copy"),
    Dataset("kiel", "Kiel Institute Ukraine Support Tracker", "R29", "2022-2026",
            "Trebesch et al. (2023), Kiel Working Paper 2218; Release 29",
            "https://www.ifw-kiel.de/topics/war-against-ukraine/ukraine-support-tracker/",
            "none stated", False, "no licence to redistribute: import it from your own copy"),
    Dataset("curated", "geobrief curated relations", "", "",
            "", "", "Apache-2.0 (the project's)", True,
            "written for geobrief from public sources named per fact"),
)}


@dataclass(frozen=True)
class Relation:
    kind: RelationKind
    a: str  # country id, or "org:ID" for an organisation that acts as one (EU sanctions)
    b: str  # country id, "igo:NAME" (a COW IGO) or "org:ID" (organisations.yaml)
    start: str
    end: str | None
    role: str = ""  # e.g. "primary" / "secondary" for conflict sides; sanction types
    value: float | None = None  # troops, share of trade, EUR bn, TIV
    detail: str = ""  # what a sentence can name: the conflict, the weapons, the IGO
    ref: str = ""  # the record in the dataset, e.g. "UCDP conflict 13243"
    dataset: str = "curated"
    source: str = ""  # a curated fact's own source; else the dataset's

    @property
    def citation(self) -> str:
        """The source to print beside the fact."""
        if self.source:
            return self.source
        found = DATASETS.get(self.dataset)
        label = found.source if found else self.dataset
        return f"{label}, {self.ref}" if self.ref else label

    @property
    def licence(self) -> str:
        found = DATASETS.get(self.dataset)
        return found.licence if found else ""

    @property
    def last_known(self) -> bool:
        """A fact of a kind that persists (troops, trade, IGO membership) whose end is its
        dataset's last year: it held at the last update, and is taken to hold after it
        until newer data say otherwise (the graph says "as of" that year)."""
        found = DATASETS.get(self.dataset)
        return (self.kind in PERSISTENT and found is not None and self.end is not None
                and found.years[-4:] == self.end[:4])

    def active(self, on: date | None) -> bool:
        """Held on ``on`` (a year-only date covers the whole year); always when None."""
        if on is None:
            return True
        if not _starts_by(self.start, on):
            return False
        return self.end is None or _not_ended(self.end, on) or self.last_known

    def other(self, country: str) -> str:
        return self.b if country == self.a else self.a


def _starts_by(start: str, on: date) -> bool:
    return on.isoformat()[: len(start)] >= start


def _not_ended(end: str, on: date) -> bool:
    return on.isoformat()[: len(end)] <= end


@dataclass
class Relations:
    """All relations, indexed by the countries they tie."""

    facts: list[Relation] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # ref -> name ("Russia-Ukraine war")
    problems: list[str] = field(default_factory=list)
    _by_country: dict[str, list[Relation]] = field(default_factory=dict, repr=False)

    def add(self, facts: Iterable[Relation]) -> None:
        for fact in facts:
            self.facts.append(fact)
            self._by_country.setdefault(fact.a, []).append(fact)
            if fact.b != fact.a:
                self._by_country.setdefault(fact.b, []).append(fact)

    def of(self, country: str, on: date | None = None,
           kinds: Iterable[RelationKind] | None = None) -> Iterator[Relation]:
        wanted = set(kinds) if kinds is not None else None
        for fact in self._by_country.get(country, ()):
            if (wanted is None or fact.kind in wanted) and fact.active(on):
                yield fact

    def between(self, a: str, b: str, on: date | None = None,
                kinds: Iterable[RelationKind] | None = None) -> list[Relation]:
        return [f for f in self.of(a, on, kinds) if f.other(a) == b]

    def name(self, fact: Relation) -> str:
        """The name of what the fact is part of: 'the Russia-Ukraine war', else its detail."""
        return self.names.get(fact.ref) or fact.detail

    def countries(self) -> set[str]:
        return set(self._by_country)


def parse_rows(text: str, origin: str, problems: list[str]) -> list[Relation]:
    """Relations from CSV text in :data:`COLUMNS`; a bad row is reported and skipped."""
    out: list[Relation] = []
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        problems.append(f"{origin} line 1 field {missing[0]}: column missing; file skipped")
        return out
    for row in reader:
        try:
            out.append(_relation(row))
        except (KeyError, ValueError) as exc:
            problems.append(f"{origin} line {reader.line_num}: bad row ({exc})")
    return out


def _relation(row: dict[str, Any]) -> Relation:
    value = row.get("value")
    start = str(row.get("start") or "")
    if not start[:4].isdigit():
        raise ValueError(f"start {start!r} is not a date")
    return Relation(
        kind=RelationKind(str(row["kind"])), a=_node(row["a"]), b=_node(row["b"]),
        start=start, end=str(row["end"]) if row.get("end") not in (None, "") else None,
        role=str(row.get("role") or ""),
        value=float(value) if value not in (None, "") else None,
        detail=str(row.get("detail") or ""), ref=str(row.get("ref") or ""),
        dataset=str(row.get("dataset") or "curated"), source=str(row.get("source") or ""))


def _node(value: Any) -> str:
    text = str(value)
    return text if ":" in text else text.upper()  # "igo:NATO", "org:EU" keep their case


def render_rows(facts: Iterable[Relation]) -> str:
    """CSV text in :data:`COLUMNS`, sorted, so the same facts always give the same bytes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    rows = sorted(
        (f.kind.value, f.a, f.b, f.start, f.end or "", f.role, _number(f.value), f.detail,
         f.ref, f.dataset, f.source)
        for f in facts)
    writer.writerows(rows)
    return out.getvalue()


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else f"{value:.4g}"


def _curated(path: Path, relations: Relations) -> None:
    if not path.exists():
        return
    try:
        data = cached_parse(path.read_bytes(),
                            lambda raw: yaml.load(raw.decode("utf-8"), Loader=_Loader))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        relations.problems.append(f"{path.name}: not valid YAML: {exc}")
        return
    data = data or {}
    relations.names.update({str(k): str(v) for k, v in (data.get("names") or {}).items()})
    for number, entry in enumerate(data.get("relations") or [], 1):
        try:
            fact = _relation({**entry, "dataset": "curated"})
        except (KeyError, ValueError, TypeError) as exc:
            relations.problems.append(f"{path.name}: relation {number}: bad field {exc}")
            continue
        if not fact.source:
            relations.problems.append(f"{path.name}: relation {number}: fact without a source")
            continue
        relations.add([fact])


def load_relations(shipped: Path | None = SHIPPED, curated: Path | None = CURATED,
                   extra: Iterable[Path] = ()) -> Relations:
    """The shipped relations, the curated ones, and any imported ``relations_*.csv``; a
    dataset's year is narrowed by a finer date that a curated fact gives (see
    :func:`refined`)."""
    loaded = Relations()
    files = sorted(shipped.glob("*.csv")) if shipped is not None and shipped.is_dir() else []
    for path in [*files, *extra]:
        loaded.add(parse_rows(path.read_text(encoding="utf-8"), path.name, loaded.problems))
    if curated is not None:
        _curated(curated, loaded)
    relations = Relations(names=loaded.names, problems=loaded.problems)
    relations.add(refined(loaded.facts))
    return relations


def refined(facts: list[Relation]) -> list[Relation]:
    """Facts whose start is a year only, narrowed to the finer start of another fact of
    the same tie (kind, parties, record) that begins in that year: UCDP says North Korea
    fought Ukraine "in 2024"; the curated fact dates its troops from October 2024, so the
    year-level fact starts then too (a briefing of September 2024 says nothing of it)."""
    finer: dict[tuple[str, str, str, str], str] = {}
    for fact in facts:
        if len(fact.start) > 4 and fact.ref:
            key = (fact.kind.value, fact.a, fact.b, fact.ref)
            finer[key] = min(finer.get(key, fact.start), fact.start)
    out = []
    for fact in facts:
        start = finer.get((fact.kind.value, fact.a, fact.b, fact.ref))
        if len(fact.start) == 4 and start is not None and start[:4] == fact.start:
            fact = replace(fact, start=start)
        out.append(fact)
    return out


def imported_files(folder: Path) -> list[Path]:
    """The relation files ``kb import`` wrote into a knowledge folder."""
    return sorted(Path(folder).glob("relations_*.csv")) if Path(folder).is_dir() else []


_BUNDLED: list[Relations] = []


def relations_of(knowledge: Knowledge) -> Relations:
    """``knowledge``'s relations, loaded on first use: the bundled ones, plus the files of
    the knowledge folder that :func:`geobrief.knowledge.extras.load_extras` recorded."""
    found = getattr(knowledge, "_relations", None)
    if found is not None:
        return found
    extra = tuple(knowledge.relation_files)
    if not extra:
        if not _BUNDLED:
            _BUNDLED.append(load_relations())
        found = _BUNDLED[0]
    else:
        found = load_relations(extra=extra)
    knowledge._relations = found
    return found
