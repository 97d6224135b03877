"""Knowledge of the geopolitical world: countries, organisations, treaties, with sources."""

from geobrief.knowledge.load import Knowledge, load_knowledge

__all__ = ["Knowledge", "load_knowledge"]
