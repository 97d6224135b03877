"""``geobrief stories``: the stories of a day ranked by salience, with why; or all stories."""

from __future__ import annotations

import json
from typing import Any

import click

from geobrief.cli.context import Context, pass_context, update_option
from geobrief.store.stories import StoryRow
from geobrief.stories.online import own_thread
from geobrief.stories.rank import Salience


def _record(story: StoryRow, score: Salience | None, day: str | None) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": story.id, "thread": story.thread_id, "thread_name": story.thread_name,
        "title": story.title, "first_published": story.first_published.isoformat(),
        "last_published": story.last_published.isoformat(),
        "urls": [a.url for a in story.articles],
        "languages": list(story.languages),
        "thread_link": ({"rule": story.thread_link, "score": story.thread_score}
                        if story.thread_link else None),
    }
    if score is not None:
        record.update(date=day, salience=score.score, reasons=score.reasons,
                      sources=score.sources)
    return record


def _how_joined(story: StoryRow) -> str:
    """How the story came to its thread, in words (stores from before migration 0008 did
    not record the rule)."""
    if story.thread_link is None:
        return "began the thread" if story.thread_id == own_thread(story.id) else (
            "joined before links were recorded")
    return f"joined: {story.thread_link}, {story.thread_score:.2f}"


@click.command("stories", epilog="""\b
Examples:
  geobrief stories --date 2024-11-22
  geobrief stories --date 2024-11-22 --json | jq .reasons
  geobrief stories --all --json > stories.jsonl""")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]),
              help="Rank the stories with news on this day.")
@click.option("--all", "every", is_flag=True, help="Every day with news, ranked per day.")
@click.option("--soft", is_flag=True,
              help="Keep sport, entertainment, weather, markets and site furniture "
                   "(as the setting edition_soft_news does).")
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object per story: id, thread, thread_name, thread_link, title, "
                   "salience, reasons, sources, urls, languages.")
@update_option
@pass_context
def command(ctx: Context, day: Any, every: bool, soft: bool, as_json: bool,
            update: bool) -> None:
    """The edition's stories ranked by geopolitical significance, each with the reasons in
    words (kind of event, actors, human cost, independent publishers and their countries,
    novelty)."""
    if bool(day) == every:
        raise click.UsageError("give --date D or --all")
    gb = ctx.reading(update)
    days = gb.days() if every else [day.date().isoformat()]
    for the_day in days:
        ranked = gb.stories(the_day, soft=soft)
        if not as_json and every:
            click.echo(f"# {the_day}")
        for n, (story, score) in enumerate(ranked, 1):
            if as_json:
                click.echo(json.dumps(_record(story, score, the_day), ensure_ascii=False))
                continue
            outlets = sorted({a.outlet for a in story.articles})
            click.echo(f"{n:2d}. {score.score:5.2f}  {story.title}")
            click.echo(f"           thread {story.thread_id} · {story.thread_name}"
                       f" ({_how_joined(story)})")
            click.echo(f"           why: {'; '.join(score.reasons)}")
            count = len(story.articles)
            click.echo(f"           {count} report{'' if count == 1 else 's'} from "
                       f"{', '.join(outlets)}")
