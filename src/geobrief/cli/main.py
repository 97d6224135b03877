"""Entry point and the top-level options shared by every command."""

from __future__ import annotations

import sys

import click

from geobrief import __version__
from geobrief.cli.context import Context
from geobrief.errors import GeobriefError, StoreError
from geobrief.redact import redact
from geobrief.settings import load_settings
from geobrief.store import DatabaseError

EPILOG = """\b
Examples:
  geobrief demo                              # the bundled corpus, briefings in ./geobrief-demo
  geobrief ingest feeds/ https://example.org/rss.xml
  cat articles.jsonl | geobrief ingest -
  geobrief brief --date 2024-11-22 --reader AU --reader KR --format html --out brief.html
"""


@click.group(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    help="Store: a SQLite path or a database URL [default: $GEOBRIEF_DB, else geobrief.db here].",
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    help="TOML settings file [default: $GEOBRIEF_CONFIG, else ./geobrief.toml if present].",
)
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
@click.version_option(__version__, prog_name="geobrief")
@click.pass_context
def cli(ctx: click.Context, db: str | None, config: str | None, quiet: bool) -> None:
    """geobrief: world news in, a cited daily geopolitical briefing out.

    Feeds, pages and JSON Lines go in with `ingest`; `brief` writes the briefing for a
    date, each story in the same structure: At a glance, What is happening?, What is in it
    for you? (one part per reader group), What happens next?, Previously. Every sentence
    cites the stored articles or documented facts it rests on.
    """
    try:
        settings = load_settings(config=config, db=db)
    except GeobriefError as exc:
        raise click.UsageError(str(exc)) from exc
    ctx.obj = Context(settings, quiet)


def _register() -> None:
    from geobrief.cli import (
        analyse,
        brief,
        claims,
        demo,
        events,
        ingest,
        kb,
        publishers,
        read,
        readers,
        run,
        sources,
        stories,
        web,
    )

    for module in (demo, ingest, analyse, brief, stories, kb, readers, events, read, publishers,
                   sources, run):
        cli.add_command(module.command)
    cli.add_command(brief.publish_command)
    cli.add_command(claims.claims_command)
    cli.add_command(claims.outlook_command)
    for command in (web.serve_command, web.editors_command, web.draft_command,
                    web.feeds_command, web.email_command):
        cli.add_command(command)


_register()


def main() -> None:
    try:
        cli(prog_name="geobrief")
    except GeobriefError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except DatabaseError as exc:  # the store failed under a command: a coded line, no trace
        reason = redact(str(getattr(exc, "orig", None) or exc).splitlines()[0])
        click.echo(f"error: {StoreError(f'the store failed: {reason}')}", err=True)
        sys.exit(2)
