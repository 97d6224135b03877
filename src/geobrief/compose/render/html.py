"""One self-contained HTML page per briefing: inline CSS, readable on a phone, printable,
every citation a link to its source.

Every text is escaped, links are http(s) only, and each page carries a strict
Content-Security-Policy: no script, no remote resource, only its own inline style (by
hash), so that even an escaping mistake could not run a source's script."""

from __future__ import annotations

import base64
import hashlib
from html import escape
from pathlib import Path

from geobrief.compose.render.common import (
    Sources,
    band_label,
    counted,
    extra_sections,
    more_count,
    more_title,
    reader_name,
    safe_url,
    status_label,
    story_meta,
)
from geobrief.models import Briefing, Line, StoryBrief

_CSS = (Path(__file__).with_name("style.css")).read_text(encoding="utf-8")
_CSS_HASH = base64.b64encode(hashlib.sha256(_CSS.encode("utf-8")).digest()).decode("ascii")
CSP = (f"default-src 'none'; style-src 'sha256-{_CSS_HASH}'; img-src 'self' data:; "
       "base-uri 'none'; form-action 'none'")


def _refs(sources: Sources, line: Line, prefix: str) -> str:
    return "".join(
        f'<sup><a class="ref" href="#{prefix}-src-{n}">[{n}]</a></sup>'
        for n in sources.numbers(line)
    )


def _items(lines: list[Line], sources: Sources, prefix: str, with_band: bool = False) -> str:
    out = []
    for line in lines:
        text = escape(line.text)
        if not with_band and line.band:  # an outlook line elsewhere still shows its band
            text += f' <span class="band">{escape(band_label(line))}</span>'
        status = status_label(line)
        if status:
            text += f' <span class="band">{escape(status)}</span>'

        if with_band:
            who = f'<span class="actor">{escape(line.actor)}</span>: ' if line.actor else ""
            label = band_label(line)
            tag = f' <span class="band">{escape(label)}</span>' if label else ""
            text = f"{who}{text}{tag}"
        out.append(f"<li>{text} {_refs(sources, line, prefix)}</li>")
    return "<ul>" + "".join(out) + "</ul>"


def _story(story: StoryBrief, n: int) -> str:
    prefix = f"s{n}"
    sources = Sources()
    opening = f'<article class="story" id="{prefix}">'
    if story.folded:  # over the length budget: its title, the story one click away
        opening = (f'<details class="story folded" id="{prefix}"><summary>{n}. '
                   f"{escape(story.title)}</summary>")
    parts = [
        opening,
        f"<h2>{n}. {escape(story.title)}</h2>",
        f'<p class="meta">{escape(story_meta(story))}</p>',
        "<h3>At a glance</h3>",
        _items(story.at_a_glance, sources, prefix),
        "<h3>What is happening?</h3>",
        _items(story.what_is_happening, sources, prefix),
        "<h3>What is in it for you?</h3>",
    ]
    for code, lines in story.what_is_in_it_for_you.items():
        parts.append(f"<h4>Readers in {escape(reader_name(code))}</h4>")
        parts.append(_items(lines, sources, prefix))
    if story.no_tie is not None:
        parts.append(_items([story.no_tie], sources, prefix))
    parts += [
        "<h3>What happens next?</h3>",
        _items(story.what_happens_next, sources, prefix, with_band=True),
        "<h3>Previously</h3>",
    ]
    if story.since:
        parts.append(_items(story.since, sources, prefix))
    if story.previously:
        items = "".join(
            f"<li>{escape(p.date)}: "
            + (
                f'<a href="{escape(p.date)}.html">{escape(p.title)}</a>'
                if p.briefing
                else escape(p.title)
            )
            + "</li>"
            for p in story.previously
        )
        parts.append(f"<ul>{items}</ul>")
    elif story.previously_above:
        parts.append(f"<p>As under story {story.previously_above} above.</p>")
    else:
        parts.append("<p>First briefing on this story.</p>")
    for title, lines in extra_sections(story):
        parts += [f"<h3>{escape(title)}</h3>", _items(lines, sources, prefix)]
    if story.more:  # what the length budget left out: one click away
        parts.append(f'<details class="more"><summary>'
                     f"{escape(counted(more_count(story), 'further line'))}</summary>")
        for key, lines in story.more.items():
            parts += [f"<h4>{escape(more_title(key))}</h4>",
                      _items(lines, sources, prefix, with_band=key == "what_happens_next")]
        parts.append("</details>")
    parts.append('<h3>Sources</h3><ol class="sources">')
    for number, c in enumerate(sources.order, 1):
        anchor = f'id="{prefix}-src-{number}"'
        url = safe_url(c.url)
        if c.kind == "article":
            title = escape(c.title or c.url)
            parts.append(
                f"<li {anchor}>{escape(c.label)}, {escape(c.published or '')}: "
                + (f'<a href="{escape(url)}">{title}</a>' if url else title) + "</li>"
            )
        else:
            link = f' <a href="{escape(url)}">{escape(url)}</a>' if url else ""
            parts.append(f"<li {anchor}>{escape(c.label)}{link}</li>")
    parts.append("</ol></details>" if story.folded else "</ol></article>")
    return "\n".join(parts)


def page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head>"
        f"<body><main>{body}</main></body></html>\n"
    )


def _also_today(briefing: Briefing) -> str:
    folded = [(n, s) for n, s in enumerate(briefing.stories, 1) if s.folded]
    if not folded:
        return ""
    return ('<section class="also"><h2>Also today</h2>'
            + "\n".join(_story(s, n) for n, s in folded) + "</section>")


def render_html(briefing: Briefing) -> str:
    readers = ", ".join(reader_name(r) for r in briefing.readers)
    toc = "".join(
        f'<li><a href="#s{n}">{escape(s.title)}</a></li>' for n, s in enumerate(briefing.stories, 1)
    )
    body = (
        f'<header class="briefing"><h1>Daily briefing, {briefing.date.isoformat()}</h1>'
        f"<p>Edition for readers in {escape(readers)} · {len(briefing.stories)} stories · "
        "every sentence cites its sources</p>"
        + (f'<p class="notice">{escape(briefing.notice)}</p>' if briefing.notice else "")
        + "</header>"
        f'<nav class="toc"><ol>{toc}</ol></nav>'
        + "\n".join(_story(s, n) for n, s in enumerate(briefing.stories, 1) if not s.folded)
        + _also_today(briefing)
        + f"<footer>Written by the {escape(briefing.generator)} at "
        f"{escape(briefing.generated_at)}.</footer>"
    )
    return page(f"geobrief · {briefing.date.isoformat()}", body)
