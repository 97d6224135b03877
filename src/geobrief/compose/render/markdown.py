"""Markdown: one document per briefing, numbered source notes per story.

Every piece of text that came from a source (titles, sentences, names, conditions, URLs)
goes through ``md_text`` or ``md_url``: the document renders as the same plain text in any
Markdown renderer, whatever HTML or Markdown a hostile source put in its title."""

from __future__ import annotations

from geobrief.compose.render.common import (
    Sources,
    band_label,
    counted,
    extra_sections,
    md_text,
    md_url,
    more_count,
    reader_name,
    status_label,
    story_meta,
)
from geobrief.models import Briefing, Line, StoryBrief


def _refs(sources: Sources, line: Line) -> str:
    return "".join(f"[{n}]" for n in sources.numbers(line))


def _story(story: StoryBrief, n: int) -> list[str]:
    sources = Sources()
    out = [
        f"## {n}. {md_text(story.title)}",
        "",
        f"*{md_text(story_meta(story))}*",
        "",
        "### At a glance",
        "",
    ]
    out += [f"- {md_text(line.text)} {_refs(sources, line)}" for line in story.at_a_glance]
    out += ["", "### What is happening?", ""]
    for line in story.what_is_happening:
        label = status_label(line)
        tag = f" *({md_text(label)})*" if label else ""
        out.append(f"- {md_text(line.text)}{tag} {_refs(sources, line)}")
    out += ["", "### What is in it for you?", ""]
    for code, lines in story.what_is_in_it_for_you.items():
        out.append(f"**Readers in {md_text(reader_name(code))}**")
        out.append("")
        for line in lines:
            label = band_label(line)
            tag = f" *({md_text(label)})*" if label else ""
            out.append(f"- {md_text(line.text)}{tag} {_refs(sources, line)}")
        out.append("")
    if story.no_tie:
        out += [f"- {md_text(story.no_tie.text)} {_refs(sources, story.no_tie)}", ""]
    out += ["### What happens next?", ""]
    for line in story.what_happens_next:
        label = band_label(line)
        who = f"**{md_text(line.actor)}**: " if line.actor else ""
        tag = f" *({md_text(label)})*" if label else ""
        out.append(f"- {who}{md_text(line.text)}{tag} {_refs(sources, line)}")
    out += ["", "### Previously", ""]
    out += [f"- {md_text(line.text)} {_refs(sources, line)}" for line in story.since]
    if story.previously:
        out += [f"- {md_text(p.date)}: {md_text(p.title)}" for p in story.previously]
    elif story.previously_above:
        out.append(f"- As under story {story.previously_above} above.")
    else:
        out.append("- First briefing on this story.")
    for title, lines in extra_sections(story):
        out += ["", f"### {md_text(title)}", ""]
        out += [f"- {md_text(line.text)} {_refs(sources, line)}" for line in lines]
    out += ["", "**Sources**", ""]
    for number, c in enumerate(sources.order, 1):
        url = md_url(c.url)
        if c.kind == "article":
            title = md_text(c.title or c.url)
            out.append(f"{number}. {md_text(c.label)}, {md_text(c.published)}: "
                       + (f"[{title}]({url})" if url else title))
        else:
            link = f" <{url}>" if url else ""
            out.append(f"{number}. {md_text(c.label)}{link}")
    out.append("")
    return out


def _also_today(stories: list[tuple[int, StoryBrief]]) -> list[str]:
    """Stories over the length budget, one line each (their sections are in the JSON)."""
    out = ["## Also today", ""]
    for n, story in stories:
        cites = story.at_a_glance[0].citations if story.at_a_glance else []
        url = md_url(cites[0].url) if cites else ""
        title = md_text(story.title)
        out.append(f"- {n}. " + (f"[{title}]({url})" if url else title)
                   + f" ({counted(story.articles, 'report')})")
    return out + [""]


def render_markdown(briefing: Briefing) -> str:
    readers = md_text(", ".join(reader_name(r) for r in briefing.readers))
    out = [
        f"# Daily briefing, {briefing.date.isoformat()}",
        "",
        f"Edition for readers in {readers}. {len(briefing.stories)} stories. "
        f"Every sentence cites its sources; numbers in brackets refer to each story's "
        f"source list.",
        "",
    ]
    if briefing.notice:
        out += [f"**{md_text(briefing.notice)}**", ""]
    more = sum(more_count(s) for s in briefing.stories)
    if more:
        out += [f"This is the {briefing.length} length; the HTML and JSON editions keep "
                f"{counted(more, 'further line')} one click away.", ""]
    folded = []
    for n, story in enumerate(briefing.stories, 1):
        if story.folded:
            folded.append((n, story))
        else:
            out += _story(story, n)
    if folded:
        out += _also_today(folded)
    out.append(f"*Written by the {md_text(briefing.generator)} at "
               f"{md_text(briefing.generated_at)}.*")
    return "\n".join(out) + "\n"
