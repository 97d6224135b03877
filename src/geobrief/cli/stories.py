"""``geobrief stories``: the stories of a day, ranked, with why."""

from __future__ import annotations

import json
from datetime import date

import click

from geobrief.cli.context import Context, pass_context
from geobrief.compose.select import salience
from geobrief.pipeline import bring_up_to_date
from geobrief.store.stories import stories_for_day


@click.command("stories")
@click.option("--date", "day", required=True, type=click.DateTime(["%Y-%m-%d"]))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per story.")
@pass_context
def command(ctx: Context, day: date, as_json: bool) -> None:
    """List the stories of --date by salience, with their thread and articles."""
    store = ctx.store()
    bring_up_to_date(store, ctx.settings, ctx.say)
    the_day = day.date() if hasattr(day, "date") else day
    rows = sorted(stories_for_day(store, the_day), key=lambda s: -salience(s, the_day))
    store.close()
    for s in rows:
        if as_json:
            click.echo(
                json.dumps(
                    {
                        "id": s.id,
                        "thread": s.thread_id,
                        "thread_name": s.thread_name,
                        "title": s.title,
                        "salience": round(salience(s, the_day), 3),
                        "urls": [a.url for a in s.articles],
                    },
                    ensure_ascii=False,
                )
            )
        else:
            outlets = sorted({a.outlet for a in s.articles})
            click.echo(
                f"{salience(s, the_day):5.2f}  {s.title}  [{s.thread_id}] "
                f"({len(s.articles)} reports: {', '.join(outlets)})"
            )
