"""``geobrief claims`` (the claim ledger) and ``geobrief outlook`` (forward-looking items)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import click

from geobrief.analyse.outcomes import Score, Scorecard
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
  geobrief outlook --json | jq 'select(.band == "likely")'
  geobrief outlook --score""")
@click.option("--open", "still_open", is_flag=True,
              help="Only items whose horizon has not passed (or that name none) and that "
                   "no later event settled.")
@click.option("--score", "score", is_flag=True,
              help="Score the sources' banded estimates that settled: Brier score, "
                   "calibration by band, shares voided and unresolvable, overall and per "
                   "source.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per item (with "
              "--score: one object, overall and by source).")
@update_option
@pass_context
def outlook_command(ctx: Context, still_open: bool, score: bool, as_json: bool,
                    update: bool) -> None:
    """Forward-looking statements: who may do what, by when, under what condition, how
    likely in the source's own words (estimative band), and, once later reports settle
    it, whether it happened (with the report that says so) or lapsed at its horizon."""
    gb = ctx.reading(update)
    if score:
        card = gb.outlook_score()
        if as_json:
            click.echo(json.dumps(card.to_data(), ensure_ascii=False))
        else:
            _print_scorecard(card)
        return
    for row in gb.outlook(still_open):
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


def _score_line(name: str, score: Score) -> str:
    brier = f"{score.brier:.3f}" if score.brier is not None else "-"
    return (f"{name[:38]:<38} {score.banded:>6} {score.scored:>6} {brier:>6} "
            f"{score.happened:>5} {score.lapsed:>6} {score.still_open:>5} "
            f"{score.voided_share:>7.0%} {score.unresolvable_share:>7.0%}")


def _print_scorecard(card: Scorecard) -> None:
    """The scorecard as tables: overall, calibration by band, then per source."""
    overall = card.overall
    click.echo("Outlook scorecard: the sources' own estimative bands against what later "
               "reports say happened")
    click.echo(f"{'':<38} {'banded':>6} {'scored':>6} {'Brier':>6} {'happ.':>5} "
               f"{'lapsed':>6} {'open':>5} {'voided':>7} {'unres.':>7}")
    click.echo(_score_line("all sources", overall))
    click.echo("\nCalibration by band (settled, not voided)")
    click.echo(f"{'band':<24} {'n':>4} {'says':>6} {'happened':>9}")
    for row in overall.bands:
        click.echo(f"{row.band:<24} {row.n:>4} {row.p:>6.0%} {row.observed:>9.0%}")
    if not overall.bands:
        click.echo("(no banded item has settled yet)")
    click.echo("\nBy source")
    for name, score in sorted(card.by_source.items(), key=lambda kv: (-kv[1].banded, kv[0])):
        click.echo(_score_line(name, score))
