"""Which stories lead the day: independent sources, spread of outlets' home countries, size."""

from __future__ import annotations

import math
from datetime import date

from geobrief.store.stories import StoryRow


def salience(story: StoryRow, day: date) -> float:
    today = [a for a in story.articles if a.published.date() == day]
    origins_today = {a.id for a in today if a.origin_id is None} | {
        a.origin_id for a in today if a.origin_id is not None
    }
    countries = {a.outlet_country or a.outlet for a in today}
    earlier = len(story.articles) - len(today)
    return len(origins_today) + 0.5 * len(countries) + 0.3 * math.log1p(earlier)


def top_stories(stories: list[StoryRow], day: date, limit: int) -> list[StoryRow]:
    ranked = sorted(stories, key=lambda s: (-salience(s, day), s.id))
    return ranked[:limit]
