"""``geobrief brief`` (the briefing for a date) and ``geobrief publish`` (record it)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from geobrief.cli.context import Context, pass_context, update_option
from geobrief.compose.render import renderers
from geobrief.errors import GeobriefError
from geobrief.models import Briefing
from geobrief.publish.files import check_output, write_output
from geobrief.store.engine import sqlite_path

date_option = click.option(
    "--date", "day", required=True, type=click.DateTime(["%Y-%m-%d"]),
    help="The day to brief (YYYY-MM-DD), from what is stored up to that day.")
reader_option = click.option(
    "--reader", "readers", multiple=True, metavar="CC",
    help="Reader group by ISO country code; repeat for several "
    "[default: AU, US, UA, KR or setting 'readers'].")
top_option = click.option("--top", type=int, help="How many stories at most.")
for_option = click.option("--for", "for_reader", metavar="NAME",
                          help="A personal briefing for this reader (see geobrief readers).")
length_option = click.option(
    "--length", type=click.Choice(["short", "standard", "long"]),
    help="How much is printed: short (about 700 words), standard (about 1,500: ten "
    "minutes) or long (every line chosen) [default: setting 'length', standard]. The JSON "
    "keeps every line either way.")


def _brief(ctx: Context, day: date, readers: tuple[str, ...], top: int | None,
           for_reader: str | None, update: bool, length: str | None = None) -> Briefing:
    gb = ctx.reading(update)
    try:
        the_day = day.date() if isinstance(day, datetime) else day
        return gb.brief(the_day, list(readers) or None, reader=for_reader, top=top,
                        length=length)
    except GeobriefError as exc:
        raise click.ClickException(str(exc)) from exc


@click.command(
    "brief",
    epilog="""\b
Examples:
  geobrief brief --date 2024-11-22
  geobrief brief --date 2024-11-22 --reader JP --reader IN --format html --out jp-in.html
  geobrief brief --date 2024-11-22 --format json | jq '.stories[].title'
  geobrief brief --date 2024-11-22 --length short   # about five minutes
  geobrief brief --date 2024-11-22 --publish   # and record it for "Previously\"""",
)
@date_option
@reader_option
@click.option("--format", "fmt", type=click.Choice(sorted(renderers())), default="md",
              show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of standard output.")
@top_option
@for_option
@length_option
@click.option("--publish", is_flag=True,
              help="Also record the briefing as published (see geobrief publish).")
@update_option
@pass_context
def command(
    ctx: Context, day: date, readers: tuple[str, ...], fmt: str, out: str | None,
    top: int | None, for_reader: str | None, length: str | None, publish: bool,
    update: bool,
) -> None:
    """Write the briefing for --date: the day's top stories, every sentence cited; an
    edition for reader groups (--reader), or a personal briefing (--for NAME). Reads only,
    unless --publish or --update."""
    if out:
        check_output(Path(out), sqlite_path(ctx.settings.db))
    briefing = _brief(ctx, day, readers, top, for_reader, update, length)
    text = ctx.app().render(briefing, fmt)
    if publish:
        ctx.app().publish(briefing)
        ctx.say(f"published {briefing.id}")
    if out:
        write_output(Path(out), text, sqlite_path(ctx.settings.db))
        ctx.say(f"wrote {out}")
    else:
        click.echo(text, nl=False)


@click.command("publish", epilog="""\b
Examples:
  geobrief publish --date 2024-11-22
  geobrief publish --date 2024-11-22 --for tokyo-desk""")
@date_option
@reader_option
@top_option
@for_option
@update_option
@pass_context
def publish_command(ctx: Context, day: date, readers: tuple[str, ...], top: int | None,
                    for_reader: str | None, update: bool) -> None:
    """Record the briefing for --date as published: later briefings list its stories
    under "Previously", and a story it carried comes back only with an original report.
    Publishing the same briefing again replaces the record."""
    briefing = _brief(ctx, day, readers, top, for_reader, update)
    ctx.app().publish(briefing)
    click.echo(f"published {briefing.id}: {len(briefing.stories)} stories")
