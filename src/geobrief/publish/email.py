"""An edition by email: an HTML part with its CSS inlined (css-inline: mail readers drop
<style>) and a plain-text part, every link absolute; sent by SMTP or written as .eml.

Needs the web extra (Jinja2, css-inline). The SMTP password is read from the environment
variable the setting ``smtp_password_env`` names, never from a file."""

from __future__ import annotations

import os
import smtplib
import ssl
from datetime import UTC
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from geobrief.compose.render.common import reader_name
from geobrief.compose.render.html import _CSS
from geobrief.errors import Code, EditorialError, SettingsError
from geobrief.newsroom import Issue
from geobrief.publish.feeds import permalink
from geobrief.settings import Settings

DEFAULT_SITE = "http://127.0.0.1:8000"


def _render_html(issue: Issue, site: str, extra_titles: dict[str, str]) -> str:
    try:
        import css_inline
        from jinja2 import Environment, FileSystemLoader, select_autoescape
    except ImportError as exc:
        raise SettingsError('email needs the web extra: pip install "geobrief[web]"',
                            Code.EXTRA_MISSING) from exc
    from geobrief.web.site import NoMissingAttribute
    from geobrief.web.views import briefing_view

    env = Environment(loader=FileSystemLoader(str(Path(__file__).with_name("templates"))),
                      autoescape=select_autoescape(default=True), undefined=NoMissingAttribute)
    html = env.get_template("email.html").render(
        css=_CSS, title=_title(issue), subtitle=_subtitle(issue), link=permalink(site, issue.id),
        site=site.rstrip("/"), corrections=issue.corrections,
        view=briefing_view(issue.briefing, extra_titles, issue.corrections))
    return str(css_inline.inline(html))


def _title(issue: Issue) -> str:
    if issue.reader:
        return f"Personal briefing for {issue.reader}, {issue.date}"
    return f"Daily briefing, {issue.date}"


def _subtitle(issue: Issue) -> str:
    return "For readers in " + ", ".join(reader_name(r) for r in issue.briefing.readers)


def plain_text(issue: Issue, site: str) -> str:
    """The briefing as plain text: every story's sections, numbered sources with URLs."""
    from geobrief.compose.render.common import Sources
    from geobrief.editorial import sections
    from geobrief.web.views import TITLES

    out = [_title(issue), _subtitle(issue), permalink(site, issue.id), ""]
    for c in issue.corrections:
        out.append(f"Correction ({c.at.strftime('%Y-%m-%d %H:%M')} UTC): {c.note}")
    for n, story in enumerate(issue.briefing.stories, 1):
        sources = Sources()
        out += ["", f"{n}. {story.title}", "=" * min(72, len(story.title) + 4)]
        for key, lines in sections(story):
            if not lines:
                continue
            if key.startswith("for_you:"):
                title = f"What is in it for you? Readers in {reader_name(key[8:])}"
            else:
                title = TITLES.get(key, key.removeprefix("extra:"))
            out += ["", title]
            for line in lines:
                refs = "".join(f"[{i}]" for i in sources.numbers(line))
                out.append(f"- {line.text} {refs}".rstrip())
        out += ["", "Sources"]
        for i, cited in enumerate(sources.order, 1):
            out.append(f"[{i}] {cited.label}"
                       + (f", {cited.published}" if cited.published else "")
                       + (f": {cited.title}" if cited.title else "")
                       + (f" <{cited.url}>" if cited.url else ""))
    return "\n".join(out) + "\n"


def edition_message(issue: Issue, settings: Settings, extra_titles: dict[str, str],
                    recipients: list[str] | None = None) -> EmailMessage:
    site = settings.site_url or DEFAULT_SITE
    message = EmailMessage()
    message["Subject"] = _title(issue)
    message["From"] = settings.email_from
    to = recipients if recipients is not None else _recipients(settings)
    if to:
        message["To"] = ", ".join(to)
    message["Date"] = format_datetime(issue.updated.replace(tzinfo=UTC))
    message["Message-ID"] = make_msgid(domain="geobrief")
    message["List-Unsubscribe"] = f"<{site.rstrip('/')}/>"
    message.set_content(plain_text(issue, site))
    message.add_alternative(_render_html(issue, site, extra_titles), subtype="html")
    return message


def _recipients(settings: Settings) -> list[str]:
    return [a.strip() for a in settings.email_to.split(",") if a.strip()]


def send(message: EmailMessage, settings: Settings) -> None:
    """Send ``message`` through the configured SMTP server (GB805 when it fails)."""
    if not message.get_all("To"):
        raise SettingsError("no recipients: set email_to (comma-separated addresses)")
    password = os.environ.get(settings.smtp_password_env, "")
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port,
                          timeout=settings.timeout) as smtp:
            if settings.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.smtp_user:
                smtp.login(settings.smtp_user, password)
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise EditorialError(f"cannot send by SMTP via {settings.smtp_host}:"
                             f"{settings.smtp_port}: {exc}", Code.SEND_FAILED) from exc
