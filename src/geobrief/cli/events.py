"""``geobrief events``: who did what to whom, coded to PLOVER types (CAMEO where known)."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime, time
from typing import Any

import click
from sqlalchemy import select

from geobrief.analyse.events import code_events
from geobrief.cli.context import Context, pass_context
from geobrief.knowledge.link import Linker
from geobrief.knowledge.load import knowledge_with
from geobrief.pipeline import bring_up_to_date
from geobrief.store.schema import articles, outlets, sentences


@click.command("events", epilog="""\b
Examples:
  geobrief events --date 2024-11-21
  geobrief events --date 2024-11-21 --json | jq 'select(.type == "FIGHT")'""")
@click.option("--date", "day", required=True, type=click.DateTime(["%Y-%m-%d"]),
              help="Events reported in the articles of this day.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per event.")
@pass_context
def command(ctx: Context, day: Any, as_json: bool) -> None:
    """Events of the day's reports: source, PLOVER type (CAMEO code), target, each with
    its country, and the report it comes from."""
    store = ctx.store()
    bring_up_to_date(store, ctx.settings, ctx.say)
    the_day = day.date()
    linker = Linker(knowledge_with(ctx.settings.knowledge_dir))
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(sentences.c.text, articles.c.url, articles.c.origin_id,
                   outlets.c.name.label("outlet"))
            .join(articles, articles.c.id == sentences.c.article_id)
            .join(outlets, outlets.c.id == articles.c.outlet_id)
            .where(articles.c.published >= datetime.combine(the_day, time.min))
            .where(articles.c.published <= datetime.combine(the_day, time.max))
            .where(articles.c.origin_id.is_(None))  # copies report nothing new
            .order_by(articles.c.published, articles.c.url, sentences.c.idx)).all()
    store.close()
    for row in rows:
        for event in code_events(row.text, linker, the_day):
            if as_json:
                record = asdict(event) | {"url": row.url, "outlet": row.outlet}
                click.echo(json.dumps(record, ensure_ascii=False))
            else:
                neg = "not " if event.negated else ""
                click.echo(f"{event.source or '?'} ({event.source_country or '-'}) "
                           f"{neg}{event.type}[{event.cameo or '-'}] {event.target or '?'} "
                           f"({event.target_country or '-'})  · {row.outlet}")
