"""What analysis writes per batch, and how far behind the store is."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Table, delete, func, select, update

from geobrief.store.engine import Store
from geobrief.store.schema import (
    article_wire,
    articles,
    claims,
    events,
    features,
    ledger_claims,
    mentions,
    meta,
    outlet_furniture,
    outlet_lines,
    outlook,
    sentences,
)

TABLES = {"sentences": sentences, "claims": claims, "outlook": outlook, "events": events,
          "mentions": mentions, "features": features, "wire": article_wire}
SIGNATURE = "analysis_signature"


def save_analysis(store: Store, ids: Sequence[int], rows: Mapping[str, list[dict]],
                  version: int) -> None:
    """Replace the analysis of articles ``ids`` by ``rows`` (per table name) and mark them
    analysed at ``version``, in one transaction (a crash loses at most the batch)."""
    with store.write() as conn:
        before = _claims_read(conn, ids)
        for table in TABLES.values():
            conn.execute(delete(table).where(table.c.article_id.in_(ids)))
        # Articles whose claims changed: their threads' ledgers are read again (ledger_threads
        # then counts more claims than ledger_claims holds). An article analysed again with
        # the same claims (a furniture line elsewhere in it) keeps its place in the ledger.
        after = _claims_given(rows)
        changed = [i for i in ids if before.get(i) != after.get(i)]
        if changed:
            conn.execute(delete(ledger_claims).where(ledger_claims.c.article_id.in_(changed)))
        for name, values in rows.items():
            if values:
                insert_rows(conn, TABLES[name], values)
        conn.execute(update(articles).where(articles.c.id.in_(ids)).values(analysed=version))


def insert_rows(conn: Connection, table: Table, values: list[dict]) -> None:
    """Insert ``values`` (rows as dicts) into ``table`` in one executemany. On SQLite, when
    every row has the same columns, they go to the driver as tuples: what SQLAlchemy would
    store (SQLite keeps a bool as 1 or 0, bytes as a blob, as its bind processing does)
    without its per-row parameter processing, which cost more than SQLite's inserts."""
    columns = list(values[0])
    keys = values[0].keys()
    if conn.dialect.name != "sqlite" or any(row.keys() != keys for row in values) or any(
            c.default is not None and c.name not in keys for c in table.columns):
        conn.execute(table.insert(), values)
        return
    preparer = conn.dialect.identifier_preparer
    names = ", ".join(preparer.quote(c) for c in columns)
    marks = ", ".join("?" * len(columns))
    conn.exec_driver_sql(f"INSERT INTO {preparer.format_table(table)} ({names}) "
                         f"VALUES ({marks})", [tuple([row[c] for c in columns]) for row in values])


_LEDGER_READS = tuple(c.name for c in claims.columns)


def _claims_read(conn: Connection, ids: Sequence[int]) -> dict[int, list[tuple]]:
    """The stored claims of ``ids`` as the ledger reads them (with their sentence's text
    and whether it looks forward), per article, in order."""
    found: dict[int, list[tuple]] = {}
    query = (select(claims, sentences.c.text, sentences.c.forward)
             .join(sentences, (sentences.c.article_id == claims.c.article_id)
                   & (sentences.c.idx == claims.c.idx))
             .where(claims.c.article_id.in_(ids)).order_by(claims.c.article_id, claims.c.idx))
    for row in conn.execute(query).mappings():
        found.setdefault(row["article_id"], []).append(
            tuple(row[c] for c in _LEDGER_READS) + (row["text"], bool(row["forward"])))
    return found


def _claims_given(rows: Mapping[str, list[dict]]) -> dict[int, list[tuple]]:
    """The new claims per article, in the shape of ``_claims_read``."""
    said = {(r["article_id"], r["idx"]): r for r in rows.get("sentences", [])}
    found: dict[int, list[tuple]] = {}
    for r in sorted(rows.get("claims", []), key=lambda r: (r["article_id"], r["idx"])):
        sentence = said.get((r["article_id"], r["idx"]), {})
        found.setdefault(r["article_id"], []).append(
            tuple(r.get(c) for c in _LEDGER_READS)
            + (sentence.get("text"), bool(sentence.get("forward"))))
    return found


def get_meta(store: Store, key: str) -> str | None:
    with store.engine.connect() as conn:
        return conn.execute(select(meta.c.value).where(meta.c.key == key)).scalar()


def set_meta(store: Store, key: str, value: str) -> None:
    with store.write() as conn:
        conn.execute(delete(meta).where(meta.c.key == key))
        conn.execute(meta.insert().values(key=key, value=value))


def reanalyse_all(store: Store, signature: str) -> int:
    """Queue every article for analysis again (the knowledge or the analysis changed) and
    record the signature the next analysis runs under; returns how many were queued."""
    with store.write() as conn:
        queued = conn.execute(update(articles).where(articles.c.analysed > 0)
                              .values(analysed=0)).rowcount
        conn.execute(delete(meta).where(meta.c.key == SIGNATURE))
        conn.execute(meta.insert().values(key=SIGNATURE, value=signature))
    return int(queued or 0)


@dataclass(frozen=True)
class Backlog:
    """How far behind the store is: articles not analysed at this version, analysed but
    not placed into stories, and whether the analysis signature (version and knowledge)
    differs from the one the store was analysed under."""

    unanalysed: int
    unplaced: int
    stale_signature: bool
    ledger_threads: int = 0  # threads whose claim ledger has claims still to read

    @property
    def behind(self) -> bool:
        return bool(self.unanalysed or self.unplaced or self.stale_signature
                    or self.ledger_threads)

    def words(self) -> str:
        parts = []
        if self.stale_signature:
            parts.append("the knowledge or analysis changed since the store was analysed")
        if self.unanalysed:
            parts.append(f"{self.unanalysed} articles not analysed")
        if self.unplaced:
            parts.append(f"{self.unplaced} articles not placed into stories")
        if self.ledger_threads:
            parts.append(f"the claim ledger of {self.ledger_threads} threads not up to date")
        return "; ".join(parts)


def backlog(store: Store, version: int, signature: str) -> Backlog:
    with store.engine.connect() as conn:
        unanalysed = conn.execute(select(func.count()).select_from(articles)
                                  .where(articles.c.analysed < version)).scalar_one()
        unplaced = conn.execute(select(func.count()).select_from(articles)
                                .where(articles.c.analysed >= version)
                                .where(articles.c.placed.is_(False))).scalar_one()
        stored = conn.execute(select(meta.c.value).where(meta.c.key == SIGNATURE)).scalar()
        any_article = conn.execute(select(func.count()).select_from(articles)).scalar_one()
    stale = bool(any_article) and stored is not None and stored != signature
    return Backlog(int(unanalysed), int(unplaced), stale)


# What analysis stores, table by table, in a stable order (the primary keys; the
# furniture tables too, since furniture labels sentences). ``analysis_digest`` hashes it.
_DIGESTED = (("sentences", sentences), ("wire", article_wire), ("claims", claims),
             ("outlook", outlook), ("events", events), ("mentions", mentions),
             ("features", features), ("outlet_lines", outlet_lines),
             ("outlet_furniture", outlet_furniture))


def analysis_digest(store: Store) -> dict[str, str]:
    """A short hash of every row analysis stored, per table (and ``all``), so that a
    change made for speed can be shown to change nothing else: two stores holding the
    same articles under the same ids digest the same exactly when analysis stored the
    same. Articles' analysed versions are included (``articles``)."""
    out: dict[str, str] = {}
    total = hashlib.sha256()
    with store.engine.connect() as conn:
        for name, table in _DIGESTED:
            sha = hashlib.sha256()
            keys = list(table.primary_key.columns)
            columns = [c for c in table.columns]
            for row in conn.execute(select(*columns).order_by(*keys)):
                sha.update(repr(tuple(row)).encode())
            out[name] = sha.hexdigest()[:16]
            total.update(sha.digest())
        sha = hashlib.sha256()
        for row in conn.execute(select(articles.c.id, articles.c.analysed)
                                .order_by(articles.c.id)):
            sha.update(repr(tuple(row)).encode())
        out["articles"] = sha.hexdigest()[:16]
        total.update(sha.digest())
    out["all"] = total.hexdigest()[:16]
    return out
