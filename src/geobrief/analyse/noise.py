"""What a single document shows of page furniture: sentences that are not news.

Labels, as the annotation guideline defines them (``Noise``):

* ``boilerplate``: site furniture: privacy, cookie and terms text, comment-moderation notices,
  photo credits, navigation and template text, correction notices, social-feed widgets;
* ``byline``: an author, dateline or wire tag standing alone ("By Jane Doe, CNN",
  "(Reporting by ...; Editing by ...)", "The Associated Press contributed to this report.");
* ``comment``: a reader's comment: inside a comment section (after a moderation notice or
  a "Reply | Report abuse" line), signed with a comment's time stamp, a reader's question in
  a live chat ("Arlington, Va.: You say..."), or told in a reader's own voice (I, my, you)
  outside any quotation and attributed to no one;
* ``promo``: a promotion of a programme, newsletter, podcast, book or social account.

These rules look at one document only; the store adds the lines an outlet repeats across
its articles (``store.furniture``). Both feed ``analyse.document``.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Noise(StrEnum):
    BOILERPLATE = "boilerplate"
    BYLINE = "byline"
    COMMENT = "comment"
    PROMO = "promo"


def _any(*patterns: str, flags: int = re.I) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


_OPEN = r"(?:\(|-LRB-)\s*"
_CLOSE = r"\s*(?:\)|-RRB-)"

_BYLINE = _any(
    rf"^{_OPEN}(?:Additional\s+)?(?:Reporting|Writing|Editing|Edited|Compiled|Research)\s+"
    rf"(?:by|from)\b.*{_CLOSE}\s*\.?$",
    r"^(?:Additional\s+)?(?:Reporting|Writing|Editing) by\s+[A-Z][\w.'-]+ [A-Z]",
    r"\bcontributed (?:to )?(?:this|the) (?:report|story|article)\b",
    r"^(?:By|Von|Par|Por)\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}){0,3}\.?$",
    r"^\S.{0,40}\|\s*By\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}(?:,\s*[\w .]{2,30})?\.?$",
    r"^(?:Written|Reported|Compiled) by\s+[A-Z]",
    r"^(?:[A-Z][a-z]+ ){1,3}is an? (?:staff )?(?:writer|reporter|correspondent|editor) (?:for|at)",
    r"^{_OPEN}?(?:end|ends)\)?\.?$".replace("{_OPEN}", _OPEN),
    flags=0,
)
_BOILERPLATE = _any(
    r"\bprivacy (?:policy|notice|statement)\b", r"\bcookies?\b.{0,60}\b(?:use|accept|policy|"
    r"settings|consent)", r"\bterms (?:of|and) (?:service|use|conditions)\b",
    r"\brules of conduct\b", r"\bhouse rules\b", r"\ball rights reserved\b",
    r"^\s*(?:©|copyright\b)",
    r"\bcomments? (?:are|is) (?:not )?(?:pre-screened|moderated|closed|reactively)",
    r"\bdiscussion is (?:now )?closed\b", r"\bwe welcome comments\b",
    r"\bviews expressed in the comments\b", r"\brequired, but will not be displayed\b",
    r"\bnotify me of (?:follow-up comments|new posts)\b", r"\b(?:post|leave|add) a comment\b",
    r"\byour (?:comments|contact details) (?:may|will)\b",
    r"\bcomments? may be (?:published|edited)",
    r"\bsend (?:us )?your (?:pictures|photos|videos|comments|experiences)\b",
    r"\bemail (?:us|them) (?:at|to)\b", r"\bplease ensure you have read\b",
    r"^(?:Photograph|Photo|Picture|Image|Illustration|Credit|Photo credit)s?\s*:",
    r"^(?:[\w.'-]+\s){0,4}(?:/|\\/)\s?(?:Getty Images|AFP|AP|Reuters|EPA|PA)\s*\.?$",
    rf"^{_OPEN}(?:AP|AFP|Reuters|Getty)[^()]{{0,40}}Photo[^()]{{0,40}}{_CLOSE}\.?$",
    r"\{(?:current|total|\w+_\w+)\}", r"\bRETWEET\b", r"\bjavascript must be (?:turned on|enabled)",
    r"\benable javascript\b", r"\bnot responsible for the content of external\b",
    r"\bthis (?:article|story|post) (?:was|has been) (?:amended|corrected|updated)\b",
    r"^this has been corrected\.?$", r"\bcorrections? (?:and|&) clarifications\b",
    r"^(?:advertisement|sponsored content|related(?: articles| stories| content)?|"
    r"read more|see also|more on this story|most popular|top stories|share this|share|tweet|"
    r"email|print|comments|continue reading\W*|click here\b.*|watch(?: the)? video|back|next|"
    r"previous|play video|image \d+ of \d+|\d+ of \d+|loading\W*)\W*$",
    r"^(?:you've|you have) selected the .{1,30} edition",
    r"\bis not responsible for the content in this press release\b",
    r"\bsubscribe (?:to|now|today|for)\b", r"\bsubscription\b.{0,40}\b(?:offer|required|"
    r"expired|only)\b",
    r"\bsign in to (?:comment|reply)\b", r"\blog ?in to (?:comment|reply)\b",
)
_PROMO = _any(
    r"\bsign up (?:for|to) (?:our|the)\b.{0,40}"
    r"(?:newsletter|alerts|emails?)", r"\bnewsletter\b.{0,40}\b(?:sign up|subscribe|inbox)\b",
    r"\b(?:download|get) (?:our|the) (?:free )?app\b", r"\bpodcast\b",
    r"\bfollow (?:us|@\w+|\w+ \w+|the latest [\w ,]+) on (?:twitter|facebook|instagram|x)\b",
    r"\btune in (?:to|for|at)\b", r"\bweeknights? at \d", r"\bcovers the action\b",
    r"\bbuy the (?:e-?book|book)\b", r"\bfollow this blog\b", r"\breceive notifications\b",
    r"\bwatch .{1,40} (?:on|at) \d{1,2}(?::\d{2})? ?(?:[ap]\.?m\.?|ET|GMT)\b",
    r"\b(?:weekly|daily) quiz\b", r"\blisten to (?:the )?.{0,30}(?:podcast|radio|reports)\b",
)
# the lines that open a reader-comment section or stand between its comments
_COMMENTS_OPEN = _any(
    r"\bviews expressed in the comments\b", r"\bcomments are not pre-screened\b",
    r"\bwe welcome comments\b", r"^\d+ (?:comments|responses|replies)\b",
    r"^(?:showing|displaying) \d+ comments\b", r"\bleave a (?:comment|reply)\b",
    r"\|\s*(?:reply|report abuse)\b", r"^(?:reply|report abuse|recommend)\s*\|?$",
    r"\blively and courteous discussion\b", r"\ball posts are reactively-moderated\b",
)
_COMMENT_STAMP = _any(
    r"\b\d{1,2}:\d{2}\s*[ap]\.?m\.?\s*\|\s*(?:reply|report abuse)\b",
    r"\|\s*(?:reply|report abuse)\s*\|",
    r"^(?:posted|written) by \w+ (?:on|at) ",
)
# "Arlington, Va.: You say..." (a reader's question in a live chat)
_CHAT_QUESTION = re.compile(
    r"^[A-Z][\w'-]*(?:[ .,]+[A-Z][\w'.-]*){0,3}\s?:\s+(?=(?:You|Your|Why|How|What|Is|Are|Do|"
    r"Does|Can|Could|Should|Would|Will|I|My|Thanks|Thank)\b)")
_VOICE = re.compile(r"(?<![\w'])(?:I|I'm|I've|I'd|I'll|me|my|mine|myself)(?![\w'])"
                    r"|(?<![\w'])i(?= (?:am|think|hope|have|was|do|don't|can|will|would|"
                    r"feel|believe|know|agree)\b)")
_EXCLAIM = re.compile(r"!{2,}|\?{2,}|\?!|!\?")
# a teaser cut short: a long sentence that ends mid-word with an ellipsis, no quotation open
_TEASER = re.compile(r"^.{150,}\s\w{1,12}\s?(?:\.\.\.|\u2026|\.\s\.)$")
_PTB = (("-LRB-", "("), ("-RRB-", ")"), ("-LSB-", "["), ("-RSB-", "]"), ("-LCB-", "{"),
        ("-RCB-", "}"), ("``", '"'), ("''", '"'), (" .", "."), (" ,", ","), (" ?", "?"),
        (" !", "!"), (" :", ":"), (" ;", ";"), ("( ", "("), (" )", ")"), ("{ ", "{"),
        (" }", "}"), ("\\/", "/"))
_ATTRIBUTED = re.compile(
    r"\b(?:said|says|say|told|tells|according to|asked|added|wrote|writes|stated|explained|"
    r"recalled|insisted|argued|warned|noted|declared|announced|reported|quoted)\b", re.I)
_QUOTE_MARKS = re.compile(r"``|''|[\"\u201c\u201d\u201e\u00ab\u00bb]")


def _after(token: str, inside: bool) -> bool:
    """Whether a quotation is open after the quotation mark ``token``."""
    if token in ("``", "\u201c", "\u201e", "\u00ab"):
        return True
    if token in ("''", "\u201d", "\u00bb"):
        return False
    return not inside  # a straight quotation mark opens or closes


def outside_quotes(sentence: str, opened: bool) -> str:
    """The parts of ``sentence`` that are not quoted; ``opened`` when a quotation from an
    earlier sentence is still open at its start."""
    parts, inside, at = [], opened, 0
    for mark in _QUOTE_MARKS.finditer(sentence):
        if not inside:
            parts.append(sentence[at:mark.start()])
        inside = _after(mark.group(0), inside)
        at = mark.end()
    if not inside:
        parts.append(sentence[at:])
    return " ".join(parts)


def quote_open_after(sentence: str, opened: bool) -> bool:
    """Whether a quotation is still open at the end of ``sentence``."""
    inside = opened
    for mark in _QUOTE_MARKS.finditer(sentence):
        inside = _after(mark.group(0), inside)
    return inside


def plain(sentence: str) -> str:
    """One line, single spaces, and PTB-tokenised text (research corpora of real news)
    read as ordinary punctuation, for the rules to match."""
    text = " ".join(sentence.split())
    if "-LRB-" in text or "``" in text or " ." in text or "-LCB-" in text:
        for old, new in _PTB:
            text = text.replace(old, new)
    return text


def intrinsic_noise(sentence: str) -> Noise | None:
    """The label a sentence carries on its own, whatever its document."""
    text = plain(sentence)
    if _BYLINE.search(text):
        return Noise.BYLINE
    if _COMMENT_STAMP.search(text):
        return Noise.COMMENT
    if _BOILERPLATE.search(text):
        return Noise.BOILERPLATE
    if _PROMO.search(text) and not _ATTRIBUTED.search(text):
        return Noise.PROMO
    if _TEASER.match(text) and not _QUOTE_MARKS.search(text):
        return Noise.BOILERPLATE
    return None


def opens_comments(sentence: str) -> bool:
    return bool(_COMMENTS_OPEN.search(plain(sentence)))


def attributed_or_quoted(sentence: str) -> bool:
    """Whether a sentence reports someone's words: the mark of news, not of a comment."""
    text = plain(sentence)
    return bool(_ATTRIBUTED.search(text) or _QUOTE_MARKS.search(text))


def reader_voice(sentence: str, quoted_before: bool) -> bool:
    """Whether a sentence speaks in a reader's own voice: a question to the chat, or I/my
    (or a doubled exclamation) outside any quotation, with no one it is attributed to."""
    text = plain(sentence)
    if _CHAT_QUESTION.match(text):
        return True
    unquoted = outside_quotes(text, quoted_before)
    if not unquoted.strip() or _ATTRIBUTED.search(unquoted):
        return False
    return bool(_VOICE.search(unquoted) or _EXCLAIM.search(unquoted))
