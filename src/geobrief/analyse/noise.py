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

import ahocorasick


class Noise(StrEnum):
    BOILERPLATE = "boilerplate"
    BYLINE = "byline"
    COMMENT = "comment"
    PROMO = "promo"


_OPEN = r"(?:\(|-LRB-)\s*"
_CLOSE = r"\s*(?:\)|-RRB-)"

class Rules:
    """Patterns, each tried only when its text holds one of its key words (lower case),
    found in one pass by an Aho-Corasick automaton: far cheaper than trying every regular
    expression over every sentence."""

    def __init__(self, *rules: tuple[str, str], short: str | None = None,
                 flags: int = re.I) -> None:
        self.patterns = [re.compile(pattern, flags) for _needles, pattern in rules]
        self.keys = ahocorasick.Automaton()
        for n, (needles, _pattern) in enumerate(rules):
            for needle in needles.split("|"):
                found = self.keys.get(needle, ())
                self.keys.add_word(needle, (*found, n))
        self.keys.make_automaton()
        self.short = re.compile(short, flags) if short else None

    def search(self, text: str, low: str | None = None) -> bool:
        """Whether a pattern matches ``text`` (``low``: the text in lower case, if known)."""
        if self.short is not None and len(text) <= SHORT and self.short.search(text):
            return True
        tried: set[int] = set()
        for _end, rules in self.keys.iter(text.lower() if low is None else low):
            for n in rules:
                if n not in tried:
                    tried.add(n)
                    if self.patterns[n].search(text):
                        return True
        return False


SHORT = 80  # navigation and credit lines are short
_BOILERPLATE = Rules(
    ("privacy", r"\bprivacy (?:policy|notice|statement)\b"),
    ("cookie", r"\bcookies?\b.{0,60}\b(?:use|accept|policy|settings|consent)"),
    ("terms", r"\bterms (?:of|and) (?:service|use|conditions)\b"),
    ("rules", r"\brules of conduct\b|\bhouse rules\b"),
    ("reserved", r"\ball rights reserved\b"),
    ("©|copyright", r"^\s*(?:©|copyright\b)"),
    ("comment", r"\bcomments? (?:are|is) (?:not )?(?:pre-screened|moderated|closed|reactively)"
                r"|\bwe welcome comments\b|\bviews expressed in the comments\b"
                r"|\bnotify me of follow-up comments\b|\b(?:post|leave|add) a comment\b"
                r"|\byour comments (?:may|will)\b|\bcomments? may be (?:published|edited)"
                r"|\b(?:sign|log) ?in to comment\b"),
    ("discussion", r"\bdiscussion is (?:now )?closed\b"),
    ("displayed", r"\brequired, but will not be displayed\b"),
    ("notify me", r"\bnotify me of new posts\b"),
    ("contact details", r"\byour contact details (?:may|will)\b"),
    ("send", r"\bsend (?:us )?your (?:pictures|photos|videos|comments|experiences)\b"),
    ("email", r"\bemail (?:us|them) (?:at|to)\b"),
    ("please ensure", r"\bplease ensure you have read\b"),
    ("{", r"\{(?:current|total|\w+_\w+)\}"),
    ("retweet", r"\bRETWEET\b"),
    ("javascript", r"\bjavascript must be (?:turned on|enabled)|\benable javascript\b"),
    ("not responsible", r"\bnot responsible for the content (?:of external|in this press)"),
    ("amended|corrected|updated|clarification",
     r"\bthis (?:article|story|post) (?:was|has been) (?:amended|corrected|updated)\b"
     r"|^this has been corrected\.?$|\bcorrections? (?:and|&) clarifications\b"),
    ("edition", r"^(?:you've|you have) selected the .{1,30} edition"),
    ("subscri", r"\bsubscribe (?:to|now|today|for)\b"
                r"|\bsubscription\b.{0,40}\b(?:offer|required|expired|only)\b"),
    short=r"^(?:Photograph|Photo|Picture|Image|Illustration|Credit|Photo credit)s?\s*:"
    r"|^(?:[\w.'-]+\s){0,4}(?:/|\\/)\s?(?:Getty Images|AFP|AP|Reuters|EPA|PA)\s*\.?$"
    rf"|^{_OPEN}(?:AP|AFP|Reuters|Getty)[^()]{{0,40}}Photo[^()]{{0,40}}{_CLOSE}\.?$"
    r"|^(?:advertisement|sponsored content|related(?: articles| stories| content)?|"
    r"read more|see also|more on this story|most popular|top stories|share this|share|tweet|"
    r"email|print|comments|continue reading\W*|click here\b.*|watch(?: the)? video|back|next|"
    r"previous|play video|image \d+ of \d+|\d+ of \d+|loading\W*)\W*$",
)
_PROMO = Rules(
    ("sign up|newsletter", r"\bsign up (?:for|to) (?:our|the)\b.{0,40}"
     r"(?:newsletter|alerts|emails?)|\bnewsletter\b.{0,40}\b(?:sign up|subscribe|inbox)\b"),
    ("app", r"\b(?:download|get) (?:our|the) (?:free )?app\b"),
    ("podcast", r"\bpodcast\b"),
    ("follow", r"\bfollow (?:us|@\w+|\w+ \w+|the latest [\w ,]+) on "
               r"(?:twitter|facebook|instagram|x)\b|\bfollow this blog\b"),
    ("tune in|weeknight", r"\btune in (?:to|for|at)\b|\bweeknights? at \d"),
    ("covers the action", r"\bcovers the action\b"),
    ("book", r"\bbuy the (?:e-?book|book)\b"),
    ("notifications", r"\breceive notifications\b"),
    ("watch", r"\bwatch .{1,40} (?:on|at) \d{1,2}(?::\d{2})? ?(?:[ap]\.?m\.?|ET|GMT)\b"),
    ("quiz", r"\b(?:weekly|daily) quiz\b"),
    ("listen", r"\blisten to (?:the )?.{0,30}(?:podcast|radio|reports)\b"),
)
_BYLINE = Rules(
    ("reporting|writing|editing|edited|compiled|research",
     rf"^{_OPEN}(?:Additional\s+)?(?:Reporting|Writing|Editing|Edited|Compiled|Research)\s+"
     rf"(?:by|from)\b.*{_CLOSE}\s*\.?$"
     r"|^(?:Additional\s+)?(?:Reporting|Writing|Editing) by\s+[A-Z][\w.'-]+ [A-Z]"),
    ("contributed", r"\bcontributed (?:to )?(?:this|the) (?:report|story|article)\b"),
    ("by |von |par |por ", r"^(?:By|Von|Par|Por)\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}"
     r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}){0,3}\.?$"
     r"|^\S.{0,40}\|\s*By\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}(?:,\s*[\w .]{2,30})?"
     r"\.?$|^(?:Written|Reported|Compiled) by\s+[A-Z]"),
    ("writer|reporter|correspondent|editor",
     r"^(?:[A-Z][a-z]+ ){1,3}is an? (?:staff )?(?:writer|reporter|correspondent|editor) "
     r"(?:for|at)"),
    short=rf"^{_OPEN}?(?:end|ends)\)?\.?$",
    flags=0,
)
# the lines that open a reader-comment section or stand between its comments
_COMMENTS_OPEN = Rules(
    ("comment", r"\bviews expressed in the comments\b|\bcomments are not pre-screened\b"
                r"|\bwe welcome comments\b|^\d+ comments\b|^(?:showing|displaying) \d+ "
                r"comments\b|\bleave a comment\b"),
    ("responses|replies|leave a reply", r"^\d+ (?:responses|replies)\b|\bleave a reply\b"),
    ("reply|report abuse|recommend", r"\|\s*(?:reply|report abuse)\b"
                                      r"|^(?:reply|report abuse|recommend)\s*\|?$"),
    ("courteous", r"\blively and courteous discussion\b"),
    ("moderated", r"\ball posts are reactively-moderated\b"),
    # a reader's signature: "At 5:56 pm on 26 Jun 2009, crikey wrote:", "March 21, 2011 at
    # 9:14 am |"
    ("wrote", r"\b\d{1,2}:\d{2}\s*[ap]\.?m\.?\b.{0,40}\bwrote\s*:"),
    (" at ", r"\b\d{1,2},? \d{4},? at \d{1,2}:\d{2}\s*[ap]\.?m\.?\s*\|"),
)
_COMMENT_STAMP = Rules(
    ("reply|report abuse", r"\b\d{1,2}:\d{2}\s*[ap]\.?m\.?\s*\|\s*(?:reply|report abuse)\b"
          r"|\|\s*(?:reply|report abuse)\s*\|"),
    ("posted by|written by", r"^(?:posted|written) by \w+ (?:on|at) "),
)
# "Arlington, Va.: You say..." (a reader's question in a live chat)
_CHAT_QUESTION = re.compile(
    r"^[A-Z][\w'-]*(?:[ .,]+[A-Z][\w'.-]*){0,3}\s?:\s+(?=(?:You|Your|Why|How|What|Is|Are|Do|"
    r"Does|Can|Could|Should|Would|Will|I|My|Thanks|Thank)\b)")
_VOICE = re.compile(r"(?<![\w'])(?:I|I'm|I've|I'd|I'll|me|my|mine|myself)(?![\w'])"
                    r"|(?<![\w'])i(?= (?:am|think|hope|have|was|do|don't|can|will|would|"
                    r"feel|believe|know|agree)\b)")
_WORDS = re.compile(r"[A-Za-z']+")
_VOICE_KEYS = frozenset("I I'm I've I'd I'll me my mine myself i".split())
_EXCLAIM = re.compile(r"!{2,}|\?{2,}|\?!|!\?")
# a teaser cut short: a long sentence that ends mid-word with an ellipsis, no quotation open
_TEASER = re.compile(r"^.{150,}\s\w{1,12}\s?(?:\.{2,}|\u2026|\.\s\.)$")
# a sidebar's kicker in capitals between two teasers ("... calendar STAR BURST Fancy ...")
_KICKER = re.compile(r"[a-z?!.]\s(?:[A-Z]{4,}\s){1,3}[A-Z][a-z]")
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


def intrinsic_noise(text: str, low: str | None = None) -> Noise | None:
    """The label a sentence (``plain``; ``low``, in lower case) carries on its own,
    whatever its document."""
    low = text.lower() if low is None else low
    if _BYLINE.search(text, low):
        return Noise.BYLINE
    if _COMMENT_STAMP.search(text, low):
        return Noise.COMMENT
    if _BOILERPLATE.search(text, low):
        return Noise.BOILERPLATE
    if _PROMO.search(text, low) and not _ATTRIBUTED.search(text):
        return Noise.PROMO
    if _TEASER.match(text) and not quote_open_after(text, False):
        return Noise.BOILERPLATE
    if _KICKER.search(text):
        return Noise.BOILERPLATE
    return None


def opens_comments(text: str, low: str | None = None) -> bool:
    """Whether a sentence (``plain``) opens a comment section or stands between comments."""
    return _COMMENTS_OPEN.search(text, low)


def attributed_or_quoted(sentence: str) -> bool:
    """Whether a sentence reports someone's words: the mark of news, not of a comment."""
    text = plain(sentence)
    return bool(_ATTRIBUTED.search(text) or _QUOTE_MARKS.search(text))


def reader_voice(text: str, quoted_before: bool) -> bool:
    """Whether a sentence (``plain``) speaks in a reader's own voice: a question to the
    chat, or I/my (or a doubled exclamation) outside any quotation, with no one it is
    attributed to."""
    if ":" in text[:60] and _CHAT_QUESTION.match(text):
        return True
    exclaims = ("!" in text or "?" in text) and _EXCLAIM.search(text)
    if not exclaims and not _VOICE_KEYS.intersection(_WORDS.findall(text)):
        return False
    unquoted = outside_quotes(text, quoted_before)
    if not unquoted.strip() or _ATTRIBUTED.search(unquoted):
        return False
    return bool(_VOICE.search(unquoted) or _EXCLAIM.search(unquoted))
