"""``geobrief sources``: the feeds `geobrief run` fetches, with outlet metadata and health."""

from __future__ import annotations

import json
from pathlib import Path

import click

from geobrief.cli.context import Context, pass_context
from geobrief.daily.health import view
from geobrief.daily.imports import import_list, is_kite, kite_categories, read_list
from geobrief.daily.sources import (
    Pages,
    SourcesFile,
    entry_from,
    load_sources,
    sources_path,
)
from geobrief.errors import GeobriefError
from geobrief.ingest.fetch import host_of
from geobrief.redact import redact_url
from geobrief.store.feeds import feed_health, now_utc
from geobrief.stories.publishers import Funding, publishers


@click.group("sources", epilog="""\b
Examples:
  geobrief sources add https://www.theguardian.com/world/rss --name "The Guardian"
  geobrief sources add http://127.0.0.1:8000/feed.xml --allow   # a local feed server
  geobrief sources import subscriptions.opml
  geobrief sources import path/to/kite_feeds.json --category Ukraine
  geobrief sources list --json
  geobrief sources remove "The Guardian"
The file is sources.toml beside the config file (or the store); setting sources_file.""")
def command() -> None:
    """The sources file: feeds, their outlets (home country, publisher family, funding)
    and their health (last fetch, status, failures, pause)."""


def _file(ctx: Context) -> SourcesFile:
    try:
        return load_sources(sources_path(ctx.settings))
    except GeobriefError as exc:
        raise click.ClickException(str(exc)) from exc


@command.command("add")
@click.argument("url")
@click.option("--name", help="The outlet's name (else the publishers table's, or the host).")
@click.option("--category", help="A category of your own (World, Ukraine, …).")
@click.option("--language", help="The feed's language (ISO 639-1), when it does not say.")
@click.option("--country", help="The outlet's home country (ISO 3166-1 alpha-2).")
@click.option("--family", help="The publisher family or owner.")
@click.option("--funding", type=click.Choice([f.value for f in Funding]))
@click.option("--every", help="How often it is due (30m, 2h); setting feed_interval_minutes.")
@click.option("--pages", type=click.Choice([p.value for p in Pages]), default=None,
              help="Fetch article pages of blurb-only items (auto: when an item is short).")
@click.option("--allow", is_flag=True,
              help="Let the network guard through to this URL's host (a local or private "
                   "feed server).")
@pass_context
def add(ctx: Context, url: str, allow: bool, **metadata: str | None) -> None:
    """Add a feed to the sources file."""
    found = _file(ctx)
    try:
        entry = entry_from({"url": url, **metadata}, "sources add")
    except GeobriefError as exc:
        raise click.ClickException(str(exc)) from exc
    if not found.add(entry):
        click.echo(f"{redact_url(url)} is already a source ({found.path})")
        return
    if allow:
        found.allow_host(host_of(url))
    found.save()
    shown = view(entry, None, publishers(ctx.settings.publishers_file), now_utc(),
                 ctx.settings.feed_interval_minutes)
    click.echo(f"added to {found.path}:")
    click.echo("\n".join(shown.lines()[:2]))


@command.command("remove")
@click.argument("sources", nargs=-1, required=True)
@pass_context
def remove(ctx: Context, sources: tuple[str, ...]) -> None:
    """Remove feeds (by URL or name) from the sources file; their health stays in the
    store, so adding one again resumes it."""
    found = _file(ctx)
    missing = []
    for key in sources:
        entry = found.find(key)
        if entry is None:
            missing.append(key)
            continue
        found.remove(entry)
        click.echo(f"removed {redact_url(entry.url)}")
    found.save()
    if missing:
        raise click.ClickException(f"no such source: {', '.join(missing)} (see geobrief "
                                   "sources list)")


@command.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON array of sources.")
@pass_context
def list_command(ctx: Context, as_json: bool) -> None:
    """Every source with its outlet and health: new, ok, failing (retried after a
    backoff) or paused (tried again once the pause has passed)."""
    found = _file(ctx)
    health = feed_health(ctx.store(), [redact_url(e.url) for e in found.sources])
    table = publishers(ctx.settings.publishers_file)
    now = now_utc()
    views = [view(e, health.get(redact_url(e.url)), table, now,
                  ctx.settings.feed_interval_minutes) for e in found.sources]
    if as_json:
        click.echo(json.dumps([v.to_json() for v in views], ensure_ascii=False, indent=2))
        return
    if not views:
        click.echo(f"no sources yet in {found.path} (geobrief sources add URL)")
        return
    for v in views:
        click.echo("\n".join(v.lines()))
    counts = {s: sum(v.status.value == s for v in views) for s in ("ok", "failing",
                                                                    "paused", "new")}
    click.echo(f"{len(views)} sources in {found.path}: "
               + ", ".join(f"{n} {s}" for s, n in counts.items() if n))


@command.command("import")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--category",
              help="Kagi list: the category to import (required). OPML: only feeds filed "
                   "under it.")
@click.option("--list-categories", is_flag=True,
              help="Kagi list: print its categories and the number of feeds of each.")
@pass_context
def import_command(ctx: Context, path: Path, category: str | None,
                   list_categories: bool) -> None:
    """Add the feeds of an OPML list, or of one category of Kagi's kite_feeds.json
    (kite-public, CC BY-NC 4.0: read from your copy, never shipped). Feeds already
    listed are kept as they are."""
    try:
        if list_categories:
            data = read_list(path, ctx.settings.max_bytes)
            if not is_kite(data):
                raise click.UsageError("--list-categories is for a Kagi feed list")
            for name, value in sorted(kite_categories(path, data).items()):
                click.echo(f"{name}\t{len(value.get('feeds') or [])} feeds")
            return
        imported = import_list(path, ctx.settings.max_bytes, category)
    except click.ClickException:
        raise
    except GeobriefError as exc:
        raise click.ClickException(str(exc)) from exc
    found = _file(ctx)
    added = sum(found.add(entry) for entry in imported.entries)
    found.save()
    for problem in imported.problems:
        ctx.say(problem)
    click.echo(f"{added} sources added to {found.path} "
               f"({len(imported.entries) - added} already there, "
               f"{len(imported.problems)} left out)")
