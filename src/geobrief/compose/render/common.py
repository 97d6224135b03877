"""What every renderer shares: section titles, reader names and numbered citations."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from geobrief.knowledge.load import bundled_knowledge
from geobrief.models import Citation, Line, StoryBrief


def section_titles() -> list[tuple[str, str]]:
    """(key, title) of every story section, built-in and from plugins, in order."""
    from geobrief.plugins import registry

    return [(s.key, s.title) for s in registry().sections]


def extra_sections(story: StoryBrief) -> list[tuple[str, list[Line]]]:
    """(title, lines) of the sections plugins added to this story."""
    from geobrief.plugins import registry

    return [(s.title, story.extra.get(s.key, [])) for s in registry().extra_sections]


def counted(n: int, noun: str) -> str:
    """"1 report", "3 reports"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def story_meta(story: StoryBrief) -> str:
    """"2024-11-22 · 3 reports · 2 independent publishers from 2 countries; 1 state-funded
    · following since 2024-11-21" (the publishers of the day's reports)."""
    who = story.diversity or counted(story.sources, "independent source")
    return (f"{story.date} · {counted(story.articles, 'report')} · {who} · "
            f"following since {story.first_seen}")


def reader_name(code: str) -> str:
    return bundled_knowledge().country_name(code)


def status_label(line: Line) -> str:
    """The claim's status in words, when the ledger knows more than 'reported'."""
    statuses = [c.status for c in line.claims or [] if c.status]
    status = statuses[0] if statuses else None
    if line.stance == "range" or status in (None, "reported"):
        return ""
    return f"claim {status}"


def possessive(name: str) -> str:
    """"Reuters'", "U.S. officials'", "the United States'", "Obama's", "Congress's": a
    plural or a name in -s (not -ss) takes the apostrophe alone."""
    return f"{name}'" if name.endswith("s") and not name.endswith("ss") else f"{name}'s"


def band_label(line: Line) -> str:
    """The outlook's label: the source's own hedging, named as theirs ("likely, 55–80 %,
    in the words of Reuters"), or a party's statement of its own intent (no band: it is
    that party's claim, not an estimate); with the horizon and the condition."""
    if line.estimate == "party":
        label = f"{possessive(line.estimate_by or 'the party')} own statement, not an estimate"
    elif line.band and line.p:
        low, high = line.p
        label = f"{line.band}, {round(low * 100)}–{round(high * 100)} %"
        if line.estimate_by:
            label += f", in the words of {line.estimate_by}"
    elif line.horizon or line.condition:
        label = "no estimate given"
    else:
        return ""
    label += f", by {line.horizon}" if line.horizon else ""
    return label + (f"; {line.condition}" if line.condition else "")


SECTION_TITLES = {"at_a_glance": "At a glance", "what_is_happening": "What is happening?",
                  "what_happens_next": "What happens next?", "since": "What changed"}


def more_title(key: str) -> str:
    """The heading of a section's further lines (``StoryBrief.more`` keys)."""
    if key.startswith("what_is_in_it_for_you:"):
        return f"For readers in {reader_name(key.split(':', 1)[1])}"
    return SECTION_TITLES.get(key, key)


def more_count(story: StoryBrief) -> int:
    return sum(len(lines) for lines in story.more.values())


@dataclass
class Sources:
    """Numbers each distinct citation of a story once, in order of first use."""

    order: list[Citation] = field(default_factory=list)
    index: dict[tuple[str, str, str], int] = field(default_factory=dict)

    def number(self, citation: Citation) -> int:
        key = (citation.kind, citation.url, citation.label)
        if key not in self.index:
            self.order.append(citation)
            self.index[key] = len(self.order)
        return self.index[key]

    def numbers(self, line: Line) -> list[int]:
        return sorted({self.number(c) for c in line.citations})


def all_lines(story: StoryBrief) -> list[Line]:
    lines = list(story.at_a_glance) + list(story.what_is_happening)
    for reader_lines in story.what_is_in_it_for_you.values():
        lines.extend(reader_lines)
    return lines + list(story.what_happens_next)


# --- text from sources, made safe for each output --------------------------------------

# the Markdown punctuation that can open emphasis, code, a link or image (all of which need
# a "["), a table cell or a strikethrough inside a line; text is always set inside a line
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def safe_url(url: str | None) -> str:
    """``url`` when it is an http(s) URL, else "": a stored URL is a source's claim, and a
    ``javascript:`` or ``data:`` link must never reach a rendered page."""
    if not url:
        return ""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return ""
    return url.strip() if scheme in ("http", "https") else ""


def md_text(text: str | None) -> str:
    """Source-controlled text as inert Markdown: one line, HTML characters as entities and
    Markdown punctuation escaped, so that no renderer (Python-Markdown passes raw HTML
    through by default) turns a hostile title into markup, a link or a script."""
    flat = " ".join((text or "").split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", flat)


def md_url(url: str | None) -> str:
    """A URL for a Markdown link destination: http(s) only (else ""), with the characters
    that could end the link or open markup percent-encoded."""
    return quote(safe_url(url), safe="/:?&=#%+,;@!$'*~.-_")
