"""Schema steps that a half-applied migration cannot trip: each checks the schema first.

A geobrief older than revision 0010 ran SQLite DDL outside a transaction, so a kill part
way could leave a table, column or index of the next revision in place with the version
stamp not yet moved ("table outlets already exists", "duplicate column name"). Every
migration creates through these helpers, so that running it again over such leftovers
completes it instead of failing; each CREATE or ADD is atomic on its own, so a leftover
is always whole.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op


def _inspector() -> sa.Inspector:
    return sa.inspect(op.get_bind())


def has_table(name: str) -> bool:
    return name in _inspector().get_table_names()


def has_column(table: str, column: str) -> bool:
    return column in {c["name"] for c in _inspector().get_columns(table)}


def has_index(table: str, name: str) -> bool:
    return name in {i["name"] for i in _inspector().get_indexes(table)}


def create_table(name: str, *columns: Any, **kw: Any) -> None:
    if not has_table(name):
        op.create_table(name, *columns, **kw)


def create_index(name: str, table: str, columns: list[str]) -> None:
    if not has_index(table, name):
        op.create_index(name, table, columns)


def drop_index(name: str, table: str) -> None:
    if has_index(table, name):
        op.drop_index(name, table_name=table)


def add_columns(table: str, *columns: sa.Column) -> None:
    missing = [c for c in columns if not has_column(table, c.name)]
    if missing:
        with op.batch_alter_table(table) as batch:
            for column in missing:
                batch.add_column(column)


def drop_table_if_exists(name: str) -> None:
    if has_table(name):
        op.drop_table(name)
