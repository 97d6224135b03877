"""Sentence by sentence on real news: noise, speakers, stances, forecasts and figures,
read through ``geobrief read`` and scored against ../shared/data/annotations/claims_dev.jsonl
(300 sentences annotated by hand; the guideline, GUIDELINE.md, is beside it).

Each annotated sentence becomes one document: its ``before`` context, a space, then the
sentence, dated by the article's publication date. ``geobrief read --json`` reads every
document in one run (a subprocess, as a user would call it); the read sentence that
overlaps the annotated one most (in characters) is the one scored.

Printed figures:

* noise: precision and recall of "is noise" (any label) and per label;
* well_formed: the share of annotated sentences read as exactly one sentence (the read
  sentence spans the annotated one, give or take white space);
* stance: accuracy over all sentences, and precision, recall and F1 per stance;
* speaker: accuracy as written and as resolved, over the sentences where the annotation
  or geobrief names a speaker (a sentence neither gives a speaker is left out, so the
  figure is not inflated by narration), and over all sentences;
* forecast: precision and recall of ``forecast``; actor accuracy over the sentences both
  call a forecast;
* figures: the share of annotated figures found (same value), and of those with the right
  quantity and attribution.

A name matches when the two agree after case folding and dropping a leading article, when
one is the other's acronym ("HRW", "Human Rights Watch"; "NATO"), or when their content
words overlap with a Jaccard of at least ``NAME_JACCARD``; a resolved speaker may match the
annotation's name without the gloss in brackets the annotators add ("Bakhtiar Amin (Iraqi
human rights minister)"). A quantity matches when its content words' F1 against the
annotation's is at least ``QUANTITY_F1``. Content words are read with a possessive dropped
("Florida's" and "Florida 's" are "Florida"). These rules are fixed here, for every system
alike.

``--context article`` reads each sentence after the whole article up to it (from
../shared/data's Timeline17 and Giveme5W1H texts), as geobrief reads an article; the
annotators resolved speakers with the article in view, so resolved names often lie
before the ~300-character ``before``. The default reads ``before`` alone.

``--part held`` scores only the held-out third (ids whose number is divisible by three),
``--part dev`` the other two thirds: rules are developed looking at ``dev`` only, and the
held-out figures show whether they generalise.

    python eval/claims_dev.py [--part all|dev|held] [--show FIELD] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import SHARED, DataMissing, print_figures, shared

NAME_JACCARD = 0.5
CONTEXT = "before"
QUANTITY_F1 = 0.4
STANCES = ("assert", "deny", "confirm", "not_confirm", "none")
NOISE = ("boilerplate", "byline", "comment", "promo")
_STOP = set("""a an the of in on at to for by from with and or its his her their this that
these those as is are was were be been has have had who which s""".split())
_WORD = re.compile(r"[\w']+")
_NUMBER_WORDS = {w: str(n) for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}


def load_annotations(path: Path | None = None) -> list[dict]:
    path = path or shared("annotations", "claims_dev.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def articles(records: list[dict]) -> dict[tuple[str, str], str]:
    """The full text of the annotated articles that ../shared/data holds, by (corpus,
    doc_id): Timeline17 topics by ``uid``, Giveme5W1H's news cluster by ``id``."""
    texts: dict[tuple[str, str], str] = {}
    for corpus in sorted({r["corpus"] for r in records}):
        source, _, name = corpus.partition("/")
        if source == "timeline17":
            path = SHARED / "timeline17" / name / "articles.json"
            if path.exists():
                for article in json.loads(path.read_text(encoding="utf-8")):
                    texts[(corpus, str(article["uid"]))] = article["text"]
        elif source == "giveme5w1h":
            path = SHARED / "giveme5w1h" / f"{name}.jsonl"
            if path.exists():
                for line in path.read_text(encoding="utf-8").splitlines():
                    article = json.loads(line)
                    texts[(corpus, str(article["id"]))] = article.get("text") or ""
    return texts


def document(record: dict, article: str | None = None) -> tuple[dict, int, int]:
    """The document read for one annotation, and where the sentence lies in it: the
    article up to the end of the sentence when ``article`` (its full text) holds the
    sentence after its ``before`` context, else the ``before`` context, a space and the
    sentence."""
    before = record.get("before") or ""
    prefix = f"{before} " if before else ""
    text = prefix + record["sentence"]
    at = article.find(text) if article else -1
    if article and at >= 0:
        text = article[:at + len(text)]
        prefix = article[:at + len(prefix)]
    doc = {"id": record["id"], "text": text, "published": record["published"]}
    return doc, len(prefix), len(text)


def read_all(docs: list[dict], geobrief: list[str] | None = None) -> dict[str, dict]:
    """``geobrief read --json`` over the documents, by id."""
    command = geobrief or [sys.executable, "-m", "geobrief"]
    with tempfile.TemporaryDirectory(prefix="geobrief-claims-") as tmp:
        path = Path(tmp) / "docs.jsonl"
        path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs),
                        encoding="utf-8")
        done = subprocess.run([*command, "--db", str(Path(tmp) / "unused.db"), "-q", "read",
                               "--json", str(path)], capture_output=True, text=True,
                              check=False)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"geobrief read failed ({done.returncode}): {done.stderr[-2000:]}")
    out = {}
    for line in done.stdout.splitlines():
        reading = json.loads(line)
        out[reading["id"]] = reading
    return out


def aligned(reading: dict, start: int, end: int) -> dict | None:
    """The read sentence overlapping [start, end) most."""
    best, most = None, 0
    for sentence in reading.get("sentences", []):
        shared_chars = min(end, sentence["end"]) - max(start, sentence["start"])
        if shared_chars > most:
            best, most = sentence, shared_chars
    return best


def _content(text: str | None) -> set[str]:
    # a possessive is its noun ("Florida's", tokenised "Florida 's"), not another word
    words = (re.sub(r"['\u2019]s?$", "", w.lower()) for w in _WORD.findall(text or ""))
    return {w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words if w} - _STOP


def _initials(name: str) -> str:
    """The acronym a name's capitalised words make: "Human Rights Watch" -> "HRW"."""
    return "".join(w[0] for w in re.findall(r"[A-Z][\w'-]*", name))


def _acronym_of(short: str, full: str) -> bool:
    """Whether ``short`` ("HRW", "NATO", "the UN", "U.N.") is the acronym of ``full``
    ("Human Rights Watch", "North Atlantic Treaty Organization", "United Nations")."""
    bare = re.sub(r"^(?:the|a|an)\s+", "", short.strip(), flags=re.I).replace(".", "")
    return bare.isupper() and 2 <= len(bare) <= 6 and " " not in bare and \
        _initials(re.sub(r"^(?:the|a|an)\s+", "", full.strip(), flags=re.I)) == bare


def same_name(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None

    def plain(name: str) -> str:
        return re.sub(r"^(?:the|a|an)\s+", "", " ".join(name.casefold().split()))

    if plain(a) == plain(b) or _acronym_of(a, b) or _acronym_of(b, a):
        return True
    wa, wb = _content(a), _content(b)
    return bool(wa | wb) and len(wa & wb) / len(wa | wb) >= NAME_JACCARD


def quantity_f1(predicted: str | None, gold: str | None) -> float:
    wp, wg = _content(predicted), _content(gold)
    both = len(wp & wg)
    # 2PR / (P + R) in one division: exactly QUANTITY_F1 when it is (3/7 and 3/8 give 0.4,
    # not the 0.39999999999999997 the two-step formula rounds to)
    return 2 * both / (len(wp) + len(wg)) if both else 0.0


def _numbers(value: str) -> tuple[str, ...]:
    words = [_NUMBER_WORDS.get(w.lower(), w) for w in _WORD.findall(value)]
    joined = " ".join(words).replace(",", "")
    return tuple(re.findall(r"\d+(?:\.\d+)?", joined))


def same_value(predicted: str, gold: str) -> bool:
    pn, gn = _numbers(predicted), _numbers(gold)
    if gn:
        return bool(pn) and set(gn) <= set(pn)
    return gold.casefold() in predicted.casefold()


@dataclass
class Scored:
    record: dict
    read: dict | None


def score(pairs: list[Scored]) -> dict[str, float | int]:
    figures: dict[str, float | int] = {"sentences": len(pairs),
                                       "unaligned": sum(1 for p in pairs if p.read is None)}
    figures.update(_noise(pairs))
    figures.update(_stance(pairs))
    figures.update(_speakers(pairs))
    figures.update(_forecasts(pairs))
    figures.update(_figures(pairs))
    return figures


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _field(pair: Scored, name: str, default: Any = None) -> Any:
    return pair.read.get(name, default) if pair.read is not None else default


def _noise(pairs: list[Scored]) -> dict[str, float]:
    out: dict[str, float] = {}
    for label in (None, *NOISE):
        def gold(p: Scored, label: str | None = label) -> bool:
            return p.record["noise"] is not None if label is None else p.record["noise"] == label

        def said(p: Scored, label: str | None = label) -> bool:
            noise = _field(p, "noise")
            return noise is not None if label is None else noise == label

        tp = sum(1 for p in pairs if gold(p) and said(p))
        fp = sum(1 for p in pairs if not gold(p) and said(p))
        fn = sum(1 for p in pairs if gold(p) and not said(p))
        name = "noise" if label is None else f"noise_{label}"
        precision, recall, _ = _prf(tp, fp, fn)
        out[f"{name}_precision"], out[f"{name}_recall"] = precision, recall
        if label is None:
            out["noise_gold"] = tp + fn
    whole = 0
    for p in pairs:
        if p.read is not None and p.record["well_formed"]:
            start, end = p.record["_span"]
            whole += abs(p.read["start"] - start) + abs(p.read["end"] - end) <= 2
    formed = sum(1 for p in pairs if p.record["well_formed"])
    out["well_formed_read_whole"] = whole / (formed or 1)
    return out


def _stance(pairs: list[Scored]) -> dict[str, float]:
    out: dict[str, float] = {"stance_accuracy": sum(
        1 for p in pairs if _field(p, "stance", "none") == p.record["stance"]) / len(pairs)}
    for stance in STANCES:
        tp = sum(1 for p in pairs if p.record["stance"] == stance == _field(p, "stance", "none"))
        fp = sum(1 for p in pairs if p.record["stance"] != stance == _field(p, "stance", "none"))
        fn = sum(1 for p in pairs if p.record["stance"] == stance != _field(p, "stance", "none"))
        out[f"stance_{stance}_precision"], out[f"stance_{stance}_recall"], \
            out[f"stance_{stance}_f1"] = _prf(tp, fp, fn)
        out[f"stance_{stance}_gold"] = tp + fn
    return out


_GLOSS = re.compile(r"\s*\([^()]*\)\s*$")


def same_resolved(said: str | None, gold: str | None) -> bool:
    """A resolved speaker matches the annotation's name with or without the gloss the
    annotators add in brackets ("Bakhtiar Amin (Iraqi human rights minister)": the
    guideline asks who the speaker is, "Dmitry Peskov"; the bracket says what they are),
    and a body matches its acronym ("NATO" and "North Atlantic Treaty Organization" name
    one body; the knowledge gives the full name)."""
    if said is None or gold is None:
        return said is None and gold is None
    for name in {gold, _GLOSS.sub("", gold)}:
        if same_name(said, name) or _acronym_of(said, name) or _acronym_of(name, said):
            return True
    return False


def _resolved(pair: Scored) -> str | None:
    value = _field(pair, "speaker_resolved")
    return value.get("name") if isinstance(value, dict) else value


def _speakers(pairs: list[Scored]) -> dict[str, float]:
    out: dict[str, float] = {}
    for name, gold_key, said, same in (
            ("speaker", "speaker", lambda p: _field(p, "speaker"), same_name),
            ("speaker_resolved", "speaker_resolved", _resolved, same_resolved)):
        named = [p for p in pairs if p.record[gold_key] is not None or said(p) is not None]
        right = [p for p in named if same(said(p), p.record[gold_key])]
        out[f"{name}_accuracy"] = len(right) / (len(named) or 1)
        out[f"{name}_accuracy_all"] = (len(right) + len(pairs) - len(named)) / len(pairs)
        out[f"{name}_scored"] = len(named)
    return out


def _forecasts(pairs: list[Scored]) -> dict[str, float]:
    said = [p for p in pairs if _field(p, "forecast") is not None]
    gold = [p for p in pairs if p.record["forecast"]]
    both = [p for p in said if p.record["forecast"]]
    precision, recall, f1 = _prf(len(both), len(said) - len(both), len(gold) - len(both))
    actors = sum(1 for p in both if same_name(_field(p, "forecast")["actor"],
                                              p.record["forecast_actor"]))
    return {"forecast_precision": precision, "forecast_recall": recall, "forecast_f1": f1,
            "forecast_gold": len(gold), "forecast_actor_accuracy": actors / (len(both) or 1)}


def _figures(pairs: list[Scored]) -> dict[str, float]:
    gold_total = found = typed = attributed = both_right = 0
    for p in pairs:
        predicted = list(_field(p, "figures", []) or [])
        for figure in p.record["figures"]:
            gold_total += 1
            match = next((f for f in predicted if same_value(f["value"], figure["value"])), None)
            if match is None:
                continue
            found += 1
            predicted.remove(match)
            quantity_ok = quantity_f1(match.get("quantity"), figure["quantity"]) >= QUANTITY_F1
            by_ok = same_name(match.get("attributed_to"), figure["attributed_to"])
            typed += quantity_ok
            attributed += by_ok
            both_right += quantity_ok and by_ok
    n = gold_total or 1
    return {"figures_gold": gold_total, "figures_found": found / n,
            "figures_quantity": typed / n, "figures_attributed": attributed / n,
            "figures_correct": both_right / n}


def held_out(record: dict) -> bool:
    """The held-out third: ids whose number is divisible by three."""
    return int(record["id"].rsplit("-", 1)[-1]) % 3 == 0


def part(records: list[dict], name: str) -> list[dict]:
    if name == "all":
        return records
    return [r for r in records if held_out(r) == (name == "held")]


def evaluate(records: list[dict] | None = None, context: str = CONTEXT
             ) -> tuple[dict[str, float | int], list[Scored]]:
    records = records if records is not None else load_annotations()
    texts = articles(records) if context == "article" else {}
    docs = []
    for record in records:
        doc, start, end = document(record, texts.get((record["corpus"], record["doc_id"])))
        record["_span"] = (start, end)
        docs.append(doc)
    readings = read_all(docs)
    pairs = [Scored(r, aligned(readings[r["id"]], *r["_span"]) if r["id"] in readings else None)
             for r in records]
    return score(pairs), pairs


def _figure_disagreements(pair: Scored) -> list[str]:
    """Each annotated figure of one sentence read wrong (missed, or its quantity or
    attribution wrong), matched to a read figure as ``_figures`` matches it."""
    predicted = list(_field(pair, "figures", []) or [])
    out = []
    for figure in pair.record["figures"]:
        match = next((f for f in predicted if same_value(f["value"], figure["value"])), None)
        if match is None:
            out.append(f"  missed {figure['value']!r} ({figure['quantity']!r}, "
                       f"{figure['attributed_to']!r})")
            continue
        predicted.remove(match)
        quantity_ok = quantity_f1(match.get("quantity"), figure["quantity"]) >= QUANTITY_F1
        by_ok = same_name(match.get("attributed_to"), figure["attributed_to"])
        if not (quantity_ok and by_ok):
            out.append(f"  {figure['value']!r}: "
                       f"{'' if quantity_ok else 'QUANTITY '}{'' if by_ok else 'BY '}"
                       f"(f1 {quantity_f1(match.get('quantity'), figure['quantity']):.2f}) "
                       f"gold=({figure['quantity']!r}, {figure['attributed_to']!r}) "
                       f"read=({match.get('quantity')!r}, {match.get('attributed_to')!r})")
    return out


def _show(pairs: list[Scored], field_name: str, limit: int) -> None:
    """Print the sentences where geobrief and the annotation disagree on one field."""
    shown = 0
    if field_name == "figures":
        for p in pairs:
            wrong = _figure_disagreements(p)
            if wrong:
                print(f"{p.record['id']}: {p.record['sentence']}\n" + "\n".join(wrong))
                shown += 1
                if shown >= limit:
                    return
        return
    for p in pairs:
        gold = p.record.get(field_name)
        said = _field(p, field_name)
        if field_name == "speaker_resolved":
            said = _resolved(p)
        if field_name == "forecast_actor":  # over the sentences both call a forecast
            forecast = _field(p, "forecast")
            if not (forecast and p.record["forecast"]):
                continue
            said = forecast["actor"]
        if field_name == "speaker_resolved":
            wrong = not same_resolved(said, gold)
        elif field_name in ("speaker", "forecast_actor"):
            wrong = not same_name(said, gold)
        elif field_name == "forecast":
            wrong = bool(gold) != (said is not None)
        else:
            wrong = said != gold
        if wrong:
            print(f"{p.record['id']}: gold={gold!r} read={said!r}\n    {p.record['sentence']}")
            shown += 1
            if shown >= limit:
                return


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", help="list disagreements on this field (noise, stance, "
                        "speaker, speaker_resolved, forecast, forecast_actor, figures)")
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--part", choices=("all", "dev", "held"), default="all",
                        help="score all sentences, the development two thirds, or the "
                        "held-out third")
    parser.add_argument("--context", choices=("article", "before"), default=CONTEXT,
                        help="read each sentence after the article up to it (as geobrief "
                        "reads an article), or after the annotation's ~300-character "
                        "'before' alone")
    args = parser.parse_args(argv)
    try:
        figures, pairs = evaluate(part(load_annotations(), args.part), args.context)
    except DataMissing as exc:
        print(f"data missing: {exc}", file=sys.stderr)
        return 2
    print_figures(figures)
    if args.show:
        _show(pairs, args.show, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(_main())
