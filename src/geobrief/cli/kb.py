"""``geobrief kb``: look into the knowledge, explain ties, import data, check it, link text."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import click

from geobrief.cli.context import Context, pass_context
from geobrief.knowledge.check import check
from geobrief.knowledge.graph import Graph, chain_nodes, describe_edge
from geobrief.knowledge.importers import IMPORTERS
from geobrief.knowledge.load import Knowledge, knowledge_with


def _knowledge(ctx: Context) -> Knowledge:
    return ctx.app().knowledge


def _day(value: Any) -> date | None:
    return value.date() if value is not None else None


@click.group("kb", epilog="""\b
Examples:
  geobrief kb show KP
  geobrief kb search "mutual defense"
  geobrief kb why AU KP --date 2024-11-24
  geobrief kb import ofac sdn.csv
  echo "The Kremlin denied it." | geobrief kb link - --date 2024-11-24""")
def command() -> None:
    """The knowledge base: countries, people in office, organisations, treaties, places and
    imported sanctions and alliances, each fact with its source."""


def _find(k: Knowledge, ident: str) -> tuple[str, Any] | None:
    key = ident.strip()
    for kind, table in (("country", k.countries), ("organisation", k.organisations),
                        ("treaty", k.treaties), ("person", k.people), ("place", k.places),
                        ("sanction", k.sanctions)):
        for candidate in (key, key.upper(), key.lower()):
            if candidate in table:
                return kind, table[candidate]
    return None


@command.command("show")
@click.argument("ident")
@pass_context
def show(ctx: Context, ident: str) -> None:
    """Everything known about one entity (country code, person, organisation, treaty id)."""
    k = _knowledge(ctx)
    found = _find(k, ident)
    if found is None:
        raise click.ClickException(f"no entity with id {ident!r} (try: geobrief kb search)")
    kind, record = found
    data = {"type": kind, **asdict(record)}
    if kind == "country":
        data["organisations"] = sorted(o.id for o in k.organisations.values()
                                       if any(m.party == record.id and m.active(None)
                                              for m in o.members))
        data["treaties"] = sorted(t.id for t in k.treaties.values()
                                  if any(p.party == record.id for p in t.parties))
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@command.command("search")
@click.argument("text")
@click.option("--limit", default=20, show_default=True)
@pass_context
def search(ctx: Context, text: str, limit: int) -> None:
    """Entities whose name or alias contains TEXT (case-insensitive)."""
    k = _knowledge(ctx)
    needle = text.lower()
    shown = 0
    for kind, table in (("country", k.countries), ("organisation", k.organisations),
                        ("treaty", k.treaties), ("person", k.people), ("place", k.places),
                        ("sanction", k.sanctions)):
        for record in table.values():
            names = [record.name, *getattr(record, "aliases", ())]
            if any(needle in n.lower() for n in names):
                click.echo(f"{record.id:40s} {kind:12s} {record.name}")
                shown += 1
                if shown >= limit:
                    return


@command.command("why")
@click.argument("a")
@click.argument("b")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]),
              help="The date the ties must hold on [default: all ties in effect now].")
@click.option("--limit", default=3, show_default=True)
@pass_context
def why(ctx: Context, a: str, b: str, day: Any, limit: int) -> None:
    """The few most meaningful ties of A to B: wars and sides in them, treaties (active
    before dormant), alliances, troops, sanctions, arms, aid, trade, IGOs and borders,
    directly or through one go-between, each with its dates and source."""
    k = _knowledge(ctx)
    a, b = a.upper(), b.upper()
    for code in (a, b):
        if code not in k.countries:
            raise click.ClickException(f"unknown country id {code!r}")
    graph = Graph(k, _day(day))
    chains = graph.chains(a, b, limit=limit)
    if not chains:
        click.echo(f"No tie known to geobrief (war, treaty, alliance, troops, sanctions, "
                   f"arms, aid, trade or border) links {k.country_name(a)} to "
                   f"{k.country_name(b)} directly or through one go-between.")
        sys.exit(1)
    for n, chain in enumerate(chains, 1):
        nodes = chain_nodes(chain, a)
        click.echo(f"{n}. " + " — ".join(
            [k.countries[nodes[0]].name] + [f"{_edge_label(e)} — {k.countries[x].name}"
                                            for e, x in zip(chain, nodes[1:], strict=True)]))
        for i, edge in enumerate(chain):
            click.echo(f"   {describe_edge(k, edge, nodes[i])} {_edge_source(edge)}")


_LABELS = {
    "treaty": "{via} ally", "treaty-pending": "{via} (signed, not in force)",
    "treaty-suspended": "{via} (suspended)", "treaty-dormant": "{via} (dormant)",
    "alliance": "fellow {via} member", "igo": "fellow {via} member",
    "conflict": "opponent in {via}", "side": "same side in {via}",
    "dispute": "militarised dispute", "sanctions": "sanctions", "arms": "arms",
    "aid": "aid", "troops": "troops", "trade": "main trading partner",
    "land-border": "borders", "maritime-neighbour": "maritime neighbour",
}


def _edge_label(edge: Any) -> str:
    return _LABELS.get(str(edge.kind), str(edge.kind)).format(via=edge.via)


def _edge_source(edge: Any) -> str:
    licence = f"; licence: {edge.licence}" if edge.licence else ""
    return f"[source: {edge.source}{licence}]"


@command.command("check")
@pass_context
def check_command(ctx: Context) -> None:
    """Validate the knowledge: unknown ids, overlapping terms of office, dates out of order,
    facts without a source. Exit 1 when anything is found."""
    problems = check(_knowledge(ctx))
    for problem in problems:
        click.echo(problem)
    click.echo(f"{len(problems)} problems", err=True)
    if problems:
        sys.exit(1)


@command.command("import")
@click.argument("kind", type=click.Choice(sorted(IMPORTERS)))
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@pass_context
def import_command(ctx: Context, kind: str, path: str) -> None:
    """Import ATOP alliances, COW state codes, the OFAC SDN list or a relations dataset
    (ucdp, cow-war, cow-mid, cow-trade, cow-igo, gsdb, sipri, kiel, troops) into the
    knowledge folder (setting knowledge_dir, default ./geobrief-knowledge)."""
    from geobrief.knowledge.importers import import_file

    into = Path(ctx.settings.knowledge_dir)
    into.mkdir(parents=True, exist_ok=True)
    report = import_file(kind, Path(path), into, _knowledge(ctx))
    for problem in report.problems:
        ctx.error(problem)
    click.echo(f"imported {kind} from {path} into {into}: {report}")
    knowledge_with.cache_clear()
    ctx.say("the knowledge changed: the next `geobrief analyse` analyses every stored "
            "article again (see docs/architecture.md)")
    if report.problems:
        sys.exit(1)


@command.command("link")
@click.argument("source", default="-")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]),
              help="The text's date: titles ('the Russian defence minister') resolve to "
                   "whoever held the office then.")
@pass_context
def link(ctx: Context, source: str, day: Any) -> None:
    """Print one JSON object per mention in plain text (FILE, or - for stdin): start, end,
    text, type, knowledge id (or null), form, country, sanctioned."""
    from geobrief.knowledge.link import Linker

    text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    linker = Linker(_knowledge(ctx))
    for mention in linker.link(text, _day(day)):
        click.echo(json.dumps(mention.to_json(), ensure_ascii=False))
