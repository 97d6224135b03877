"""Shared pieces of the importers: the report, atomic writes, COW codes and country names."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from geobrief.knowledge.load import DATA, Knowledge

# COW codes that are not a country's own ``cow:`` code but whose state continues as one of
# ours: the German Federal Republic (COW 260, 1955-1990) is the Germany of today (the GDR
# acceded to it in 1990), so ATOP's West German memberships (NATO, WEU) are Germany's.
# Other ended COW states (GDR, Czechoslovakia, the two Yemens before 1990, the Republic
# of Vietnam, the German and Italian states before unification, Austria-Hungary) have no
# present-day country id; their memberships are left out and named in a note.
SUCCESSOR_CODES: dict[int, str] = {260: "DE"}


@dataclass
class ImportReport:
    """What an import produced: counts per record kind, and every problem met.

    Each problem names the file, the line and the field, e.g.
    ``atop-member-level.csv line 812, field member: unknown COW code 1001``. ``notes``
    list findings in the same form that are known and explained (a documented pairing of
    a COW state whose name differs from ours); they need no action.
    """

    kind: str
    sources: list[str] = field(default_factory=list)
    output: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # checked and explained, not problems

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    def problem(self, file: str, line: int, column: str, reason: str) -> None:
        self.problems.append(f"{file} line {line}, field {column}: {reason}")


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename, so
    that a reader never sees a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; a knowledge file is not
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@lru_cache(maxsize=4)
def _countries_yaml(path: Path) -> tuple[dict, ...]:
    entries = yaml.load(path.read_text(encoding="utf-8"),
                        Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []
    return tuple(e for e in entries if isinstance(e, dict) and "id" in e)


def _cow_field(path: Path) -> tuple[dict[int, str], list[str]]:
    codes: dict[int, str] = {}
    problems: list[str] = []
    for number, entry in enumerate(_countries_yaml(path), 1):
        if entry.get("cow") is None:
            continue
        cid = str(entry["id"]).upper()
        code = entry["cow"]
        if not isinstance(code, int) or isinstance(code, bool):
            problems.append(f"countries.yaml: entry {number} ({cid}): field cow: "
                            f"not a number {code!r}")
        elif code in codes:
            problems.append(f"countries.yaml: entry {number} ({cid}): field cow: "
                            f"code {code} already given to {codes[code]}")
        else:
            codes[code] = cid
    return codes, problems


def cow_codes(countries_yaml: Path | None = None) -> dict[int, str]:
    """COW state code -> country id, from the ``cow:`` field of countries.yaml, plus the
    successor codes above (a country's own code always wins)."""
    out = dict(SUCCESSOR_CODES)
    out.update(_cow_field(countries_yaml or DATA / "countries.yaml")[0])
    return dict(sorted(out.items()))


def cow_field_problems(countries_yaml: Path | None = None) -> list[str]:
    """Malformed or duplicated ``cow:`` values in countries.yaml."""
    return _cow_field(countries_yaml or DATA / "countries.yaml")[1]


def iso3_codes(countries_yaml: Path | None = None) -> dict[str, str]:
    """Country id -> ISO 3166-1 alpha-3, from countries.yaml."""
    return {str(e["id"]).upper(): str(e.get("iso3") or "")
            for e in _countries_yaml(countries_yaml or DATA / "countries.yaml")}


def number(text: str | None) -> int | None:
    """'2', '2.0' -> 2; '', 'NA' or None -> None; anything else raises ValueError."""
    if text is None or not text.strip() or text.strip().upper() in {"NA", "NAN"}:
        return None
    value = float(text)
    if value != int(value):
        raise ValueError(f"not a whole number {text!r}")
    return int(value)


class FieldError(ValueError):
    """A bad value in a named column."""

    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column


def read_date(record: dict[str, str], year: str, month: str, day: str) -> str | None:
    """The date in three columns of a CSV record (see :func:`partial_date`); a bad value
    raises FieldError naming its column."""
    parts: list[int | None] = []
    for column in (year, month, day):
        try:
            parts.append(number(record.get(column)))
        except (ValueError, TypeError):
            raise FieldError(column, f"not a number {record.get(column)!r}") from None
    y, m, d = parts
    if m is not None and m != 0 and not 1 <= m <= 12:
        raise FieldError(month, f"month {m} out of range")
    try:
        return partial_date(y, m, d)
    except ValueError as exc:
        raise FieldError(day, f"not a date: {exc}") from None


def partial_date(year: int | None, month: int | None, day: int | None) -> str | None:
    """YYYY-MM-DD, or YYYY-MM / YYYY when the source leaves the day / month unknown (0 or
    empty): no day is guessed. Year 0 or empty gives None. Raises ValueError if invalid."""
    if not year:
        return None
    if not month:
        if day:
            raise ValueError(f"day {day} given without a month")
        return f"{year:04d}"
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} out of range")
    if not day:
        return f"{year:04d}-{month:02d}"
    return date(year, month, day).isoformat()


def fold(text: str) -> str:
    """Lower-case, accents off, '&' as 'and', 'St.' as 'Saint', no leading 'the'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ")
    text = re.sub(r"\bst\.?\s", "saint ", text)
    text = re.sub(r"[^\w'\- ]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text.removeprefix("the ")


class CountryNames:
    """Country names as lists and registers write them -> country id.

    Names, official names and aliases of the knowledge's countries are tried first, then
    demonyms ("Palestinian"); registers' inverted forms ("Korea, North", "Congo, Democratic
    Republic of the", "Man, Isle of") are turned round; a name that stays ambiguous or
    unknown gives None.
    """

    def __init__(self, knowledge: Knowledge) -> None:
        self.names: dict[str, set[str]] = {}
        self.demonyms: dict[str, set[str]] = {}
        for country in knowledge.countries.values():
            for name in (country.name, country.official, *country.aliases):
                self.names.setdefault(fold(name), set()).add(country.id)
            for demonym in country.demonyms:
                self.demonyms.setdefault(fold(demonym), set()).add(country.id)

    def _exact(self, text: str) -> str | None:
        key = fold(text)
        for index in (self.names, self.demonyms):
            ids = index.get(key)
            if ids:
                return next(iter(ids)) if len(ids) == 1 else None
        return None

    def resolve(self, text: str) -> str | None:
        text = text.strip().strip(".").strip()
        text = re.sub(r"^Region:\s*", "", text)
        if not text or fold(text) in {"none identified", "unknown"}:
            return None
        found = self._exact(text)
        if found is None and "," in text:
            head, _, tail = text.partition(",")
            found = self._exact(f"{tail.strip()} {head.strip()}") or self._exact(head)
        return found
