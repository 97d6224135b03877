"""JSON: briefing -> stories -> sections -> sentences -> citations (schema in
``briefing.schema.json`` beside this module, documented in docs/formats.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from geobrief.models import Briefing

SCHEMA_PATH = Path(__file__).with_name("briefing.schema.json")
SCHEMA_VERSION = "1"


def briefing_json(briefing: Briefing) -> dict[str, Any]:
    data = briefing.to_dict()
    data["schema_version"] = SCHEMA_VERSION
    return data


def render_json(briefing: Briefing) -> str:
    return json.dumps(briefing_json(briefing), ensure_ascii=False, indent=2) + "\n"


def load_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def briefing_schema() -> dict[str, Any]:
    """The schema with the sections installed plugins add (arrays of cited sentences)."""
    from geobrief.plugins import registry

    schema = load_schema()
    story = schema["$defs"]["story"]["properties"]
    for section in registry().extra_sections:
        story[section.key] = {"type": "array", "items": {"$ref": "#/$defs/sentence"},
                              "description": section.title}
    return schema
