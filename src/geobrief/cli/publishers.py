"""``geobrief publishers``: the publisher table behind source diversity, and an importer."""

from __future__ import annotations

from pathlib import Path

import click
import yaml

from geobrief.cli.context import Context, pass_context
from geobrief.errors import GeobriefError
from geobrief.knowledge.load import knowledge_with
from geobrief.stories.publishers import import_kite, publishers


@click.group("publishers", epilog="""\b
Examples:
  geobrief publishers show reuters.com "AFP via France 24"
  geobrief publishers import-kite path/to/media_data.json --out my-publishers.yaml
  GEOBRIEF_PUBLISHERS_FILE=my-publishers.yaml geobrief stories --date 2024-11-22""")
def command() -> None:
    """Publisher families, home countries and funding: who counts as an independent
    publisher of a story."""


@command.command("show")
@click.argument("outlets", nargs=-1, required=True)
@pass_context
def show(ctx: Context, outlets: tuple[str, ...]) -> None:
    """How each outlet (a name or a domain) resolves: family, country, funding, source."""
    table = _table(ctx)
    for outlet in outlets:
        domain = outlet if "." in outlet and " " not in outlet else None
        p = table.resolve(outlet, domain)
        click.echo(f"{outlet}: {p.family} ({p.country or 'country unknown'}, {p.funding.value})"
                   f" - {p.source}")


@command.command("import-kite")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the table (YAML); point the setting publishers_file at it.")
@pass_context
def import_kite_command(ctx: Context, path: Path, out: Path) -> None:
    """Convert Kagi's media_data.json (kite-public; CC BY-NC 4.0, so not shipped with
    geobrief) into a publishers table of your own."""
    knowledge = knowledge_with(ctx.settings.knowledge_dir)
    names = {c.name.lower(): c.id for c in knowledge.countries.values()}
    for country in knowledge.countries.values():
        for alias in country.aliases:
            names.setdefault(alias.lower(), country.id)
    try:
        entries, problems = import_kite(path, names)
    except GeobriefError as exc:
        raise click.ClickException(str(exc)) from exc
    header = (f"# Converted by `geobrief publishers import-kite` from {path.name}\n"
              "# (Kagi kite-public media data, CC BY-NC 4.0: attribution, non-commercial).\n")
    out.write_text(header + yaml.safe_dump(entries, allow_unicode=True, sort_keys=False),
                   encoding="utf-8")
    for problem in problems:
        ctx.say(f"{path.name} {problem}")
    click.echo(f"{len(entries)} outlets written to {out} ({len(problems)} left out)")


def _table(ctx: Context):
    try:
        return publishers(ctx.settings.publishers_file)
    except GeobriefError as exc:
        raise click.ClickException(str(exc)) from exc
