"""Who publishes a report: publisher families, home countries and funding, per story.

Feeds label reports by outlet ("AFP via France 24", "CNN Business", "BBC Mundo"); what
makes reports independent is who publishes them. A wire and its regional editions, or two
titles of one owner, are one *family*. Families, home countries and funding come from a
documented table (``data/publishers.yaml``: outlets checked against public pages, each
entry naming its source) and, when the setting ``publishers_file`` names one, a user's own
table in the same format, whose entries win (``import_kite`` converts Kagi's media
database into it, from a path the user gives: its licence, CC BY-NC, keeps it out of the
package).

An outlet the tables do not know is its own family: its web domain without sub-domains
("edition.cnn.com" and "cnn.com" are one), and its home country is the outlets table's,
else the domain's country code where that names a country. "X via Y" (a wire report
republished by Y) is X's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

import yaml

from geobrief.errors import Code, SettingsError

TABLE = Path(__file__).parent / "data" / "publishers.yaml"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is ~10x faster
_VIA = re.compile(r"^(?P<wire>.+?)\s+via\s+(?P<outlet>.+)$", re.I)
_LANGUAGE_NOTE = re.compile(r"\s+in\s+[A-Z][a-z]+$")  # "Excélsior in Spanish"
# second-level labels under which a country-code domain registers names (bbc.co.uk)
_SECOND_LEVEL = frozenset("co com org net gov ac edu or ne go".split())
# country-code domains used as generic ones, so no home country
_GENERIC_CC = frozenset("io tv co me ai fm ly am gg to cc ws nu".split())


class Funding(StrEnum):
    PRIVATE = "private"
    PUBLIC = "public"  # public service under a statute of editorial independence
    STATE = "state"  # funded or controlled by a government without one
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Publisher:
    name: str
    family: str
    country: str | None
    funding: Funding
    source: str  # where the facts come from: the table entry's source, or how guessed


class PublisherTableError(SettingsError):
    """A publishers table (or media database to import) that cannot be read."""

    code = Code.BAD_PUBLISHERS


def registrable_domain(domain: str | None) -> str | None:
    """``edition.cnn.com`` -> ``cnn.com``; ``news.bbc.co.uk`` -> ``bbc.co.uk``."""
    if not domain:
        return None
    labels = domain.lower().strip(".").removeprefix("www.").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


class Publishers:
    """The publisher of an outlet, by domain or name."""

    def __init__(self, entries: Iterable[dict] = ()) -> None:
        self.by_domain: dict[str, Publisher] = {}
        self.by_name: dict[str, Publisher] = {}
        for entry in entries:
            self.add(entry)

    def add(self, entry: dict) -> None:
        country = str(entry.get("country") or "").upper() or None
        publisher = Publisher(
            name=str(entry["name"]), family=str(entry.get("family") or entry["name"]),
            country=None if country == "XX" else country,
            funding=Funding(str(entry.get("funding") or "unknown")),
            source=str(entry.get("source") or ""))
        for name in [entry["name"], *(entry.get("aliases") or [])]:
            self.by_name[_key(str(name))] = publisher
        for domain in entry.get("domains") or []:
            self.by_domain[str(domain).lower().removeprefix("www.")] = publisher

    def find(self, name: str | None, domain: str | None) -> Publisher | None:
        """The table's entry for the outlet, by its domain (or a parent domain), else name."""
        labels = (domain or "").lower().removeprefix("www.").split(".")
        for start in range(len(labels) - 1):
            hit = self.by_domain.get(".".join(labels[start:]))
            if hit is not None:
                return hit
        if name:
            return self.by_name.get(_key(name)) or self.by_name.get(
                _key(_LANGUAGE_NOTE.sub("", name)))
        return None

    def resolve(self, name: str, domain: str | None = None,
                country: str | None = None) -> Publisher:
        """The publisher of a report from outlet ``name`` (at ``domain``; ``country`` is the
        outlets table's home country, when known)."""
        via = _VIA.match(name)
        if via:  # "AFP via France 24": the wire is the publisher, not its host
            wire = self.find(via.group("wire"), None)
            return wire or Publisher(via.group("wire"), via.group("wire"), None,
                                     Funding.UNKNOWN, "named as the wire of a report")
        known = self.find(name, domain)
        if known is not None:
            return known
        root = registrable_domain(domain)
        home = country or _country_code(root)
        return Publisher(name, root or name, home, Funding.UNKNOWN,
                         "outlet's own domain" if root else "outlet's name")


def _key(name: str) -> str:
    return " ".join(name.lower().replace("the ", " ").split())


def _country_code(domain: str | None) -> str | None:
    if not domain:
        return None
    tld = domain.rsplit(".", 1)[-1]
    if len(tld) != 2 or tld in _GENERIC_CC:
        return None
    return "GB" if tld == "uk" else tld.upper()


def _read(path: Path) -> list[dict]:
    try:
        entries = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or []
    except (OSError, yaml.YAMLError) as exc:
        raise PublisherTableError(f"{path}: cannot read publishers table: {exc}") from exc
    if not isinstance(entries, list):
        raise PublisherTableError(f"{path}: a publishers table is a list of entries")
    return entries


@lru_cache(maxsize=8)
def _load(extra: str | None) -> Publishers:
    entries = _read(TABLE)
    if extra:
        entries = entries + _read(Path(extra))
    return Publishers(entries)


def publishers(extra: str | Path | None = None) -> Publishers:
    """The bundled table, with a user's table (``publishers_file``) over it."""
    return _load(str(extra) if extra else None)


# --- Kagi's media database, converted from a path the user gives ---------------------------



def _kite_funding(typology: str) -> Funding:
    """Kagi's typology ("State Funded Media", "Public Broadcaster", "Private Media", ...)."""
    words = typology.lower()
    if "state" in words:
        return Funding.STATE
    return Funding.PUBLIC if words.startswith("public") else Funding.PRIVATE


def import_kite(path: Path, country_ids: dict[str, str]) -> tuple[list[dict], list[str]]:
    """Entries of Kagi's ``media_data.json`` in this table's format, and one problem line
    per entry left out (no name or domain). ``country_ids`` maps lower-case country names
    to ISO codes. Each outlet is its own family (the database names owners in prose)."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PublisherTableError(f"{path}: cannot read media data: {exc}") from exc
    entries, problems = [], []
    for n, item in enumerate(raw if isinstance(raw, list) else []):
        name = str(item.get("organization") or "").strip()
        domains = [str(d).lower() for d in item.get("domains") or [] if d]
        if not name or not domains:
            problems.append(f"entry {n}: no organization or domain; left out")
            continue
        country_name = str(item.get("country") or "").strip().lower()
        country_name = country_name.removeprefix("the ")
        typology = str(item.get("typology") or "").strip()
        entries.append({
            "name": name, "domains": domains,
            "country": country_ids.get(country_name, "XX"), "family": name,
            "funding": _kite_funding(typology).value,
            "source": f"Kagi media_data.json ({typology or 'no typology'}), CC BY-NC 4.0"})
    return entries, problems
