"""The store's tables and the ordered migrations that build them.

The schema is versioned: ``schema_version`` holds the number of the last
migration applied, and ``migrate`` applies the missing ones in order, each in
its own transaction.  A new column or table is a new function appended to
``MIGRATIONS``; an applied migration is never edited.
"""
from __future__ import annotations

from typing import Callable

from sqlalchemy import (BigInteger, Column, Float, Index, Integer, LargeBinary, MetaData, String, Table, Text,
                        UniqueConstraint, inspect, select)
from sqlalchemy.engine import Connection

metadata = MetaData()

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, nullable=False),
)

documents = Table(
    "documents", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("source", Text, nullable=False, default=""),  # path as first submitted
    Column("agency", Text),
    Column("agency_key", Text),
    Column("region", Text),
    Column("year", Integer),
    Column("status", String(16), nullable=False, default="pending"),  # pending | ok | failed
    Column("error_code", String(40)),
    Column("error_message", Text),
    Column("size", BigInteger),
    Column("location", Text),  # "store" | "dir:<relative path>" | "path:<absolute path>"
    Column("result_version", String(120)),  # the pipeline version of the current result
    Column("updated_at", Float),
)
Index("ix_documents_agency_key_year", documents.c.agency_key, documents.c.year)
Index("ix_documents_region", documents.c.region)

blobs = Table(
    "blobs", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("content", LargeBinary, nullable=False),
)

results = Table(
    "results", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("pipeline_version", String(120), primary_key=True),
    Column("status", String(16), nullable=False),
    Column("result", Text, nullable=False),  # ReportResult.to_dict() as JSON
    Column("created_at", Float, nullable=False),
)

findings = Table(
    "findings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sha256", String(64), nullable=False),
    Column("pipeline_version", String(120), nullable=False),
    Column("idx", Integer, nullable=False),  # position in the result's findings (pipeline findings first)
    Column("rule", String(120), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("severity", String(16), nullable=False),
    Column("confidence", Float),
    Column("message", Text, nullable=False),
    Column("table_id", String(8)),
    Column("row_id", String(80)),
    Column("column_id", String(40)),
    Column("expected", Text),  # JSON
    Column("actual", Text),  # JSON
    Column("evidence", Text),  # JSON: cells with values, claims with values and spans
    Column("fingerprint", String(64), nullable=False),
    Column("agency_key", Text),
    Column("region", Text),
    Column("year", Integer),
    UniqueConstraint("sha256", "pipeline_version", "fingerprint", name="uq_findings_fingerprint"),
)
Index("ix_findings_doc", findings.c.sha256, findings.c.pipeline_version)
Index("ix_findings_filters", findings.c.year, findings.c.severity, findings.c.kind)
Index("ix_findings_agency", findings.c.agency_key)
Index("ix_findings_region", findings.c.region)
Index("ix_findings_fingerprint", findings.c.fingerprint)

jobs = Table(
    "jobs", metadata,
    Column("id", String(40), primary_key=True),
    Column("name", Text),
    Column("pipeline_version", String(120)),
    Column("queue", String(120)),
    Column("created_at", Float, nullable=False),
)

job_items = Table(
    "job_items", metadata,
    Column("job_id", String(40), primary_key=True),
    Column("sha256", String(64), primary_key=True),
    Column("source", Text, nullable=False),
    Column("state", String(16), nullable=False),  # queued | running | done | failed
    Column("result_version", String(120)),
    Column("started_at", Float),
    Column("finished_at", Float),
)
Index("ix_job_items_state", job_items.c.job_id, job_items.c.state)

deliveries = Table(
    "deliveries", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("pipeline_version", String(120), primary_key=True),
    Column("count", Integer, nullable=False),
)

verdicts = Table(
    "verdicts", metadata,
    Column("fingerprint", String(64), primary_key=True),
    Column("status", String(16), nullable=False),  # confirmed | dismissed
    Column("comment", Text),
    Column("who", Text),
    Column("at", Float, nullable=False),
    Column("sha256", String(64)),  # the report it was given on (the fingerprint outlives it)
    Column("rule", String(120)),
)

corrections = Table(
    "corrections", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sha256", String(64), nullable=False),
    Column("claim_index", Integer, nullable=False),
    Column("claim", Text, nullable=False),  # the claim as the tagger gave it (JSON)
    Column("metric", String(80), nullable=False),  # the auditor's metric
    Column("value", Text),  # the auditor's value (a decimal as text)
    Column("comment", Text),
    Column("who", Text),
    Column("at", Float, nullable=False),
    UniqueConstraint("sha256", "claim_index", name="uq_corrections_claim"),
)


def _v1(conn: Connection) -> None:
    """The first schema: every table above."""
    metadata.create_all(conn, tables=[t for t in metadata.sorted_tables if t.name != "schema_version"])


def _v2(conn: Connection) -> None:
    """PostgreSQL: compress result JSON with lz4 rather than pglz, about four times cheaper to write.

    A result is ~30 KB of JSON; under pglz its compression was a third of a
    worker's store time.  Servers built without lz4 keep pglz.
    """
    if conn.dialect.name != "postgresql":
        return
    has_lz4 = conn.exec_driver_sql(
        "SELECT count(*) FROM pg_settings WHERE name = 'default_toast_compression' "
        "AND 'lz4' = ANY(enumvals)").scalar()
    if has_lz4:
        conn.exec_driver_sql("ALTER TABLE results ALTER COLUMN result SET COMPRESSION lz4")
        conn.exec_driver_sql("ALTER TABLE findings ALTER COLUMN evidence SET COMPRESSION lz4")


MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_v1, _v2)
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_version"):
        return 0
    return conn.execute(select(schema_version.c.version)).scalar() or 0


def migrate(engine) -> int:
    """Apply the migrations this database lacks; return the version it is at.

    Several workers may start at once against a fresh database; on PostgreSQL
    an advisory lock makes them take turns, on SQLite the file lock does.
    """
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7402411)")
        schema_version.create(conn, checkfirst=True)
        version = current_version(conn)
        if version > SCHEMA_VERSION:
            raise RuntimeError(f"the store is at schema version {version}, newer than this gidar "
                               f"({SCHEMA_VERSION}); upgrade gidar")
        for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
            step(conn)
            if number == 1 and version == 0:
                conn.execute(schema_version.insert().values(version=number))
            else:
                conn.execute(schema_version.update().values(version=number))
            version = number
    return version
