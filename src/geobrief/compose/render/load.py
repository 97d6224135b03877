"""A stored briefing's JSON back into a ``Briefing``: what ``Briefing.to_dict`` wrote, read
by the same field types (so a field added to the model is read without a change here).

The web edition, the feeds and the email read published briefings through this; a
round-trip test holds ``load(render(b)) == b`` as JSON."""

from __future__ import annotations

import json
import types
from dataclasses import MISSING, fields, is_dataclass
from datetime import date
from enum import Enum
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from geobrief.models import Briefing, Edition, Line, Personal, Reader, StoryBrief


def briefing_from_json(body: str, audience: str | None = None) -> Briefing:
    """The briefing of a stored JSON ``body``; ``audience`` is its stored audience key
    ("AU-US" for an edition, "reader:NAME" for a personal briefing)."""
    data = json.loads(body)
    readers = tuple(data.get("edition", {}).get("readers", ()))
    who: Edition | Personal
    if audience and audience.startswith("reader:"):
        who = Personal(Reader(audience.removeprefix("reader:"), readers[0] if readers else ""))
    else:
        who = Edition(readers)
    return Briefing(
        id=data["id"], date=date.fromisoformat(data["date"]), audience=who,
        stories=[_story(s) for s in data.get("stories", [])],
        generated_at=data.get("generated_at", ""),
        generator=data.get("generator", "geobrief extractive writer"))


def _story(data: dict[str, Any]) -> StoryBrief:
    known = {_name(f) for f in fields(StoryBrief)}
    story = _value(StoryBrief, {k: v for k, v in data.items() if k in known})
    # sections added by plugins sit beside the built-in ones
    story.extra = {k: [_value(Line, line) for line in v] for k, v in data.items()
                   if k not in known and isinstance(v, list)}
    return story


def _name(f: Any) -> str:
    return str(f.metadata.get("name", f.name))


def _fits(cls: type, value: Any) -> bool:
    """Whether the dict ``value`` can be an instance of dataclass ``cls``."""
    if not isinstance(value, dict):
        return False
    names = {_name(f) for f in fields(cls) if not f.metadata.get("internal")}
    required = {_name(f) for f in fields(cls) if f.default is MISSING
                and f.default_factory is MISSING and not f.metadata.get("internal")}
    return required <= value.keys() <= names


def _value(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        return _union(get_args(tp), value)
    if origin is Literal:
        return value
    if origin is list:
        return [_value(get_args(tp)[0], v) for v in value]
    if origin is tuple:
        args = get_args(tp)
        item = args[0] if args else Any
        return tuple(_value(item, v) for v in value)
    if origin is dict:
        return {k: _value(get_args(tp)[1], v) for k, v in value.items()}
    if isinstance(tp, type) and is_dataclass(tp):
        hints = get_type_hints(tp)
        kwargs = {f.name: _value(hints[f.name], value[_name(f)]) for f in fields(tp)
                  if not f.metadata.get("internal") and _name(f) in value}
        return tp(**kwargs)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(value)
    if tp is float and isinstance(value, int):
        return float(value)
    return value


def _union(args: tuple[Any, ...], value: Any) -> Any:
    options = [a for a in args if a is not type(None)]
    for option in options:  # a dataclass whose fields the value has
        if isinstance(option, type) and is_dataclass(option) and _fits(option, value):
            return _value(option, value)
    for option in options:  # an enum that knows the value, else the value as it is
        if isinstance(option, type) and issubclass(option, Enum):
            try:
                return option(value)
            except ValueError:
                continue
    return _value(options[-1], value) if len(options) == 1 else value
