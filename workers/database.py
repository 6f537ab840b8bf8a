"""Engines for the store: an SQLite file on one machine, PostgreSQL for several.

The two differ in how concurrent writers behave, and this is the one place
that knows: SQLite runs in WAL mode with ``BEGIN IMMEDIATE`` (a writer waits
for the lock up front instead of failing when it upgrades a read lock), and
both get an insert that ignores or updates on conflict, which the store uses
to stay idempotent when a task is delivered twice.
"""
from __future__ import annotations

from pathlib import Path
from typing import Mapping, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection


def create_engine(url: str, fast_commit: bool = False) -> sa.Engine:
    """An engine for ``url``; ``fast_commit`` lets PostgreSQL acknowledge commits before flushing them."""
    if url.startswith("sqlite"):
        return _sqlite_engine(url)
    engine = sa.create_engine(url, pool_recycle=300, pool_size=2, max_overflow=4)
    if fast_commit:
        @sa.event.listens_for(engine, "connect")
        def _connect(dbapi_connection, _record):
            with dbapi_connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit TO off")
            dbapi_connection.commit()
    return engine


def _sqlite_engine(url: str) -> sa.Engine:
    path = url.split("///", 1)[1] if "///" in url else ""
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": 60})

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # transactions are begun below, IMMEDIATE
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _insert(conn: Connection, table: sa.Table):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise RuntimeError(f"unsupported database {conn.dialect.name}")
    return insert(table)


def insert_ignore(conn: Connection, table: sa.Table, rows: Sequence[Mapping] | Mapping) -> int:
    """Insert the row (or rows) whose key is not there yet; return how many were inserted."""
    rows = [rows] if isinstance(rows, Mapping) else list(rows)
    return len(insert_ignore_many(conn, table, rows)) if rows else 0


def increment_many(conn: Connection, table: sa.Table, key_rows: Sequence[Mapping], column: str) -> dict:
    """Add one to ``column`` of each row with these keys (creating it at 1), as one executemany;
    return {first key value: new count}."""
    keys = list(key_rows[0])
    stmt = _insert(conn, table)
    stmt = stmt.on_conflict_do_update(index_elements=keys, set_={column: getattr(table.c, column) + 1})
    first = getattr(table.c, keys[0])
    rows = [{**k, column: 1} for k in key_rows]
    return dict(conn.execute(stmt.returning(first, getattr(table.c, column)),
                             rows).all())


def upsert_many(conn: Connection, table: sa.Table, rows: Sequence[Mapping], update: Sequence[str]) -> None:
    """Insert the rows, or overwrite the ``update`` columns of those whose key is there, as one
    executemany (one compiled statement, batched by the driver)."""
    stmt = _insert(conn, table)
    keys = [c.name for c in table.primary_key.columns]
    conn.execute(stmt.on_conflict_do_update(index_elements=keys,
                                            set_={name: getattr(stmt.excluded, name) for name in update}),
                 list(rows))


def insert_ignore_many(conn: Connection, table: sa.Table, rows: Sequence[Mapping]) -> set:
    """Insert the rows whose key is not there yet; return the first key of those inserted."""
    first = list(table.primary_key.columns)[0]
    stmt = _insert(conn, table).on_conflict_do_nothing().returning(first)
    return set(conn.execute(stmt, list(rows)).scalars())
