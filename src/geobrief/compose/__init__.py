"""Compose: write each chosen story of a day in the briefing structure, from what was read.

The names below load on first use, so that importing a leaf module of this package (as
relevance does with ``compose.evidence``) does not load the composer, which itself needs
relevance: ``import geobrief.relevance`` first would otherwise be a circular import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geobrief.compose.briefing import Composer, compose

__all__ = ["Composer", "compose"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from geobrief.compose import briefing

        return getattr(briefing, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
