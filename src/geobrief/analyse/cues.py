"""One sentence's cues on its own, without document context: who says it, the stance, and
how sure the source sounds. A thin view of ``analyse/attribution.py`` and
``analyse/forecasts.py`` for callers that read single sentences; documents are read with
``analyse.claims.claim_readings``, which also resolves speakers from context. The
estimative bands follow the standard scale of words of estimative probability (ICD 203;
see docs/formats.md for the word-to-band table).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from geobrief.analyse.attribution import attribute, plain
from geobrief.analyse.forecasts import BANDS, band_of, forecast_cue
from geobrief.models import Stance

__all__ = ["BANDS", "Cues", "analyse_sentence", "find_hedge", "find_speaker"]


@dataclass(frozen=True)
class Cues:
    speaker: str | None
    stance: Stance
    hedge: str | None
    band: str | None
    forward: bool


def find_speaker(sentence: str) -> str | None:
    """Who a sentence attributes its content to, as written ("Kremlin spokesman Dmitry Peskov")."""
    return attribute(plain(sentence)).speaker


def find_hedge(sentence: str) -> tuple[str | None, str | None]:
    """The source's own estimative words and the band they map to (None, None without)."""
    band, words = band_of(plain(sentence))
    return words, band


def analyse_sentence(sentence: str, on: date | None = None) -> Cues:
    text = plain(sentence)
    said = attribute(text)
    stance = said.stance if said.speaker is not None else Stance.NONE
    band, hedge = band_of(text)
    return Cues(said.speaker, stance, hedge, band, forecast_cue(text, on) is not None)
