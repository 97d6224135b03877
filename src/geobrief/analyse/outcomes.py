"""Settling outlook items against what happened after them.

An outlook item foresees an act (a PLOVER type, coded from its sentence), by an actor's
country, sometimes on a target's country, sometimes by a date (its horizon). Each open
item is checked against the events stored for later articles: the first reported act of
the same type (not a stated intention, not negated) by the same country (and on the same
target country, when the item names one), reported after the item and no later than its
horizon, settles it as ``happened``, with a pointer to that report. The report must be
from a later day and its sentence must not itself look ahead ("will", "plans to"). An
item that does not say which country or known body would act, or what act (a stated
intention the event coder recognises), is too vague to check and can only lapse. An
item whose horizon has passed with no such event is ``lapsed``. Items with no horizon
stay open until an event settles them (those that cannot be checked are not read
again). "Now" is the news clock: the publication time of the newest stored article, so
a store of old news is judged by its own days, not the wall clock. A match is a
candidate for an editor to check (same kind of act, same countries), not proof that the
source's forecast came true.
"""

from __future__ import annotations

from geobrief.store.outlook import Settled, settle_outlook

__all__ = ["Settled", "settle_outlook"]
