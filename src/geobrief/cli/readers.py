"""``geobrief readers``: reader profiles for personal briefings."""

from __future__ import annotations

from pathlib import Path

import click
import yaml

from geobrief.cli.context import Context, pass_context
from geobrief.models import Reader
from geobrief.relevance import INTERESTS


@click.group("readers", epilog="""\b
Examples:
  geobrief readers add tokyo-desk --country JP --interest defence-and-security
  geobrief readers load readers.yaml
  geobrief brief --date 2024-11-22 --for tokyo-desk""")
def command() -> None:
    """Reader profiles: a country, optional region, interests and language. A personal
    briefing (`geobrief brief --for NAME`) picks and tells the stories for one reader."""


def _check(ctx: Context, reader: Reader) -> Reader:
    knowledge = ctx.app().knowledge
    if reader.country not in knowledge.countries:
        raise click.ClickException(f"reader {reader.name!r}: unknown country code "
                                   f"{reader.country!r}")
    unknown = [i for i in reader.interests if i not in INTERESTS]
    if unknown:
        raise click.ClickException(f"reader {reader.name!r}: unknown interest(s) "
                                   f"{', '.join(unknown)} (known: {', '.join(INTERESTS)})")
    return reader


@command.command("add")
@click.argument("name")
@click.option("--country", required=True, help="ISO 3166-1 alpha-2 code, e.g. JP.")
@click.option("--region", help="A region the reader follows (UN M49 name), e.g. 'Eastern Asia'.")
@click.option("--interest", "interests", multiple=True, type=click.Choice(sorted(INTERESTS)),
              help="Repeat for several.")
@click.option("--language", default="en", show_default=True)
@pass_context
def add(ctx: Context, name: str, country: str, region: str | None,
        interests: tuple[str, ...], language: str) -> None:
    """Add or replace the reader NAME."""
    reader = _check(ctx, Reader(name, country.upper(), region, interests, language))
    ctx.app().save_reader(reader)
    click.echo(f"saved reader {name}")


@command.command("load")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@pass_context
def load(ctx: Context, path: str) -> None:
    """Add the readers of a YAML file: a list of {name, country, region, interests,
    language}."""
    entries = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    for number, entry in enumerate(entries, 1):
        try:
            reader = Reader(str(entry["name"]), str(entry["country"]).upper(),
                            entry.get("region"), tuple(entry.get("interests") or ()),
                            str(entry.get("language") or "en"))
        except (KeyError, TypeError, AttributeError) as exc:
            raise click.ClickException(f"{path}: entry {number}: bad or missing field "
                                       f"{exc}") from exc
        ctx.app().save_reader(_check(ctx, reader))
    click.echo(f"saved {len(entries)} readers from {path}")


@command.command("list")
@pass_context
def list_readers(ctx: Context) -> None:
    """The readers in the store."""
    for r in ctx.app().readers():
        click.echo(f"{r.name:20s} {r.country}  {r.region or '-':20s} "
                   f"{', '.join(r.interests) or '-'}  ({r.language})")


@command.command("remove")
@click.argument("name")
@pass_context
def remove(ctx: Context, name: str) -> None:
    """Remove the reader NAME."""
    found = ctx.app().remove_reader(name)
    if not found:
        raise click.ClickException(f"no reader {name!r}")
    click.echo(f"removed reader {name}")
