"""Name-to-country resolution against the Phoenix (petrarch2) country actor dictionary.

Phoenix.Countries.actors.txt lists, per country, its names, places and office holders with
CAMEO codes ("AFGHANISTAN_ [AFG]", "+KABUL_", "MOHAMMAD_ZAHIR_SHAH_ [AFGELI ...]"). Each
name and synonym is linked on its own (title-cased, underscores as spaces); the first
mention that resolves to a country is compared with the CAMEO country. Prints coverage
(resolved / all), accuracy (right / resolved) and the most common mistakes.

    python eval/phoenix_countries.py [--mistakes 20]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from geobrief.knowledge.link import bundled_linker
from geobrief.knowledge.load import bundled_knowledge

DATA = (Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "petrarch2"
        / "Phoenix.Countries.actors.txt")
_CODE = re.compile(r"\[([A-Z]{3})")
# CAMEO country codes that are not the ISO 3166 alpha-3 code of the same country.
CAMEO_TO_ISO3 = {"ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "YUG": "SRB", "SCG": "SRB",
                 "BUR": "MMR", "DDR": "DEU", "KSV": "XKX", "PSE": "PSE", "WSB": "PSE",
                 "GZS": "PSE"}


def entries(path: Path) -> list[tuple[str, str, str]]:
    """(name, CAMEO country code, kind) for each name and synonym; kind is 'country' for
    names on a line with their code, else 'actor' (people, bodies, places under a block)."""
    out: list[tuple[str, str, str]] = []
    block: list[str] = []
    block_code: str | None = None
    block_kind = "actor"

    def flush() -> None:
        if block and block_code:
            out.extend((name, block_code, block_kind) for name in block)

    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith((" ", "\t")) and line.strip().startswith("["):
            if block_code is None:
                code = _CODE.search(line)
                block_code = code.group(1) if code else None
            continue
        if line.startswith("+"):
            block.append(_name(line[1:]))
            continue
        flush()
        code = _CODE.search(line)
        block = [_name(line.split("[", 1)[0])]
        block_code = code.group(1) if code else None
        block_kind = "country" if code else "actor"
    flush()
    return [e for e in out if e[0]]


def _name(raw: str) -> str:
    return " ".join(raw.replace("_", " ").split()).title().replace("'S ", "'s ")


def run(path: Path = DATA, mistakes: int = 0) -> dict[str, float]:
    linker = bundled_linker()
    knowledge = bundled_knowledge()
    iso3 = {c.id: getattr(c, "iso3", None) for c in knowledge.countries.values()}
    iso3_codes = _iso3_table()
    stats: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for name, code, kind in entries(path):
        want = CAMEO_TO_ISO3.get(code, code)
        if want not in iso3_codes.values():
            stats["not_a_country_code"] += 1
            continue
        stats[f"{kind}_all"] += 1
        got = next((m.country for m in linker.link(name) if m.country), None)
        if got is None:
            continue
        stats[f"{kind}_resolved"] += 1
        if iso3_codes.get(got) == want:
            stats[f"{kind}_right"] += 1
        else:
            wrong[f"{name} -> {got} (want {want})"] += 1
    del iso3
    figures: dict[str, float] = {}
    for kind in ("country", "actor"):
        total, resolved, right = (stats[f"{kind}_all"], stats[f"{kind}_resolved"],
                                  stats[f"{kind}_right"])
        figures[f"{kind}_names"] = total
        figures[f"{kind}_coverage"] = resolved / (total or 1)
        figures[f"{kind}_accuracy"] = right / (resolved or 1)
    figures["skipped_non_country_codes"] = stats["not_a_country_code"]
    if mistakes:
        print("most common mistakes:", wrong.most_common(mistakes))
    return figures


def _iso3_table() -> dict[str, str]:
    import yaml

    from geobrief.knowledge.load import DATA as KNOWLEDGE

    rows = yaml.safe_load((KNOWLEDGE / "countries.yaml").read_text(encoding="utf-8"))
    return {str(r["id"]).upper(): str(r["iso3"]) for r in rows if r.get("iso3")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mistakes", type=int, default=0)
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not found (../shared/data is internal evaluation data)")
        return 0
    for key, value in run(mistakes=args.mistakes).items():
        print(f"{key:28s} {value:.3f}" if isinstance(value, float) and value <= 1
              else f"{key:28s} {int(value)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
