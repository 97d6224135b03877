"""Stories: near-duplicate copies, clusters of articles about one event, threads across days."""

from geobrief.stories.update import update_stories

__all__ = ["update_stories"]
