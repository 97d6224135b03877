"""One table of settings, loaded in layers: defaults, config file, environment, flags.

The config file is TOML: ``--config PATH``, else ``$GEOBRIEF_CONFIG``, else ``geobrief.toml``
in the working directory when present. Environment variables are ``GEOBRIEF_<NAME>`` in
upper case (``GEOBRIEF_DB``, ``GEOBRIEF_READERS=AU,US``). Flags win over everything.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from geobrief.errors import SettingsError

DEFAULT_READERS = ("AU", "US", "UA", "KR")


@dataclass(frozen=True)
class Settings:
    """Everything a run can be told. Passed in explicitly; never read from globals."""

    db: str = "geobrief.db"
    readers: tuple[str, ...] = DEFAULT_READERS
    top_stories: int = 8
    # ingest
    max_bytes: int = 10 * 1024 * 1024
    timeout: float = 20.0
    user_agent: str = (
        "geobrief/0.1 (daily geopolitical briefing; +https://pypi.org/project/geobrief/)"
    )
    future_tolerance_hours: float = 24.0
    min_article_chars: int = 200
    outlets_file: str | None = None
    knowledge_dir: str = "geobrief-knowledge"  # where `kb import` writes; loaded when present
    feed_pause_after: int = 5
    # stories
    story_window_hours: float = 36.0
    story_threshold: float = 0.3
    story_max_days: float = 3.0
    # an article also joins the story whose headlines are this close to its own (cosine)
    # when their full texts agree at least story_headline_gate; 0 turns headlines off
    story_headline_threshold: float = 0.25
    story_headline_gate: float = 0.2
    # a report in a language none of a story's reports is in, that neither its words nor
    # its headline place, joins the open story whose anchors (countries, figures, names:
    # analyse/anchors.py) are this close (cosine), with at least story_anchor_min_shared
    # in common, one of them not a country. 0 turns anchors off
    story_anchor_threshold: float = 0.3
    story_anchor_min_shared: int = 3
    # a report whose countries the story's reports never name does not join it by words
    story_country_veto: bool = True
    # at each flush a story founded by one report of the batch joins the story the batch's
    # later reports made close enough (story_threshold); see OnlineClusterer._rejoin_singletons
    story_rejoin: bool = True
    thread_window_days: float = 30.0
    thread_threshold: float = 0.2
    # a storyline quiet for longer than thread_window_days (up to storyline_window_days)
    # continues when a story is as close to it as storyline_threshold and its key actors (top
    # anchors) have a cosine of at least storyline_actor_cosine with the storyline's;
    # 0 turns it off
    storyline_window_days: float = 365.0
    storyline_threshold: float = 0.2
    storyline_actor_cosine: float = 0.4
    # a weaker link is taken when it is unambiguous: the closest thread scores at least
    # thread_clear_threshold and thread_clear_margin times the next closest
    thread_clear_threshold: float = 0.12
    thread_clear_margin: float = 3.0
    # a link at least thread_country_threshold is also taken to a thread with a story in the
    # last thread_live_days when the story names the same countries as the thread's stories
    # (cosine of their country mentions at least thread_country_cosine); 0 turns it off
    thread_country_threshold: float = 0.05
    thread_country_cosine: float = 0.6
    thread_live_days: float = 2.0
    # link threads by the meaning of their stories (sentence embeddings, the optional
    # embeddings extra) instead of by shared terms: a new story joins the thread whose
    # stories' mean embedding is closest, when its cosine is at least
    # thread_meaning_threshold; English only (see docs/evaluation.md)
    thread_embeddings: bool = False
    thread_meaning_threshold: float = 0.5
    duplicate_threshold: float = 0.6
    # compose
    max_happening: int = 6
    max_next: int = 3
    max_for_you: int = 4
    extra: dict[str, Any] = field(default_factory=dict)

    def with_overrides(self, **values: Any) -> Settings:
        clean = {k: v for k, v in values.items() if v is not None}
        return replace(self, **_coerce_all(clean))


_FIELDS = {f.name: f for f in fields(Settings)}


def _coerce(name: str, value: Any) -> Any:
    if name not in _FIELDS or name == "extra":
        raise SettingsError(f"unknown setting {name!r}")
    default = getattr(Settings(), name)
    try:
        if isinstance(default, tuple):
            items = value.split(",") if isinstance(value, str) else list(value)
            return tuple(str(i).strip().upper() for i in items if str(i).strip())
        if isinstance(default, bool):
            return str(value).lower() in ("1", "true", "yes", "on")
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
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
        settings = settings.with_overrides(**data.get("geobrief", data))
    from_env = {
        key[len("GEOBRIEF_") :].lower(): value
        for key, value in env.items()
        if key.startswith("GEOBRIEF_") and key != "GEOBRIEF_CONFIG"
    }
    settings = settings.with_overrides(**{k: v for k, v in from_env.items() if k in _FIELDS})
    return settings.with_overrides(**flags)
