"""Importers that extend the knowledge from data files a user already has.

Each importer reads a published file and writes one normalised file into the user's
knowledge folder; :func:`geobrief.knowledge.extras.load_extras` then adds those files to a
:class:`~geobrief.knowledge.load.Knowledge`.

=======  ==========================================  ======================
kind     reads                                       writes
=======  ==========================================  ======================
cow      COW state list (``cow_states.csv``)         ``cow_states.csv``
atop     ATOP 4.01 alliance- and member-level tables ``atop_treaties.yaml``
ofac     OFAC SDN list (``sdn.csv``)                 ``sanctions.csv``
=======  ==========================================  ======================

Relations between states (see :mod:`geobrief.knowledge.relations`), each writing
``relations_<kind>.csv``: ``ucdp`` (UCDP/PRIO armed conflicts), ``cow-war`` (COW
inter-state wars), ``cow-mid`` (COW disputes), ``cow-trade`` (COW dyadic trade),
``cow-igo`` (COW IGO memberships), ``gsdb`` (Global Sanctions Data Base), ``sipri``
(SIPRI arms transfers), ``kiel`` (Kiel Ukraine Support Tracker), ``troops`` (US troops
abroad, troopdata). See the modules :mod:`.conflicts`, :mod:`.economy`, :mod:`.presence`.

Import "cow" before "atop": the atop importer uses the imported COW list to tell states
that ended (Bavaria) from codes it does not know.

A malformed row is reported in :attr:`ImportReport.problems` (file, line, field) and
skipped; the rest still imports. Output is sorted, so re-importing the same file gives a
byte-identical file, and it is written atomically (a temporary file, then a rename).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from geobrief.knowledge.importers import atop, conflicts, cow, economy, ofac, presence
from geobrief.knowledge.importers._common import ImportReport, write_atomic
from geobrief.knowledge.load import Knowledge, bundled_knowledge


@dataclass(frozen=True)
class Importer:
    kind: str
    output: str  # the file written into the knowledge folder
    convert: Callable[[Path, Knowledge, Path | None], tuple[str, ImportReport]]
    description: str


IMPORTERS: dict[str, Importer] = {
    "atop": Importer("atop", atop.OUTPUT, atop.convert,
                     "ATOP 4.01 alliances (alliance- and member-level tables)"),
    "cow": Importer("cow", cow.OUTPUT, cow.convert, "Correlates of War state codes"),
    "ofac": Importer("ofac", ofac.OUTPUT, ofac.convert, "OFAC SDN list (sdn.csv)"),
    "ucdp": Importer("ucdp", conflicts.UCDP_OUTPUT, conflicts.convert_ucdp,
                     "UCDP/PRIO Armed Conflict Dataset (UcdpPrioConflict_v25_1.csv)"),
    "cow-war": Importer("cow-war", conflicts.WAR_OUTPUT, conflicts.convert_war,
                        "COW inter-state wars, dyad-years (cow_war_inter.csv)"),
    "cow-mid": Importer("cow-mid", conflicts.MID_OUTPUT, conflicts.convert_mid,
                        "COW militarised disputes, dyad-years (cow_mid_ddydisps.csv)"),
    "cow-trade": Importer("cow-trade", economy.TRADE_OUTPUT, economy.convert_trade,
                          "COW dyadic trade v4 (cow_trade_ndy.csv)"),
    "cow-igo": Importer("cow-igo", presence.IGO_OUTPUT, presence.convert_igo,
                        "COW IGO v3 memberships (igo_membership_state_year_long.csv)"),
    "gsdb": Importer("gsdb", economy.GSDB_OUTPUT, economy.convert_gsdb,
                     "Global Sanctions Data Base R3 (GSDB_V3.csv)"),
    "sipri": Importer("sipri", economy.SIPRI_OUTPUT, economy.convert_sipri,
                      "SIPRI arms transfers trade register (CSV)"),
    "kiel": Importer("kiel", economy.KIEL_OUTPUT, economy.convert_kiel,
                     "Kiel Ukraine Support Tracker (data_explorer.csv)"),
    "troops": Importer("troops", presence.TROOPS_OUTPUT, presence.convert_troops,
                       "US troops abroad (troopdata-rebuild-country-year.csv)"),
}


def import_file(kind: str, path: Path, into: Path, knowledge: Knowledge | None = None
                ) -> ImportReport:
    """Import ``path`` as ``kind`` and write the normalised file into the folder ``into``.

    ``knowledge`` gives the countries that names and codes resolve to (the bundled
    knowledge by default). Raises KeyError for an unknown kind, FileNotFoundError for a
    missing input and ValueError when the output would overwrite the input.
    """
    try:
        importer = IMPORTERS[kind]
    except KeyError:
        raise KeyError(f"unknown import kind {kind!r}; known: {', '.join(IMPORTERS)}"
                       ) from None
    path, into = Path(path), Path(into)
    if not path.exists():
        raise FileNotFoundError(f"{kind} input not found: {path}")
    target = into / importer.output
    if target.exists() and target.resolve() == path.resolve():
        raise ValueError(f"importing {path} into {into} would overwrite the input")
    text, report = importer.convert(path, knowledge or bundled_knowledge(), into)
    write_atomic(target, text)
    report.output = str(target)
    return report


__all__ = ["IMPORTERS", "ImportReport", "Importer", "import_file"]
