"""``geobrief analyse``: bring analysis, stories and threads up to date."""

from __future__ import annotations

import click

from geobrief.cli.context import Context, pass_context


@click.command("analyse")
@pass_context
def command(ctx: Context) -> None:
    """Analyse stored articles not yet analysed (all of them again when the knowledge or
    the analysis changed), then place them into stories and threads.

    `ingest` does this after storing unless --no-analyse; read commands never do it
    themselves (they say when the store is behind; --update runs this first)."""
    done = ctx.app().update(ctx.say)
    ctx.say(f"{done.analysed} articles analysed, {done.placed} placed into stories")
