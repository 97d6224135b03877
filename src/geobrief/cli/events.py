"""``geobrief events``: who did what to whom, coded to PLOVER types (CAMEO where known)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import click

from geobrief.cli.context import Context, pass_context, update_option


@click.command("events", epilog="""\b
Examples:
  geobrief events --date 2024-11-21
  geobrief events --date 2024-11-21 --json | jq 'select(.type == "FIGHT")'""")
@click.option("--date", "day", required=True, type=click.DateTime(["%Y-%m-%d"]),
              help="Events reported in the articles of this day.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per event.")
@update_option
@pass_context
def command(ctx: Context, day: Any, as_json: bool, update: bool) -> None:
    """Events of the day's original reports, as analysis stored them: source, PLOVER type
    (CAMEO code), target, each with its country, and the report it comes from."""
    for event, url, outlet in ctx.reading(update).events(day):
        if as_json:
            record = asdict(event) | {"url": url, "outlet": outlet}
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            neg = "not " if event.negated else ""
            click.echo(f"{event.source or '?'} ({event.source_country or '-'}) "
                       f"{neg}{event.type}[{event.cameo or '-'}] {event.target or '?'} "
                       f"({event.target_country or '-'})  · {outlet}")
