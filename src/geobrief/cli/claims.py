"""``geobrief claims`` (the claim ledger) and ``geobrief outlook`` (forward-looking items)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import click

from geobrief.cli.context import Context, pass_context, update_option
from geobrief.errors import GeobriefError
from geobrief.stories.ledger import STATUSES, Entry, history_in_words, in_words


@click.command("claims", epilog="""\b
Examples:
  geobrief claims --status disputed
  geobrief claims --story s-1a2b3c4d5e6f --json
  geobrief claims --story s-1a2b3c4d5e6f --date 2024-11-22""")
@click.option("--story", "story_id", help="Only the ledger of this story's thread.")
@click.option("--status", type=click.Choice(STATUSES), help="Only entries with this status.")
@click.option("--date", "day", help="The ledger as it stood on this day (YYYY-MM-DD): "
              "entries with a stance in the 30 days before, later stances left out.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per ledger entry.")
@update_option
@pass_context
def claims_command(ctx: Context, story_id: str | None, status: str | None, day: str | None,
                   as_json: bool, update: bool) -> None:
    """The claim ledger: one entry per proposition, with who asserts, confirms, denies or
    will not confirm it (parties grouped by their latest stance), the figures they gave,
    its status and how the status changed over time (docs/claims.md)."""
    gb = ctx.reading(update)
    try:
        entries = gb.claims(story_id, day)
    except (GeobriefError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    for entry in entries:
        if status and entry.status != status:
            continue
        if as_json:
            click.echo(json.dumps(entry_json(entry), ensure_ascii=False, default=str))
        else:
            click.echo(f"[{entry.status}] {entry.proposition or entry.text}")
            click.echo(f"    {in_words(entry)}")
            if len(entry.history) > 1:
                click.echo(f"    History: {history_in_words(entry)}.")


def entry_json(entry: Entry) -> dict[str, Any]:
    """An entry as ``claims --json`` prints it: the stored entry without the join's
    working state, with the parties grouped by stance."""
    data: dict[str, Any] = asdict(entry)
    for internal in ("words", "recent_words", "country_counts"):
        data.pop(internal)
    data["parties"] = {kind: [asdict(p) for p in stands]
                       for kind, stands in entry.parties().items()}
    return data


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
