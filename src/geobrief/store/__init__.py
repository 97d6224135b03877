"""The store: one SQL database (SQLite by default) holding articles and every stage's results."""

from sqlalchemy.exc import OperationalError, StatementError
from sqlalchemy.exc import SQLAlchemyError as DatabaseError

from geobrief.store.engine import Store, open_store

__all__ = ["DatabaseError", "OperationalError", "StatementError", "Store", "open_store"]
