"""``geobrief analyse``: bring analysis, stories and threads up to date."""

from __future__ import annotations

import click

from geobrief.cli.context import Context, pass_context
from geobrief.pipeline import bring_up_to_date


@click.command("analyse")
@pass_context
def command(ctx: Context) -> None:
    """Analyse stored articles not yet analysed, then place them into stories and threads.

    Other commands do this themselves when needed; run it alone after a large ingest.
    """
    store = ctx.store()
    analysed, placed = bring_up_to_date(store, ctx.settings, ctx.say)
    ctx.say(f"{analysed} articles analysed, {placed} placed into stories")
    store.close()
