"""``geobrief run``: the unattended daily cycle, once (cron, a systemd timer) or in a loop."""

from __future__ import annotations

import sys

import click

from geobrief.cli.context import Context, pass_context
from geobrief.daily.cycle import CycleReport
from geobrief.daily.runner import RunInProgress, Runner, StopRequest
from geobrief.daily.sources import SourcesError, parse_duration

EXIT_RUN_IN_PROGRESS = 3


@click.command("run", epilog="""\b
Examples:
  geobrief run --once                # one cycle: for cron or a systemd timer
  geobrief run --every 30m           # cycles until SIGTERM (a systemd service)
  GEOBRIEF_EDITION_TIME=06:00 GEOBRIEF_EDITION_TIMEZONE=Europe/London geobrief run --once
\b
Exit code: 0 all went well; 1 a feed, page or item failed (each reported); 2 the run
could not start; 3 another run is in progress on this store (it said so in one line).
See docs/running.md for cron and systemd examples.""")
@click.option("--once", is_flag=True, help="Run one cycle and exit.")
@click.option("--every", metavar="DURATION",
              help="Run a cycle every DURATION (30m, 2h) until stopped by SIGTERM or SIGINT.")
@pass_context
def command(ctx: Context, once: bool, every: str | None) -> None:
    """Fetch the feeds that are due, ingest them, bring analysis and stories up to date,
    and at the edition time record that day's briefing as a draft.

    Feeds come from the sources file (`geobrief sources`); each is fetched when due, with
    conditional GET, one request at a time per host, a backoff after a failure and a pause
    after `feed_pause_after` failures. Blurb-only items get their article pages fetched.
    The edition is composed at `edition_time` in `edition_timezone` for the setting
    `readers`, and recorded as a draft (`Geobrief.drafts`). Progress goes to stderr, one
    summary line per cycle to stdout.
    """
    if once == bool(every):
        raise click.UsageError("choose --once (one cycle) or --every DURATION (a loop)")
    try:
        interval = parse_duration(every, "--every") if every else None
    except SourcesError as exc:
        raise click.UsageError(str(exc)) from exc
    stop = StopRequest()
    runner = Runner(ctx.app(), ctx.say, stop)
    try:
        with stop.installed():
            last = runner.loop(interval, _summary)
    except RunInProgress as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_RUN_IN_PROGRESS)
    if stop():
        ctx.say(f"stopped by {stop.reason}: what was finished is stored; the next run "
                "goes on from there")
    if last.errors and once:
        sys.exit(1)


def _summary(report: CycleReport) -> None:
    click.echo(report.summary())
