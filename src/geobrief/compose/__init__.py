"""Compose: per edition, select the day's stories and write each in the briefing structure."""

from geobrief.compose.briefing import compose_briefing

__all__ = ["compose_briefing"]
