"""``geobrief claims`` (the claim ledger) and ``geobrief outlook`` (forward-looking items)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import click
from sqlalchemy import select

from geobrief.cli.context import Context, pass_context
from geobrief.knowledge.link import Linker
from geobrief.knowledge.load import knowledge_with
from geobrief.pipeline import bring_up_to_date
from geobrief.store.schema import articles, outlets, outlook, sentences, stories
from geobrief.stories.ledger import STATUSES, build_ledger, in_words


@click.command("claims", epilog="""\b
Examples:
  geobrief claims --status disputed
  geobrief claims --story s-1a2b3c4d5e6f --json""")
@click.option("--story", "story_id", help="Only the ledger of this story's thread.")
@click.option("--status", type=click.Choice(STATUSES), help="Only entries with this status.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per ledger entry.")
@pass_context
def claims_command(ctx: Context, story_id: str | None, status: str | None,
                   as_json: bool) -> None:
    """The claim ledger: what is asserted, by whom, who confirms, denies or will not
    confirm it, over time, and its status."""
    store = ctx.store()
    bring_up_to_date(store, ctx.settings, ctx.say)
    linker = Linker(knowledge_with(ctx.settings.knowledge_dir))
    with store.engine.connect() as conn:
        query = select(stories.c.thread_id).distinct()
        if story_id:
            query = query.where(stories.c.id == story_id)
        threads = sorted(r.thread_id for r in conn.execute(query))
    if story_id and not threads:
        raise click.ClickException(f"no story {story_id!r} (see geobrief stories --all)")
    for thread in threads:
        for entry in build_ledger(store, thread, linker=linker):
            if status and entry.status != status:
                continue
            if as_json:
                data: dict[str, Any] = asdict(entry)
                data.pop("words")
                click.echo(json.dumps(data, ensure_ascii=False, default=str))
            else:
                click.echo(f"[{entry.status}] {entry.text}")
                click.echo(f"    {in_words(entry)}")
    store.close()


@click.command("outlook", epilog="""\b
Examples:
  geobrief outlook --open
  geobrief outlook --json | jq 'select(.band == "likely")'""")
@click.option("--open", "still_open", is_flag=True,
              help="Only items whose horizon has not passed (or that name none) and that "
                   "no later event settled.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per item.")
@pass_context
def outlook_command(ctx: Context, still_open: bool, as_json: bool) -> None:
    """Forward-looking statements: who may do what, by when, under what condition, how
    likely in the source's own words (estimative band), and, once later reports settle
    it, whether it happened (with the date of the report) or lapsed at its horizon."""
    store = ctx.store()
    bring_up_to_date(store, ctx.settings, ctx.say)
    with store.engine.connect() as conn:
        latest = conn.execute(select(articles.c.published).order_by(
            articles.c.published.desc()).limit(1)).scalar()
        rows = conn.execute(
            select(outlook, sentences.c.text, articles.c.published, articles.c.url,
                   outlets.c.name.label("outlet"))
            .join(sentences, (sentences.c.article_id == outlook.c.article_id)
                  & (sentences.c.idx == outlook.c.idx))
            .join(articles, articles.c.id == outlook.c.article_id)
            .join(outlets, outlets.c.id == articles.c.outlet_id)
            .order_by(articles.c.published, outlook.c.article_id, outlook.c.idx)
        ).mappings().all()
    store.close()
    today = latest.date().isoformat() if latest else "9999-12-31"
    for row in rows:
        if still_open and (row["outcome"] or (row["horizon"] and row["horizon"] < today)):
            continue
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
