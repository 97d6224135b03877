"""``geobrief analyse``: bring analysis, stories and threads up to date."""

from __future__ import annotations

import click

from geobrief.analyse.cluster import Workers
from geobrief.cli.context import Context, pass_context


@click.command("analyse")
@click.option("--workers", type=click.IntRange(1, 1024), metavar="N",
              help="Analyse on N worker processes of a local Dask cluster (the dask extra).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Analyse on the workers of a running Dask cluster (tcp://host:8786); "
                   "its workers need the same geobrief, knowledge and a shared store "
                   "(PostgreSQL).")
@click.option("--all", "again", is_flag=True,
              help="Analyse every stored article again, not only those pending.")
@pass_context
def command(ctx: Context, workers: int | None, scheduler: str | None, again: bool) -> None:
    """Analyse stored articles not yet analysed (all of them again when the knowledge or
    the analysis changed), then place them into stories and threads.

    `ingest` does this after storing unless --no-analyse; read commands never do it
    themselves (they say when the store is behind; --update runs this first). With
    --workers or --scheduler the analysis is spread over Dask workers in batches and
    stores exactly what one process would; placing into stories stays in this process."""
    if workers is not None and scheduler is not None:
        raise click.UsageError("--workers starts a local cluster; --scheduler uses a running "
                               "one: give one of them")
    where = Workers(workers, scheduler) if workers or scheduler else None
    done = ctx.app().update(ctx.say, workers=where, again=again)
    ctx.say(f"{done.analysed} articles analysed, {done.placed} placed into stories")
