"""Publishing commands: ``serve`` (the web edition), ``editors``, ``draft``, ``feeds`` and
``email``."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from geobrief.cli.context import Context, pass_context
from geobrief.errors import Code, EditorialError
from geobrief.publish.files import write_output
from geobrief.store.engine import sqlite_path

STAMP_SECONDS = 1.0  # how often public pages check for new publications


@click.command("serve", epilog="""\b
Examples:
  geobrief --db geobrief-demo/demo.db serve      # then open http://127.0.0.1:8000/
  geobrief serve --host 0.0.0.0 --port 8080     # behind a TLS-terminating proxy""")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@pass_context
def serve_command(ctx: Context, host: str, port: int) -> None:
    """Serve the web edition: the latest published edition at /, the archive, storylines,
    personal briefings, search, sources, the JSON API and feeds; editors sign in at
    /editor to sign off drafts and correct what was published."""
    try:
        import uvicorn
    except ImportError as exc:
        raise EditorialError('serve needs the web extra: pip install "geobrief[web]"',
                             Code.EXTRA_MISSING) from exc
    from geobrief.web import create_app

    # public pages check for new publications once a second (an editor's own at once)
    app = create_app(ctx.app(), stamp_seconds=STAMP_SECONDS)
    click.echo(f"serving {ctx.settings.db} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=True,
                server_header=False)


@click.group("editors")
def editors_command() -> None:
    """Editor accounts: who may sign in to the web edition to sign off and correct."""


@editors_command.command("add")
@click.argument("name")
@click.option("--password-stdin", is_flag=True,
              help="Read the password from standard input (scripts) instead of a prompt.")
@pass_context
def editors_add(ctx: Context, name: str, password_stdin: bool) -> None:
    """Create an editor, or set a new password (their sessions end). Prompts for the
    password (at least 10 characters); it is stored hashed (argon2id)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = str(click.prompt("Password", hide_input=True, confirmation_prompt=True))
    new = ctx.app().desk.add_editor(name, password)
    click.echo(f"editor {name} {'added' if new else 'has a new password'}")


@editors_command.command("list")
@pass_context
def editors_list(ctx: Context) -> None:
    for name in ctx.app().desk.editors():
        click.echo(name)


@editors_command.command("remove")
@click.argument("name")
@pass_context
def editors_remove(ctx: Context, name: str) -> None:
    if not ctx.app().desk.remove_editor(name):
        raise EditorialError(f"no editor {name!r}", Code.BAD_EDITOR)
    click.echo(f"editor {name} removed")


@click.command("draft")
@click.option("--date", "day", required=True, help="YYYY-MM-DD")
@click.option("--reader", "readers", multiple=True, help="Reader group (country code, "
              "repeat) [default: setting readers].")
@click.option("--for", "reader", help="A stored reader's name: a personal briefing.")
@pass_context
def draft_command(ctx: Context, day: str, readers: tuple[str, ...], reader: str | None
                  ) -> None:
    """Compose the briefing of a day and record it as a draft, for editors to sign off
    in the web edition (never over a published briefing)."""
    gb = ctx.reading(False)
    briefing = gb.brief(day, list(readers) or None, reader=reader)
    if any(p.id == briefing.id for p in gb.published(day)):
        raise EditorialError(f"{briefing.id} is published already: correct it in the web "
                             "edition instead", Code.BAD_EDIT)
    click.echo(f"draft {gb.save_draft(briefing)} ({len(briefing.stories)} stories)")


def _site(ctx: Context, site: str | None) -> str:
    from geobrief.publish.email import DEFAULT_SITE

    return (site or ctx.settings.site_url or DEFAULT_SITE).rstrip("/")


@click.command("feeds")
@click.option("--out", required=True, type=click.Path(file_okay=False),
              help="Folder: edition.{rss,atom,json} and readers/NAME.{rss,atom,json}.")
@click.option("--site", help="The web edition's public address [default: setting site_url].")
@pass_context
def feeds_command(ctx: Context, out: str, site: str | None) -> None:
    """Write the feeds of published editions and of each reader's personal briefings
    (RSS 2.0, Atom, JSON Feed 1.1), with the permalinks the web edition serves."""
    from geobrief.publish.feeds import FORMATS, edition_feed, render_feed

    news = ctx.app().newsroom
    base = _site(ctx, site)
    folder = Path(out)
    store = sqlite_path(ctx.settings.db)
    feeds = [("edition", edition_feed(base, news.issues(news.editions())))]
    for reader in news.readers():
        feeds.append((f"readers/{reader}",
                      edition_feed(base, news.issues(news.personal(reader)), reader=reader)))
    written = 0
    for stem, feed in feeds:
        target = folder / stem
        target.parent.mkdir(parents=True, exist_ok=True)
        for fmt in FORMATS:
            write_output(target.with_name(f"{target.name}.{fmt}"), render_feed(feed, fmt),
                         store)
            written += 1
    click.echo(f"{written} feeds written to {out}/ ({len(feeds[0][1].entries)} editions)")


@click.command("email")
@click.option("--date", "day", required=True, help="YYYY-MM-DD: the published edition.")
@click.option("--for", "reader", help="A reader's personal briefing instead of the edition.")
@click.option("--send", is_flag=True, help="Send through the SMTP server of the settings.")
@click.option("--out", type=click.Path(file_okay=False), help="Write DATE.eml to a folder.")
@click.option("--to", "recipients", multiple=True, help="Recipient (repeat) [default: "
              "setting email_to].")
@pass_context
def email_command(ctx: Context, day: str, reader: str | None, send: bool, out: str | None,
                  recipients: tuple[str, ...]) -> None:
    """Email a published edition: HTML (CSS inlined) and plain text, every link absolute;
    sent by SMTP (settings smtp_*; the password from $GEOBRIEF_SMTP_PASSWORD) or written
    as a .eml file."""
    from geobrief.plugins import registry
    from geobrief.publish import email

    if send == bool(out):
        raise click.UsageError("give exactly one of --send and --out DIR")
    the_day = date.fromisoformat(day)
    news = ctx.app().newsroom
    issue = news.reader_issue(reader, the_day) if reader else news.edition(the_day)
    if issue is None:
        raise EditorialError(f"nothing published for {day}" + (f" for {reader}" if reader
                                                               else ""), Code.NO_SUCH_BRIEFING)
    titles = {s.key: s.title for s in registry().extra_sections}
    message = email.edition_message(issue, ctx.settings, titles,
                                    list(recipients) if recipients else None)
    if send:
        email.send(message, ctx.settings)
        click.echo(f"sent {issue.id} to {message['To']}")
        return
    assert out is not None
    Path(out).mkdir(parents=True, exist_ok=True)
    name = f"{day}-{reader}.eml" if reader else f"{day}.eml"
    target = write_output(Path(out) / name, message.as_string(), sqlite_path(ctx.settings.db))
    click.echo(f"wrote {target}")
