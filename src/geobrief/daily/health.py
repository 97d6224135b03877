"""Each source as ``geobrief sources list`` shows it: its outlet (the sources file's
metadata over the publishers table's) and its health (the store's ``feeds`` row).

A source is ``new`` (never fetched), ``ok``, ``failing`` (failures since the last
success, retried after a backoff) or ``paused`` (after ``feed_pause_after`` failures,
tried again once its pause has passed).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from geobrief.daily.sources import SourceEntry, format_duration
from geobrief.ingest.normalise import domain_of
from geobrief.redact import redact_url
from geobrief.store.feeds import FeedHealth
from geobrief.stories.publishers import Publisher, Publishers


class Status(StrEnum):
    NEW = "new"
    OK = "ok"
    FAILING = "failing"
    PAUSED = "paused"


def status_of(health: FeedHealth | None, now: datetime) -> Status:
    if health is None or health.last_fetched is None:
        return Status.NEW
    if health.paused and (health.paused_until is None or now < health.paused_until):
        return Status.PAUSED
    return Status.FAILING if health.failures else Status.OK


def is_due(health: FeedHealth | None, now: datetime, every_minutes: float) -> bool:
    """Whether the run fetches the feed now: never fetched, its time come (a little early
    rather than a whole run late: within a tenth of its interval, at most five minutes),
    or paused and its pause over. A feed paused without an end waits for ``--force``."""
    if health is None:
        return True
    if health.paused:
        return health.paused_until is not None and now >= health.paused_until
    if health.next_due is None:
        return True
    grace = min(timedelta(minutes=every_minutes) / 10, timedelta(minutes=5))
    return now >= health.next_due - grace


@dataclass(frozen=True)
class SourceView:
    entry: SourceEntry
    outlet: Publisher  # with the sources file's metadata over the table's
    health: FeedHealth | None
    status: Status
    every_minutes: float

    def to_json(self) -> dict[str, Any]:
        h = self.health
        return {
            "url": redact_url(self.entry.url),
            "name": self.outlet.name,
            "category": self.entry.category,
            "language": self.entry.language,
            "every": format_duration(self.every_minutes),
            "pages": self.entry.pages.value,
            "outlet": {"name": self.outlet.name, "family": self.outlet.family,
                       "country": self.outlet.country, "funding": self.outlet.funding.value,
                       "source": self.outlet.source},
            "health": {
                "status": self.status.value,
                "last_fetched": _iso(h.last_fetched if h else None),
                "last_ok": _iso(h.last_ok if h else None),
                "last_status": h.last_status if h else None,
                "failures": h.failures if h else 0,
                "paused_until": _iso(h.paused_until if h and h.paused else None),
                "next_due": _iso(h.next_due if h else None),
                "last_error": h.last_error if h else None,
            },
        }

    def lines(self) -> list[str]:
        """Three lines for the text listing."""
        o, h, e = self.outlet, self.health, self.entry
        where = " · ".join(x for x in (e.category, e.language) if x)
        head = f"{o.name} <{redact_url(e.url)}>" + (f" [{where}]" if where else "")
        outlet = (f"  outlet: {o.family} · {o.country or 'country unknown'} · "
                  f"{o.funding.value} ({o.source})")
        every = f"every {format_duration(self.every_minutes)}"
        if h is None:
            return [head, outlet, f"  health: new, never fetched · {every}"]
        parts = [self.status.value]
        if self.status is Status.PAUSED:
            parts[0] += (f" until {_when(h.paused_until)}" if h.paused_until
                         else " until fetched with `geobrief ingest --force`")
        parts.append(f"last fetch {_when(h.last_fetched)}"
                     + (f" ({h.last_status})" if h.last_status else ""))
        parts.append(f"last ok {_when(h.last_ok)}" if h.last_ok else "never read")
        parts.append(f"{h.failures} failures")
        if self.status is not Status.PAUSED and h.next_due:
            parts.append(f"next due {_when(h.next_due)}")
        parts.append(every)
        health = "  health: " + " · ".join(parts)
        if h.failures and h.last_error:
            health += f"\n  last error: {h.last_error}"
        return [head, outlet, health]


def view(entry: SourceEntry, health: FeedHealth | None, table: Publishers, now: datetime,
         default_every: float) -> SourceView:
    host = domain_of(entry.url)
    domain = None if host is None or _is_address(host) else host
    found = table.resolve(entry.name or host or entry.url, domain, entry.country)
    outlet = Publisher(
        name=entry.name or found.name, family=entry.family or found.family,
        country=entry.country or found.country, funding=entry.funding or found.funding,
        source=_provenance(entry, found))
    return SourceView(entry, outlet, health, status_of(health, now),
                      entry.every_minutes or default_every)


def _provenance(entry: SourceEntry, found: Publisher) -> str:
    """Where the outlet's facts come from: the sources file, the table's entry, or both."""
    given = [k for k in ("country", "family", "funding") if getattr(entry, k)]
    if len(given) == 3:
        return "sources file"
    return f"{', '.join(given)}: sources file; {found.source}" if given else found.source


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") + "Z" if moment else None


def _when(moment: datetime | None) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC" if moment else "never"
