"""Reader profiles in the store."""

from __future__ import annotations

from sqlalchemy import delete, select

from geobrief.models import Reader
from geobrief.store.engine import Store
from geobrief.store.schema import readers


def save_reader(store: Store, reader: Reader) -> None:
    with store.write() as conn:
        conn.execute(delete(readers).where(readers.c.name == reader.name))
        conn.execute(readers.insert().values(name=reader.name, country=reader.country,
                                             region=reader.region,
                                             interests=",".join(reader.interests),
                                             language=reader.language))


def load_readers(store: Store) -> list[Reader]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(readers).order_by(readers.c.name)).mappings()
        return [Reader(r["name"], r["country"], r["region"],
                       tuple(i for i in r["interests"].split(",") if i), r["language"])
                for r in rows]


def remove_reader(store: Store, name: str) -> bool:
    with store.write() as conn:
        return conn.execute(delete(readers).where(readers.c.name == name)).rowcount > 0
