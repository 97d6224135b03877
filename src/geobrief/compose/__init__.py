"""Compose: write each chosen story of a day in the briefing structure, from what was read."""

from geobrief.compose.briefing import Composer, compose

__all__ = ["Composer", "compose"]
