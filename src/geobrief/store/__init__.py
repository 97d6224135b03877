"""The store: one SQL database (SQLite by default) holding articles and every stage's results."""

from geobrief.store.engine import Store, open_store

__all__ = ["Store", "open_store"]
