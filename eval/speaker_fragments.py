"""How many speakers are clause fragments, on one Timeline17 topic read through
``geobrief read`` (the issue counted 345 of 5,583 attributions as fragments: "Saturday at
the Munich Security Conference", "Although Vice President Joe Biden", "He went on to").

A speaker counts as a fragment when, by rules fixed here for every system alike, it is not
a noun phrase: it begins with a subordinator, conjunction, preposition or time word, ends
with a preposition, article or auxiliary, or holds a finite verb or a clause word.

    python eval/speaker_fragments.py [--topic LibyaWar_cnn] [--geobrief CMD] [--show 20]
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import sys
from pathlib import Path

from claims_dev import read_all
from common import DataMissing, print_figures, shared

_START = re.compile(
    r"^(?:although|though|while|whilst|when|if|because|since|after|before|as|but|and|or|so|"
    r"unless|whereas|that|which|who|where|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|today|yesterday|tomorrow|on|in|at|by|with|from|to|of|for|during|last|earlier|"
    r"later|then|also|said|says|told)\b", re.I)
_END = re.compile(r"\b(?:of|in|at|by|with|from|to|for|on|the|a|an|and|or|has|have|had|is|are|"
                  r"was|were|will|would|could|can|to)$", re.I)
_INSIDE = re.compile(r"\b(?:is|are|was|were|has|have|had|did|does|will|would|could|should|"
                     r"went|go|goes|came|said|says|told|that|which|when|while|because|"
                     r"n't|not)\b", re.I)


def fragment(speaker: str) -> bool:
    text = speaker.strip(" ,.;:\"'")
    if text.lower() in ("he", "she", "it", "they", "we", "i"):
        return False
    return bool(_START.match(text) or _END.search(text) or _INSIDE.search(text))


def documents(topic: str) -> list[dict]:
    path = shared("timeline17", topic, "articles.json")
    articles = json.loads(path.read_text(encoding="utf-8"))
    return [{"id": str(a["uid"]), "text": a["text"], "published": a["dct"][:10]}
            for a in articles]


def run(topic: str, geobrief: list[str] | None = None) -> tuple[dict, list[str]]:
    readings = read_all(documents(topic), geobrief)
    speakers = [s["speaker"] for r in readings.values() for s in r["sentences"]
                if s.get("speaker")]
    bad = [s for s in speakers if fragment(s)]
    return ({"documents": len(readings), "attributions": len(speakers),
             "fragments": len(bad), "fragment_rate": len(bad) / (len(speakers) or 1)}, bad)


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--topic", default="LibyaWar_cnn")
    parser.add_argument("--geobrief", help="command that runs geobrief (default: this one)")
    parser.add_argument("--show", type=int, default=0, help="print this many fragments")
    args = parser.parse_args(argv)
    try:
        figures, bad = run(args.topic, shlex.split(args.geobrief) if args.geobrief else None)
    except DataMissing as exc:
        print(f"data missing: {exc}", file=sys.stderr)
        return 2
    print_figures(figures)
    for speaker in bad[:args.show]:
        print(f"  {speaker}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(_main())
