"""``geobrief brief``: the briefing for a date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from geobrief.cli.context import Context, pass_context
from geobrief.compose import compose_briefing
from geobrief.compose.render import RENDERERS
from geobrief.knowledge.load import knowledge_with
from geobrief.pipeline import bring_up_to_date
from geobrief.publish.files import check_output, write_output
from geobrief.store.engine import sqlite_path
from geobrief.store.readers import load_readers


@click.command(
    "brief",
    epilog="""\b
Examples:
  geobrief brief --date 2024-11-22
  geobrief brief --date 2024-11-22 --reader JP --reader IN --format html --out jp-in.html
  geobrief brief --date 2024-11-22 --format json | jq '.stories[].title'""",
)
@click.option(
    "--date",
    "day",
    required=True,
    type=click.DateTime(["%Y-%m-%d"]),
    help="The day to brief (YYYY-MM-DD), from what is stored up to that day.",
)
@click.option(
    "--reader",
    "readers",
    multiple=True,
    metavar="CC",
    help="Reader group by ISO country code; repeat for several "
    "[default: AU, US, UA, KR or setting 'readers'].",
)
@click.option(
    "--format", "fmt", type=click.Choice(sorted(RENDERERS)), default="md", show_default=True
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True),
    help="Write to this file instead of standard output.",
)
@click.option("--top", type=int, help="How many stories at most.")
@click.option("--for", "for_reader", metavar="NAME",
              help="A personal briefing for this reader (see geobrief readers).")
@pass_context
def command(
    ctx: Context, day: date, readers: tuple[str, ...], fmt: str, out: str | None,
    top: int | None, for_reader: str | None,
) -> None:
    """Write the briefing for --date: the day's top stories, every sentence cited; an
    edition for reader groups (--reader), or a personal briefing (--for NAME)."""
    settings = ctx.settings.with_overrides(top_stories=top)
    if out:
        check_output(Path(out), sqlite_path(settings.db))
    store = ctx.store()
    bring_up_to_date(store, settings, ctx.say)
    reader = None
    if for_reader:
        reader = next((r for r in load_readers(store) if r.name == for_reader), None)
        if reader is None:
            store.close()
            raise click.ClickException(f"no reader {for_reader!r} (see geobrief readers list)")
    briefing = compose_briefing(
        store, day.date() if hasattr(day, "date") else day, settings,
        readers=list(readers) or None, reader=reader,
        knowledge=knowledge_with(settings.knowledge_dir),
    )
    store.close()
    text = RENDERERS[fmt](briefing)
    if out:
        write_output(Path(out), text, sqlite_path(settings.db))
        ctx.say(f"wrote {out}")
    else:
        click.echo(text, nl=False)
