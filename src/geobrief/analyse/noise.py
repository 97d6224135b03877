"""What a single document shows of page furniture: sentences that are not news.

Labels, as the annotation guideline defines them (``Noise``):

* ``boilerplate``: site furniture: privacy, cookie and terms text, comment-moderation notices,
  photo credits, navigation and template text, correction notices, social-feed widgets,
  a link's call to action ("Read the speech in full here");
* ``byline``: an author, dateline or wire tag standing alone ("By Jane Doe, CNN",
  "(Reporting by ...; Editing by ...)", "The Associated Press contributed to this report.");
* ``comment``: a reader's comment: inside a comment section (after a moderation notice or
  a "Reply | Report abuse" line), signed with a comment's time stamp, a reader's question in
  a live chat ("Arlington, Va.: You say..."), told in a reader's own voice (I, my)
  outside any quotation and attributed to no one (not in a transcript's named turns), or
  an unattributed opinion carrying on a reader's thread (``voice_cues``);
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

    def search(self, text: str, low: str | None = None, keys: Keys | None = None) -> bool:
        """Whether a pattern matches ``text`` (``low``: the text in lower case, if known;
        ``keys``: the key words of every rule set it holds, if known)."""
        if self.short is not None and len(text) <= SHORT and self.short.search(text):
            return True
        if keys is not None:
            found = keys.get(self)
            return found is not None and any(self.patterns[n].search(text) for n in found)
        tried: set[int] = set()
        for _end, rules in self.keys.iter(text.lower() if low is None else low):
            for n in rules:
                if n not in tried:
                    tried.add(n)
                    if self.patterns[n].search(text):
                        return True
        return False


Keys = dict[Rules, set[int]]  # the rules of each set whose key words a sentence holds


class RuleIndex:
    """The key words of several rule sets in one automaton: one pass over a sentence
    tells which patterns of each set are worth trying (most sentences hold none)."""

    def __init__(self, *sets: Rules) -> None:
        self.keys = ahocorasick.Automaton()
        for rules in sets:
            for needle, numbers in rules.keys.items():
                found = self.keys.get(needle, ())
                self.keys.add_word(needle, (*found, *((rules, n) for n in numbers)))
        self.keys.make_automaton()

    def scan(self, low: str) -> Keys:
        """The rules of each set whose key words ``low`` (lower case) holds."""
        found: Keys = {}
        for _end, pairs in self.keys.iter(low):
            for rules, n in pairs:
                found.setdefault(rules, set()).add(n)
        return found


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
    # a link's call to action: "Read the speech in full here", "Get the figures here"
    (" here", r"^(?:get|read|see|view|find|download|watch|click|explore|listen to|check out)"
             r"\b[^.?!]{0,40}?\bhere\b"),
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
    ("our app|the app|free app", r"\b(?:download|get) (?:our|the) (?:free )?app\b"),
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
     r"\.?$|^(?:Written|Reported|Compiled) by\s+[A-Z]"
     r"|^By\s+the\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s+[Ss]taff\.?$"),  # CNN Wire Staff
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
_VOICE_WORDS = re.compile(r"\b(?:I|me|my|mine|myself|i)\b")  # a fast superset of _VOICE
_EXCLAIM = re.compile(r"!{2,}|\?{2,}|\?!|!\?")
# a teaser cut short: a long sentence that ends mid-word with an ellipsis, no quotation open
_TEASER = re.compile(r"^.{150,}\s\w{1,12}\s?(?:\.{2,}|\u2026|\.\s\.)$")
_TEASER_ENDS = ("..", "\u2026", ". .")  # the cheap test first: most sentences end otherwise
# a sidebar's kicker in capitals between two teasers ("... calendar STAR BURST Fancy ...")
_KICKER = re.compile(r"[a-z?!.]\s(?:[A-Z]{4,}\s){1,3}[A-Z][a-z]")
_PTB = (("-LRB-", "("), ("-RRB-", ")"), ("-LSB-", "["), ("-RSB-", "]"), ("-LCB-", "{"),
        ("-RCB-", "}"), ("``", '"'), ("''", '"'), (" .", "."), (" ,", ","), (" ?", "?"),
        (" !", "!"), (" :", ":"), (" ;", ";"), ("( ", "("), (" )", ")"), ("{ ", "{"),
        (" }", "}"), ("\\/", "/"))
# someone's words reported, or a correspondent's interview told in the first person ("I
# spoke to the Arab League's secretary-general", "a protester I interviewed"): news, not a
# reader's voice (who talks "to a friend", "to him", "to my lawyers")
_ATTRIBUTED = re.compile(
    r"(?i:\b(?:said|says|say|told|tells|according to|asked|added|wrote|writes|stated|"
    r"explained|recalled|insisted|argued|warned|noted|declared|announced|reported|quoted)\b)|"
    r"\bI (?:had |have |'ve )?interviewed\b|"
    r"\b(?:spoke|talked) (?:to|with) (?:the |[A-Z])")
_QUOTE_MARKS = re.compile(r"``|''|[\"\u201c\u201d\u201e\u00ab\u00bb]")


_OPENS = ("``", "\u201c", "\u201e", "\u00ab")
_CLOSES = ("''", "\u201d", "\u00bb")


def _opens(sentence: str, mark: re.Match[str], inside: bool) -> bool:
    """Whether the quotation mark ``mark`` opens a quotation. Curly and PTB marks say so;
    a straight one is told by its spacing, as typesetters do: after a space and before a
    word it opens, after a word and before a space or punctuation it closes (so a context
    that starts inside a quotation does not read the rest of the text inside out); else it
    opens what is not open."""
    token = mark.group(0)
    if token in _OPENS:
        return True
    if token in _CLOSES:
        return False
    before = sentence[mark.start() - 1:mark.start()]
    after = sentence[mark.end():mark.end() + 1]
    space_before = not before or before.isspace() or before in "([{\u2013\u2014-/"
    space_after = not after or after.isspace() or after in ".,;:!?)]}"
    if space_before != space_after:
        return space_before
    return not inside


def outside_quotes(sentence: str, opened: bool) -> str:
    """The parts of ``sentence`` that are not quoted; ``opened`` when a quotation from an
    earlier sentence is still open at its start. A closing mark with no quotation open
    closes one opened before what we see: what precedes it was quoted."""
    parts: list[str] = []
    inside, at = opened, 0
    for mark in _QUOTE_MARKS.finditer(sentence):
        opens = _opens(sentence, mark, inside)
        if not inside and not opens and parts:
            parts.pop()
        elif not inside:
            parts.append(sentence[at:mark.start()])
        inside = opens
        at = mark.end()
    if not inside:
        parts.append(sentence[at:])
    return " ".join(parts)


def quote_open_after(sentence: str, opened: bool) -> bool:
    """Whether a quotation is still open at the end of ``sentence``."""
    if '"' not in sentence and not _QUOTE_MARKS.search(sentence):
        return opened
    inside = opened
    for mark in _QUOTE_MARKS.finditer(sentence):
        inside = _opens(sentence, mark, inside)
    return inside


def plain(sentence: str) -> str:
    """One line, single spaces, and PTB-tokenised text (research corpora of real news)
    read as ordinary punctuation, for the rules to match."""
    text = sentence  # most sentences: ASCII with single spaces already
    if not (text.isascii() and text.isprintable()) or "  " in text or \
            text[:1] == " " or text[-1:] == " ":
        text = " ".join(text.split())
    if "-LRB-" in text or "``" in text or " ." in text or "-LCB-" in text:
        for old, new in _PTB:
            text = text.replace(old, new)
    return text


def key_words(low: str) -> Keys:
    """The rules of every rule set whose key words a sentence (in lower case) holds: found
    once, for ``intrinsic_noise``, ``opens_comments`` and ``may_opine``."""
    return _INDEX.scan(low)


def intrinsic_noise(text: str, low: str | None = None, keys: Keys | None = None
                    ) -> Noise | None:
    """The label a sentence (``plain``; ``low``, in lower case) carries on its own,
    whatever its document."""
    low = text.lower() if low is None else low
    keys = key_words(low) if keys is None else keys
    if _BYLINE.search(text, low, keys):
        return Noise.BYLINE
    if _COMMENT_STAMP.search(text, low, keys):
        return Noise.COMMENT
    if _PROMO.search(text, low, keys) and not _ATTRIBUTED.search(text):
        return Noise.PROMO  # before boilerplate: a promotion often holds a link's words
    if _BOILERPLATE.search(text, low, keys):
        return Noise.BOILERPLATE
    if text.endswith(_TEASER_ENDS) and _TEASER.match(text) and \
            not quote_open_after(text, False):
        return Noise.BOILERPLATE
    if _KICKER.search(text):
        return Noise.BOILERPLATE
    return None


def opens_comments(text: str, low: str | None = None, keys: Keys | None = None) -> bool:
    """Whether a sentence (``plain``) opens a comment section or stands between comments."""
    return _COMMENTS_OPEN.search(text, low, keys)


def attributed_or_quoted(sentence: str) -> bool:
    """Whether a sentence reports someone's words: the mark of news, not of a comment."""
    text = plain(sentence)
    return bool(_ATTRIBUTED.search(text) or _QUOTE_MARKS.search(text))


# Weaker marks of a reader's voice, none enough alone (reporters and interviewees say "we"
# and "you" and ask questions too): the plural or second person (lower-case "us", not the
# US), a question or an exclamation, a sentence shouted in capitals.
_PLURAL_VOICE = re.compile(r"(?<![\w'])(?:[Ww]e|[Ww]e're|[Ww]e've|[Ww]e'd|[Ww]e'll|us|[Oo]ur|"
                           r"[Oo]urs|[Yy]ou|[Yy]ou're|[Yy]ou've|[Yy]ou'd|[Yy]ou'll|[Yy]our|"
                           r"[Yy]ours)(?![\w'])")
# an opinion or a speculation in the writer's own name, not a report of what happened
_OPINION = re.compile(
    r"\b(?:should(?:n't| not)?|must|ought to|(?<!the )(?<!a )needs? to|"
    r"it is (?:time|wrong|right|absurd|ridiculous|sad|shameful|obvious)|"
    r"it's (?:time|wrong|obvious)|(?:could|would|might|should) have|could be|maybe|perhaps|"
    r"simply|seriously|obviously|of course|in reality)\b", re.I)


# a transcript's turn: "CROWLEY: Let me ask you...", "AHMED SHAFIQ, EGYPTIAN PRIME MINISTER:",
# "INTERNATIONAL CORRESPONDENT (via telephone):": the voice that follows is the named
# speaker's, not a reader's
_TURN = re.compile(r"^(?:[A-Z][A-Z.'-]+(?:\s*,\s*|\s+)){0,7}[A-Z][A-Z.'-]+\s*"
                   r"(?:\([^()]{1,40}\)\s*)?:\s")


def transcript_turn(text: str) -> bool:
    """Whether a sentence (``plain``) opens a speaker's turn in a transcript."""
    if ":" not in text[:120]:
        return False
    turn = _TURN.match(text)  # a name, not initials ("D.C.: Why..." asks a chat)
    return turn is not None and re.search(r"[A-Z]{3}", turn.group(0)) is not None


_OPINION_KEYS = Rules(("should|must|ought to|need to|needs to|it is |it's |could have|"
                       "would have|might have|could be|maybe|perhaps|simply|seriously|"
                       "obviously|of course|in reality", _OPINION.pattern))
_LOWER_RUN = re.compile(r"[a-z]{3}")


def may_opine(text: str, low: str, keys: Keys | None = None) -> bool:
    """Whether a sentence (``plain``; ``low``, in lower case) holds an opinion's words at
    all: the cheap test before ``voice_cues``."""
    return _OPINION_KEYS.search(text, low, keys)


_INDEX = RuleIndex(_BYLINE, _COMMENT_STAMP, _PROMO, _BOILERPLATE, _COMMENTS_OPEN, _OPINION_KEYS)


def voice_cues(text: str, quoted_before: bool) -> tuple[int, int]:
    """How many weak marks of a reader's voice, and of an opinion in the writer's own name,
    a sentence (``plain``) shows outside any quotation; (0, 0) when it is attributed to
    someone. Alone they do not make a comment; beside another comment they do
    (``analyse.document``)."""
    unquoted = outside_quotes(text, quoted_before)
    if not unquoted.strip() or _ATTRIBUTED.search(unquoted):
        return 0, 0
    voice = (bool(_PLURAL_VOICE.search(unquoted)) + ("?" in unquoted) + ("!" in unquoted)
             + _shouted(unquoted))
    return voice, int(bool(_OPINION.search(unquoted)))


def _shouted(text: str) -> bool:
    """In capitals: a dozen capital letters and no run of three small ones."""
    return not _LOWER_RUN.search(text) and sum(map(str.isupper, text)) >= 12


def reader_voice(text: str, quoted_before: bool) -> bool:
    """Whether a sentence (``plain``) speaks in a reader's own voice: a question to the
    chat, or I/my (or a doubled exclamation) outside any quotation, with no one it is
    attributed to."""
    if ":" in text[:60] and _CHAT_QUESTION.match(text):
        return True
    exclaims = ("!" in text or "?" in text) and _EXCLAIM.search(text)
    if not exclaims and not _VOICE_WORDS.search(text):
        return False
    unquoted = outside_quotes(text, quoted_before)
    if not unquoted.strip() or _ATTRIBUTED.search(unquoted):
        return False
    return bool(_VOICE.search(unquoted) or _EXCLAIM.search(unquoted))
