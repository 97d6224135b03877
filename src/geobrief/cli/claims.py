"""``geobrief claims`` (the claim ledger) and ``geobrief outlook`` (forward-looking items)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import click

from geobrief.cli.context import Context, pass_context, update_option
from geobrief.errors import GeobriefError
from geobrief.stories.ledger import STATUSES, in_words


@click.command("claims", epilog="""\b
Examples:
  geobrief claims --status disputed
  geobrief claims --story s-1a2b3c4d5e6f --json""")
@click.option("--story", "story_id", help="Only the ledger of this story's thread.")
@click.option("--status", type=click.Choice(STATUSES), help="Only entries with this status.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per ledger entry.")
@update_option
@pass_context
def claims_command(ctx: Context, story_id: str | None, status: str | None,
                   as_json: bool, update: bool) -> None:
    """The claim ledger: what is asserted, by whom, who confirms, denies or will not
    confirm it, over time, and its status."""
    gb = ctx.reading(update)
    try:
        entries = gb.claims(story_id)
    except GeobriefError as exc:
        raise click.ClickException(str(exc)) from exc
    for entry in entries:
        if status and entry.status != status:
            continue
        if as_json:
            data: dict[str, Any] = asdict(entry)
            data.pop("words")
            click.echo(json.dumps(data, ensure_ascii=False, default=str))
        else:
            click.echo(f"[{entry.status}] {entry.text}")
            click.echo(f"    {in_words(entry)}")


@click.command("outlook", epilog="""\b
Examples:
  geobrief outlook --open
  geobrief outlook --json | jq 'select(.band == "likely")'""")
@click.option("--open", "still_open", is_flag=True,
              help="Only items whose horizon has not passed (or that name none) and that "
                   "no later event settled.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per item.")
@update_option
@pass_context
def outlook_command(ctx: Context, still_open: bool, as_json: bool, update: bool) -> None:
    """Forward-looking statements: who may do what, by when, under what condition, how
    likely in the source's own words (estimative band), and, once later reports settle
    it, whether it happened (with the date of the report) or lapsed at its horizon."""
    for row in ctx.reading(update).outlook(still_open):
        if as_json:
            click.echo(json.dumps({k: (v.isoformat() if hasattr(v, "isoformat") else v)
                                   for k, v in dict(row).items()}, ensure_ascii=False))
        else:
            by = f" by {row['horizon']}" if row["horizon"] else ""
            act = f" [{row['action']}]" if row["action"] else ""
            outcome = f" -> {row['outcome']} {row['decided']}" if row["outcome"] else ""
            band = (f"{row['band']} {row['p_low']:.0%}-{row['p_high']:.0%}" if row["band"]
                    else "no band")  # the source used no words of estimative probability
            click.echo(f"[{band}]{by}{act} "
                       f"{row['actor'] or '?'}: {row['text']} ({row['outlet']}, "
                       f"{row['published']:%Y-%m-%d}){outcome}")
