"""Markdown: one document per briefing, numbered source notes per story."""

from __future__ import annotations

from geobrief.compose.render.common import (
    Sources,
    band_label,
    extra_sections,
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
        f"## {n}. {story.title}",
        "",
        f"*{story_meta(story)}*",
        "",
        "### At a glance",
        "",
    ]
    out += [f"- {line.text} {_refs(sources, line)}" for line in story.at_a_glance]
    out += ["", "### What is happening?", ""]
    for line in story.what_is_happening:
        label = status_label(line)
        tag = f" *({label})*" if label else ""
        out.append(f"- {line.text}{tag} {_refs(sources, line)}")
    out += ["", "### What is in it for you?", ""]
    for code, lines in story.what_is_in_it_for_you.items():
        out.append(f"**Readers in {reader_name(code)}**")
        out.append("")
        for line in lines:
            label = band_label(line)
            tag = f" *({label})*" if label else ""
            out.append(f"- {line.text}{tag} {_refs(sources, line)}")
        out.append("")
    out += ["### What happens next?", ""]
    for line in story.what_happens_next:
        label = band_label(line)
        who = f"**{line.actor}**: " if line.actor else ""
        tag = f" *({label})*" if label else ""
        out.append(f"- {who}{line.text}{tag} {_refs(sources, line)}")
    out += ["", "### Previously", ""]
    if story.previously:
        out += [f"- {p.date}: {p.title}" for p in story.previously]
    else:
        out.append("- This is the first briefing on this story.")
    for title, lines in extra_sections(story):
        out += ["", f"### {title}", ""]
        out += [f"- {line.text} {_refs(sources, line)}" for line in lines]
    out += ["", "**Sources**", ""]
    for number, c in enumerate(sources.order, 1):
        if c.kind == "article":
            out.append(f"{number}. {c.label}, {c.published}: [{c.title}]({c.url})")
        else:
            link = f" <{c.url}>" if c.url else ""
            out.append(f"{number}. {c.label}{link}")
    out.append("")
    return out


def render_markdown(briefing: Briefing) -> str:
    readers = ", ".join(reader_name(r) for r in briefing.readers)
    out = [
        f"# Daily briefing, {briefing.date.isoformat()}",
        "",
        f"Edition for readers in {readers}. {len(briefing.stories)} stories. "
        f"Every sentence cites its sources; numbers in brackets refer to each story's "
        f"source list.",
        "",
    ]
    for n, story in enumerate(briefing.stories, 1):
        out += _story(story, n)
    out.append(f"*Written by the {briefing.generator} at {briefing.generated_at}.*")
    return "\n".join(out) + "\n"
