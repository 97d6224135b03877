"""One table of settings, loaded in layers: defaults, config file, environment, flags.

The config file is TOML: ``--config PATH``, else ``$GEOBRIEF_CONFIG``, else ``geobrief.toml``
in the working directory when present. Environment variables are ``GEOBRIEF_<NAME>`` in
upper case (``GEOBRIEF_DB``, ``GEOBRIEF_READERS=AU,US``). Flags win over everything.

Every value is validated when the settings are made (pydantic): a negative size cap, a
threshold outside 0..1 or a window that would overflow date arithmetic is a GB501 error
naming the setting, never a run that silently does nothing.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import field, fields, replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ConfigDict, Field, ValidationError, field_validator
from pydantic.dataclasses import dataclass

from geobrief.errors import SettingsError

DEFAULT_READERS = ("AU", "US", "UA", "KR")

Share = Annotated[float, Field(ge=0.0, le=1.0)]  # a threshold or cosine
Count = Annotated[int, Field(ge=0, le=1000)]
Hours = Annotated[float, Field(gt=0.0, le=24 * 3660)]  # up to ten years
Days = Annotated[float, Field(gt=0.0, le=3660)]


@dataclass(frozen=True, config=ConfigDict(allow_inf_nan=False, arbitrary_types_allowed=False))
class Settings:
    """Everything a run can be told. Passed in explicitly; never read from globals."""

    db: Annotated[str, Field(min_length=1)] = "geobrief.db"
    readers: tuple[str, ...] = DEFAULT_READERS
    top_stories: Annotated[int, Field(ge=1, le=100)] = 8
    # ingest
    max_bytes: Annotated[int, Field(gt=0)] = 10 * 1024 * 1024
    timeout: Annotated[float, Field(gt=0.0, le=3600.0)] = 20.0
    user_agent: Annotated[str, Field(min_length=1, pattern=r"^[^\r\n]+$")] = (
        "geobrief/0.1 (daily geopolitical briefing; +https://pypi.org/project/geobrief/)"
    )
    future_tolerance_hours: Annotated[float, Field(ge=0.0, le=24 * 366)] = 24.0
    # the earliest publication date an article may carry (older ones are refused, GB117)
    earliest_published: date = date(1900, 1, 1)
    min_article_chars: Annotated[int, Field(ge=0)] = 200
    outlets_file: str | None = None
    # a user's publishers table over the bundled one (stories/data/publishers.yaml format)
    publishers_file: str | None = None
    # claim-ledger entries a process keeps in memory between updates (0: read every
    # thread's entries from the store at each update); about 2.4 KB each on the demo
    ledger_memory_entries: Annotated[int, Field(ge=0, le=10_000_000)] = 50_000
    knowledge_dir: str = "geobrief-knowledge"  # where `kb import` writes; loaded when present
    feed_pause_after: Annotated[int, Field(ge=1)] = 5
    # the network guard (ingest/guard.py) refuses loopback, private, link-local, CGNAT,
    # multicast and other non-public addresses; these hosts (by name) or networks ("10.1.0.0/16")
    # are let through, as are those the sources file allows
    allow_hosts: tuple[str, ...] = ()
    max_redirects: Annotated[int, Field(ge=0, le=30)] = 5
    # politeness: seconds between two requests to one host (one request at a time per host)
    host_delay: Annotated[float, Field(ge=0.0, le=3600.0)] = 1.0
    # the daily run (geobrief run): the sources file (default sources.toml beside the
    # config file, else beside a SQLite store, else here), feeds fetched at once (never two
    # from one host), how often a feed is due, the first retry delay after a failure
    # (doubling with each failure) and the pause after feed_pause_after failures (doubling
    # with each failure after it, up to a week)
    sources_file: str | None = None
    fetch_workers: Annotated[int, Field(ge=1, le=64)] = 4
    feed_interval_minutes: Annotated[float, Field(gt=0.0, le=14400.0)] = 30.0
    feed_backoff_minutes: Annotated[float, Field(gt=0.0, le=14400.0)] = 15.0
    feed_pause_hours: Annotated[float, Field(gt=0.0, le=24 * 366)] = 24.0
    # a feed item with less text than this is a blurb: its article page is fetched (at
    # most pages_per_feed per feed and run; the rest wait for the next run)
    blurb_chars: Annotated[int, Field(ge=0, le=100_000)] = 500
    pages_per_feed: Annotated[int, Field(ge=0, le=10_000)] = 30
    # the edition: at this local time (HH:MM) of this time zone (IANA name), `geobrief run`
    # composes that day's briefing for `readers` and records it as a draft
    edition_time: Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")] = "06:00"
    edition_timezone: Annotated[str, Field(min_length=1)] = "UTC"
    # how long a run waits for another writer of the store before giving up (GB202)
    lock_timeout: Annotated[float, Field(ge=0.0, le=86400.0)] = 600.0
    # stories
    story_window_hours: Hours = 36.0
    story_threshold: Share = 0.3
    story_max_days: Days = 3.0
    # an article also joins the story whose headlines are this close to its own (cosine)
    # when their full texts agree at least story_headline_gate; 0 turns headlines off
    story_headline_threshold: Share = 0.25
    story_headline_gate: Share = 0.2
    # a report in a language none of a story's reports is in, that neither its words nor
    # its headline place, joins the open story whose anchors (countries, figures, names:
    # analyse/anchors.py) are this close (cosine), with at least story_anchor_min_shared
    # in common, one of them not a country. 0 turns anchors off
    story_anchor_threshold: Share = 0.3
    story_anchor_min_shared: Count = 3
    # a report whose countries the story's reports never name does not join it by words
    story_country_veto: bool = True
    # at each flush a story founded by one report of the batch joins the story the batch's
    # later reports made close enough (story_threshold); see OnlineClusterer._rejoin_singletons
    story_rejoin: bool = True
    thread_window_days: Days = 30.0
    thread_threshold: Share = 0.2
    # a storyline quiet for longer than thread_window_days (up to storyline_window_days)
    # continues when a story is as close to it as storyline_threshold and its key actors (top
    # anchors) have a cosine of at least storyline_actor_cosine with the storyline's;
    # 0 turns it off
    storyline_window_days: Days = 365.0
    storyline_threshold: Share = 0.2
    storyline_actor_cosine: Share = 0.4
    # a weaker link is taken when it is unambiguous: the closest thread scores at least
    # thread_clear_threshold and thread_clear_margin times the next closest
    thread_clear_threshold: Share = 0.12
    thread_clear_margin: Annotated[float, Field(ge=0.0, le=1000.0)] = 3.0
    # a link at least thread_country_threshold is also taken to a thread with a story in the
    # last thread_live_days when the story names the same countries as the thread's stories
    # (cosine of their country mentions at least thread_country_cosine); 0 turns it off
    thread_country_threshold: Share = 0.05
    thread_country_cosine: Share = 0.6
    # every thread link (term rules and the storyline rule) also asks that the story and
    # the thread's stories share a key actor (a name that is not a country's, a title or a
    # date) or two countries: a storyline continues on its actors, not its kind of event
    thread_shared_actors: bool = True
    # ... or, for a story whose one shared key actor is its main country, the same lasting
    # situation (unrest, armed conflict, an election: stories/situations.py) in a thread
    # with a story in the last thread_situation_days; 0 turns it off
    thread_situation_days: Annotated[float, Field(ge=0.0, le=3660)] = 14.0
    thread_live_days: Annotated[float, Field(ge=0.0, le=3660)] = 2.0
    # link threads by the meaning of their stories (sentence embeddings, the optional
    # embeddings extra) instead of by shared terms: a new story joins the thread whose
    # stories' mean embedding is closest, when its cosine is at least
    # thread_meaning_threshold; English only (see docs/evaluation.md)
    thread_embeddings: bool = False
    thread_meaning_threshold: Share = 0.5
    duplicate_threshold: Share = 0.6
    # rank: keep sport, entertainment, weather, market chatter and site furniture in the
    # edition (left out by default: the edition ranks geopolitical significance)
    edition_soft_news: bool = False
    # compose
    max_happening: Count = 6
    max_next: Count = 3
    max_for_you: Count = 4
    # a reader group with no tie to a story: one short line ("line") or no part ("omit")
    reader_absence: Literal["line", "omit"] = "line"
    # the length budget of a briefing: short (about 700 words), standard (about 1,500:
    # ten minutes) or long (every line the writer chose); see compose/budget.py
    length: Literal["short", "standard", "long"] = "standard"
    # the edition's language: sentences in another are not printed untranslated (their
    # report's title, language and link instead)
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}$")] = "en"
    writer: Annotated[str, Field(min_length=1)] = "extractive"  # a writer from geobrief.plugins
    # the config file these settings were read from (set by load_settings; the sources
    # file defaults to sources.toml beside it)
    config_file: str | None = None
    # publishing: the web edition's public address, for absolute links in feeds and email
    # (empty: where `serve` is reached; `feeds` and `email` then use http://127.0.0.1:8000)
    site_url: Annotated[str, Field(pattern=r"^(https?://[^\s/?#]+(/[^\s?#]*)?)?$")] = ""
    # email of an edition (geobrief email --send): the SMTP server, whether to upgrade the
    # connection with STARTTLS, the account (its password in the environment variable named
    # by smtp_password_env, never in a file), the sender and the recipients (comma-separated)
    smtp_host: str = "localhost"
    smtp_port: Annotated[int, Field(ge=1, le=65535)] = 25
    smtp_starttls: bool = False
    smtp_user: str = ""
    smtp_password_env: Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")] = (
        "GEOBRIEF_SMTP_PASSWORD")
    email_from: str = "geobrief@localhost"
    email_to: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def with_overrides(self, **values: Any) -> Settings:
        clean = {k: v for k, v in values.items() if v is not None}
        return validated(lambda: replace(self, **_coerce_all(clean)))

    @field_validator("edition_timezone")
    @classmethod
    def _a_time_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError("must be an IANA time zone such as Europe/London") from exc
        return value

    @field_validator("earliest_published")
    @classmethod
    def _in_the_past(cls, value: date) -> date:
        if not date(100, 1, 1) <= value < date.today():
            raise ValueError("must be a date in the past, from 0100-01-01 on")
        return value


def validated(make: Any) -> Settings:
    """``make()``, with a validation failure turned into a GB501 error naming the setting."""
    try:
        return make()
    except ValidationError as exc:
        problem = exc.errors()[0]
        name = ".".join(str(part) for part in problem["loc"]) or "settings"
        value = problem.get("input")
        raise SettingsError(f"setting {name!r}: {problem['msg']} (got {value!r})") from exc


_FIELDS = {f.name: f for f in fields(Settings)}


def _coerce(name: str, value: Any) -> Any:
    if name not in _FIELDS or name == "extra":
        raise SettingsError(f"unknown setting {name!r}")
    default = getattr(Settings(), name)
    try:
        if isinstance(default, tuple):
            items = value.split(",") if isinstance(value, str) else list(value)
            items = [str(i).strip() for i in items if str(i).strip()]
            return tuple(i.upper() for i in items) if name == "readers" else tuple(items)
        if isinstance(default, bool):
            return str(value).lower() in ("1", "true", "yes", "on")
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        if isinstance(default, date):
            return value if isinstance(value, date) else date.fromisoformat(str(value))
        return None if value is None else str(value)
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"setting {name!r}: cannot use {value!r} ({exc})") from exc


def _coerce_all(values: dict[str, Any]) -> dict[str, Any]:
    return {k: _coerce(k, v) for k, v in values.items()}


def _config_path(explicit: str | None, env: dict[str, str]) -> Path | None:
    if explicit:
        return Path(explicit)
    if env.get("GEOBRIEF_CONFIG"):
        return Path(env["GEOBRIEF_CONFIG"])
    local = Path("geobrief.toml")
    return local if local.exists() else None


def load_settings(
    config: str | None = None,
    env: dict[str, str] | None = None,
    **flags: Any,
) -> Settings:
    """Build settings from the four layers, later layers winning."""
    env = dict(os.environ) if env is None else env
    settings = Settings()
    path = _config_path(config, env)
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"config file {path}: {exc}") from exc
        settings = settings.with_overrides(**data.get("geobrief", data),
                                           config_file=str(path))
    from_env = {
        key[len("GEOBRIEF_") :].lower(): value
        for key, value in env.items()
        if key.startswith("GEOBRIEF_") and key != "GEOBRIEF_CONFIG"
    }
    settings = settings.with_overrides(**{k: v for k, v in from_env.items() if k in _FIELDS})
    return settings.with_overrides(**flags)
