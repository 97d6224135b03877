"""``geobrief ingest``: files, folders, URLs, or ``-`` for JSON Lines on stdin."""

from __future__ import annotations

import sys
from contextlib import nullcontext

import click

from geobrief.cli.context import Context, pass_context
from geobrief.ingest.outlets import OutletRegistry


@click.command(
    "ingest",
    epilog="""\b
Examples:
  geobrief ingest feeds/world.xml pages/ articles.jsonl
  geobrief ingest https://example.org/rss.xml
  zcat dump.jsonl.gz | geobrief ingest -
Exit code: 0 when every item was stored or already there; 1 when any item failed.""",
)
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--outlets",
    type=click.Path(exists=True, dir_okay=False),
    help="YAML list of outlets (name, domain, country, kind) to label sources.",
)
@click.option("--max-bytes", type=int, help="Size cap per file or download.")
@click.option("--no-analyse", is_flag=True, help="Store only; analyse later.")
@click.option("--force", is_flag=True,
              help="Fetch URLs without conditional GET, including paused ones.")
@pass_context
def command(
    ctx: Context,
    sources: tuple[str, ...],
    outlets: str | None,
    max_bytes: int | None,
    no_analyse: bool,
    force: bool,
) -> None:
    """Store articles from feeds (RSS, Atom, JSON Feed), HTML pages and JSON Lines.

    Ingesting the same input twice adds nothing. A bad item gets one line on stderr naming
    it and the reason; the rest go on.
    """
    ctx.settings = ctx.settings.with_overrides(outlets_file=outlets, max_bytes=max_bytes)
    gb = ctx.app()
    # analysing: the whole run holds the analyse lock, so that an analysis at the same
    # time (brief, analyse, another ingest) sees all of this run's articles or none
    with nullcontext() if no_analyse else gb.store.lock("analyse"):
        report = gb.ingest(
            sources,
            outlets=OutletRegistry.load(ctx.settings.outlets_file),
            on_error=lambda e: ctx.error(str(e)),
            on_progress=lambda src, rep: ctx.say(f"{src}: {rep.added} added so far"),
            stdin=sys.stdin.buffer,
            force=force,
        )
        ctx.say(report.summary())
        if not no_analyse:
            gb.update(ctx.say)
    if report.failed:
        sys.exit(1)
