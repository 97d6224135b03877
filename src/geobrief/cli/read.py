"""``geobrief read``: analysis of documents without a store."""

from __future__ import annotations

import json
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import BinaryIO

import click

from geobrief.analyse.reading import DocumentReading, SentenceReading, read_lines
from geobrief.cli.context import Context, pass_context


@click.command("read", epilog="""\b
Examples:
  geobrief read articles.jsonl
  echo '{"id": "1", "text": "Moscow denied it.", "published": "2024-11-22"}' | geobrief read --json
Each line: {"id", "text" or "html", "published", optional "title", "language", "outlet"}.
Exit code: 0 when every line was read; 1 when any line was refused.""")
@click.argument("source", default="-")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per document.")
@pass_context
def command(ctx: Context, source: str, as_json: bool) -> None:
    """Print each document's sentences with their character offsets, language and noise
    label (boilerplate, byline, comment, promo), and what analysis finds in each: speaker,
    stance, proposition, forecast, figures; and the dateline, agency and byline cut off
    them. Nothing is stored."""
    linker = ctx.app().linker  # the knowledge in force, as analysis uses it
    failed = 0

    def refused(error: Exception) -> None:
        nonlocal failed
        failed += 1
        ctx.error(str(error))

    with _open(source) as stream:
        for doc in read_lines(stream, linker, refused):
            if as_json:
                click.echo(json.dumps(doc.to_json(), ensure_ascii=False))
            else:
                _print_text(doc)
    if failed:
        sys.exit(1)


def _open(source: str) -> AbstractContextManager[BinaryIO]:
    return nullcontext(sys.stdin.buffer) if source == "-" else Path(source).open("rb")


def _print_text(doc: DocumentReading) -> None:
    click.echo(f"# {doc.id} ({doc.language}, {len(doc.sentences)} sentences)")
    wire = [f"{name}: {value}" for name, value in (
        ("place", doc.wire.place), ("agency", doc.wire.agency), ("dated", doc.wire.when),
        ("byline", doc.wire.byline)) if value]
    if wire:
        click.echo(f"  {'; '.join(wire)}")
    for s in doc.sentences:
        language = f"{s.language} " if s.language != doc.language else ""
        click.echo(f"[{s.start}-{s.end}] {language}{_tags(s)}{s.text}")
        if s.forecast is not None:
            f = s.forecast
            whose = f"{f.estimate_kind}: {f.estimate_by}" if f.estimate_by else f.estimate_kind
            band = f"{f.band}, the source's words" if f.band else "no band"
            click.echo(f"    forecast: {f.actor or '?'} {f.act or ''} "
                       f"[{band}; {whose}]{' by ' + f.horizon if f.horizon else ''}")
        for figure in s.figures:
            by = f" ({figure.attributed_to})" if figure.attributed_to else ""
            click.echo(f"    figure: {figure.value} = {figure.quantity or '?'}{by}")
    click.echo("")


def _tags(s: SentenceReading) -> str:
    tags = [s.noise] if s.noise else []
    if s.stance != "none":
        tags.append(f"{s.stance} by {s.speaker or '?'}")
    return f"<{'; '.join(tags)}> " if tags else ""
