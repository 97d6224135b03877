"""``geobrief demo``: the whole pipeline on the bundled corpus."""

from __future__ import annotations

from pathlib import Path

import click

from geobrief.cli.context import Context, pass_context
from geobrief.pipeline import run_demo


@click.command(
    "demo",
    epilog="""\b
Examples:
  geobrief demo
  geobrief demo --out /tmp/briefings && open /tmp/briefings/index.html""",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    default="geobrief-demo",
    show_default=True,
    help="Folder for the briefings (md, html, json per day).",
)
@pass_context
def command(ctx: Context, out: str) -> None:
    """Ingest the bundled demo corpus into a fresh store and brief every day with news.

    The corpus was written for this project: invented outlets reporting real events of
    October-November 2024. Writes DIR/YYYY-MM-DD.{md,html,json}, DIR/index.html and the
    store DIR/demo.db.
    """
    result = run_demo(Path(out), ctx.settings, ctx.say)
    latest = result.briefings[-1]
    click.echo(f"{len(result.briefings)} briefings written to {out}/ (index: {result.index})")
    click.echo(
        f"latest briefing: {Path(out) / (latest.date.isoformat() + '.html')} "
        f"({len(latest.stories)} stories)"
    )
