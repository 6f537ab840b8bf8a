"""The domain of gidar as small frozen dataclasses.

Every stage of the pipeline takes and returns these values; nothing is
mutated in place (new values come from ``dataclasses.replace``).  Each type
round-trips through ``to_dict``/``from_dict`` so results can cross process
boundaries as JSON (Celery, the store, the web UI) without pickle.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any, Mapping

SCHEMA_VERSION = 1

# Cell states (DESIGN.md §2).
VALUE, BLANK, NA, UNREADABLE = "value", "blank", "na", "unreadable"
CELL_STATES = (VALUE, BLANK, NA, UNREADABLE)

# Claim bounds (DESIGN.md §3).
EXACT, AT_LEAST, ABOUT = "exact", "at_least", "about"

# Finding severities, most severe first.
ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)


def number_to_json(value: Decimal | None) -> int | float | None:
    """Integers stay integers in JSON; decimals (万元 amounts) become floats."""
    if value is None:
        return None
    whole = int(value)  # cheaper than to_integral_value(); called for every cell of every result
    return whole if whole == value else float(value)


def number_from_json(value: Any) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value))


# --------------------------------------------------------------------------
# Loading


@dataclass(frozen=True)
class SourceCell:
    """One cell of a table as the source's own structure gives it."""

    text: str
    start: int  # offsets of the cell's text in Document.text
    end: int
    colspan: int = 1
    rowspan: int = 1
    # Why the loader could not read this cell with certainty (e.g. a number cut
    # by a ruling line); empty when readable.  An unreadable cell has text ""
    # and its start/end span what the source showed.
    unreadable: str = ""

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end,
                "colspan": self.colspan, "rowspan": self.rowspan, "unreadable": self.unreadable}

    @classmethod
    def from_dict(cls, d: Mapping) -> "SourceCell":
        return cls(d["text"], d["start"], d["end"], d.get("colspan", 1), d.get("rowspan", 1),
                   d.get("unreadable", ""))


@dataclass(frozen=True)
class SourceTable:
    """A table from a source with structure (docx/html elements, PDF ruling lines).

    Rows hold the cells as the source lists them; ``colspan``/``rowspan`` say
    how merged cells spread.  ``grid()`` expands merges into a rectangle.
    """

    rows: tuple[tuple[SourceCell, ...], ...]
    start: int
    end: int
    page: int | None = None

    def grid(self) -> list[list[SourceCell | None]]:
        """The table as a rectangle; a merged cell fills every slot it covers."""
        grid: list[list[SourceCell | None]] = []
        pending: dict[tuple[int, int], SourceCell] = {}
        for r, row in enumerate(self.rows):
            out: list[SourceCell | None] = []
            c = 0
            cells = iter(row)
            while True:
                if (r, c) in pending:
                    out.append(pending.pop((r, c)))
                    c += 1
                    continue
                cell = next(cells, None)
                if cell is None:
                    break
                for dc in range(max(cell.colspan, 1)):
                    out.append(cell)
                    for dr in range(1, max(cell.rowspan, 1)):
                        pending[(r + dr, c + dc)] = cell
                c += max(cell.colspan, 1)
            while (r, c) in pending:
                out.append(pending.pop((r, c)))
                c += 1
            grid.append(out)
        width = max((len(r) for r in grid), default=0)
        return [r + [None] * (width - len(r)) for r in grid]

    def to_dict(self) -> dict:
        return {"rows": [[c.to_dict() for c in row] for row in self.rows],
                "start": self.start, "end": self.end, "page": self.page}

    @classmethod
    def from_dict(cls, d: Mapping) -> "SourceTable":
        return cls(tuple(tuple(SourceCell.from_dict(c) for c in row) for row in d["rows"]),
                   d["start"], d["end"], d.get("page"))


@dataclass(frozen=True)
class Document:
    """A report as loaded: its text, and its tables where the source has structure.

    ``text`` is what every offset in the result indexes: for a .txt file the
    decoded file itself; for pdf/docx/html the text the loader extracted.
    """

    source: str
    sha256: str
    kind: str  # "txt" | "pdf" | "docx" | "html"
    text: str
    encoding: str | None = None
    page_starts: tuple[int, ...] = ()  # offset at which page i+1 begins
    tables: tuple[SourceTable, ...] = ()

    def page_at(self, offset: int | None) -> int | None:
        if offset is None or not self.page_starts:
            return None
        return bisect.bisect_right(self.page_starts, offset)


# --------------------------------------------------------------------------
# Sections and tables


@dataclass(frozen=True)
class Section:
    """A span of the document: one of the six standard sections, or preamble/trailer."""

    id: str  # preamble, overview, proactive, requests, review, problems, other, trailer
    title: str
    start: int
    end: int
    number: int | None = None  # 1..6 for the standard sections

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "start": self.start, "end": self.end,
                "number": self.number}

    @classmethod
    def from_dict(cls, d: Mapping) -> "Section":
        return cls(d["id"], d["title"], d["start"], d["end"], d.get("number"))


@dataclass(frozen=True)
class Cell:
    """One cell of a standard table, by canonical id (DESIGN.md §2)."""

    id: str
    state: str  # value | blank | na | unreadable
    value: Decimal | None = None
    raw: str = ""
    start: int | None = None
    end: int | None = None
    page: int | None = None
    note: str = ""  # why a cell is unreadable

    def to_dict(self) -> dict:
        return {"value": number_to_json(self.value), "state": self.state, "raw": self.raw,
                "start": self.start, "end": self.end, "page": self.page, "note": self.note}

    @classmethod
    def from_dict(cls, cell_id: str, d: Mapping) -> "Cell":
        return cls(cell_id, d["state"], number_from_json(d.get("value")), d.get("raw", ""),
                   d.get("start"), d.get("end"), d.get("page"), d.get("note", ""))


@dataclass(frozen=True)
class TableProblem:
    """Something the table parser could not read with certainty; becomes a structure finding."""

    table: str  # "t2" | "t3" | "t4"
    code: str  # e.g. "row_field_count", "empty_columns", "table_missing"
    message: str  # Chinese, for the auditor
    cells: tuple[str, ...] = ()
    start: int | None = None
    end: int | None = None
    severity: str = "warning"

    def to_dict(self) -> dict:
        return {"table": self.table, "code": self.code, "message": self.message,
                "cells": list(self.cells), "start": self.start, "end": self.end,
                "severity": self.severity}

    @classmethod
    def from_dict(cls, d: Mapping) -> "TableProblem":
        return cls(d["table"], d["code"], d["message"], tuple(d.get("cells", ())),
                   d.get("start"), d.get("end"), d.get("severity", "warning"))


@dataclass(frozen=True)
class Tables:
    """The standard tables of one report as cell id → Cell."""

    cells: Mapping[str, Cell] = field(default_factory=dict)
    format_version: str | None = None  # table 2 version: "2021" | "2019"
    problems: tuple[TableProblem, ...] = ()
    found: tuple[str, ...] = ()  # which tables were found: "t2", "t3", "t4"

    def value(self, cell_id: str) -> Decimal | None:
        cell = self.cells.get(cell_id)
        return cell.value if cell is not None and cell.state == VALUE else None

    def to_dict(self) -> dict:
        return {cid: c.to_dict() for cid, c in self.cells.items()}


# --------------------------------------------------------------------------
# Claims and findings


@dataclass(frozen=True)
class Claim:
    """One numeric statement of the narrative (DESIGN.md §3)."""

    metric: str
    value: Decimal
    start: int
    end: int
    text: str
    unit: str | None = None
    bound: str = EXACT
    year: int | None = None
    scope: tuple[str, ...] = ()
    parent: int | None = None  # index of the claim this one is part of
    tagger: str = "rule"
    score: float = 1.0
    section: str | None = None
    topic: str | None = None  # for metric "other": what it counts
    pattern: str | None = None  # which pattern or model produced it
    sentence_start: int | None = None
    sentence_end: int | None = None

    def to_dict(self) -> dict:
        return {"metric": self.metric, "value": number_to_json(self.value), "unit": self.unit,
                "bound": self.bound, "start": self.start, "end": self.end, "text": self.text,
                "year": self.year, "parent": self.parent, "tagger": self.tagger,
                "score": round(self.score, 4), "scope": list(self.scope),
                "section": self.section, "topic": self.topic, "pattern": self.pattern,
                "sentence_start": self.sentence_start, "sentence_end": self.sentence_end}

    @classmethod
    def from_dict(cls, d: Mapping) -> "Claim":
        return cls(metric=d["metric"], value=number_from_json(d["value"]), start=d["start"],
                   end=d["end"], text=d["text"], unit=d.get("unit"), bound=d.get("bound", EXACT),
                   year=d.get("year"), scope=tuple(d.get("scope", ())), parent=d.get("parent"),
                   tagger=d.get("tagger", "rule"), score=d.get("score", 1.0),
                   section=d.get("section"), topic=d.get("topic"), pattern=d.get("pattern"),
                   sentence_start=d.get("sentence_start"), sentence_end=d.get("sentence_end"))


@dataclass(frozen=True)
class Finding:
    """What an auditor reads: a rule broken, with its evidence (DESIGN.md §4)."""

    rule: str
    kind: str  # table_arithmetic | narrative_internal | narrative_vs_table | cross_year | structure
    severity: str  # error | warning | info
    message: str  # Chinese
    confidence: float = 1.0
    expected: Any = None
    actual: Any = None
    cells: tuple[str, ...] = ()
    claims: tuple[int, ...] = ()
    table: str | None = None
    row: str | None = None
    column: str | None = None

    def to_dict(self) -> dict:
        def plain(v):
            return number_to_json(v) if isinstance(v, Decimal) else v
        return {"rule": self.rule, "kind": self.kind, "severity": self.severity,
                "confidence": round(self.confidence, 3), "message": self.message,
                "expected": plain(self.expected), "actual": plain(self.actual),
                "cells": list(self.cells), "claims": list(self.claims),
                "table": self.table, "row": self.row, "column": self.column}

    @classmethod
    def from_dict(cls, d: Mapping) -> "Finding":
        return cls(rule=d["rule"], kind=d["kind"], severity=d["severity"], message=d["message"],
                   confidence=d.get("confidence", 1.0), expected=d.get("expected"),
                   actual=d.get("actual"), cells=tuple(d.get("cells", ())),
                   claims=tuple(d.get("claims", ())), table=d.get("table"), row=d.get("row"),
                   column=d.get("column"))


@dataclass(frozen=True)
class ReportInfo:
    agency: str | None = None
    year: int | None = None
    format_version: str | None = None

    def to_dict(self) -> dict:
        return {"agency": self.agency, "year": self.year, "format_version": self.format_version}


@dataclass(frozen=True)
class InputError:
    code: str
    message: str

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class ReportResult:
    """Everything gidar knows about one document; the JSON contract of DESIGN.md §7."""

    source: str
    sha256: str
    status: str  # "ok" | "failed"
    error: InputError | None = None
    report: ReportInfo = ReportInfo()
    sections: tuple[Section, ...] = ()
    tables: Tables = Tables()
    claims: tuple[Claim, ...] = ()
    findings: tuple[Finding, ...] = ()
    kind: str | None = None
    pipeline_version: str = ""
    timings: Mapping[str, float] = field(default_factory=dict, compare=False)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == ERROR for f in self.findings)

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "sha256": self.sha256,
            "status": self.status,
            "error": self.error.to_dict() if self.error else None,
            "report": self.report.to_dict(),
            "sections": [s.to_dict() for s in self.sections],
            "tables": self.tables.to_dict(),
            "claims": [c.to_dict() for c in self.claims],
            "findings": [f.to_dict() for f in self.findings],
            "kind": self.kind,
            "format_version": self.tables.format_version,
            "table_problems": [p.to_dict() for p in self.tables.problems],
            "tables_found": list(self.tables.found),
            "pipeline_version": self.pipeline_version,
            "schema_version": SCHEMA_VERSION,
        }

    @classmethod
    def from_dict(cls, d: Mapping) -> "ReportResult":
        err = d.get("error")
        rep = d.get("report") or {}
        return cls(
            source=d["source"], sha256=d["sha256"], status=d["status"],
            error=InputError(err["code"], err["message"]) if err else None,
            report=ReportInfo(rep.get("agency"), rep.get("year"), rep.get("format_version")),
            sections=tuple(Section.from_dict(s) for s in d.get("sections", ())),
            tables=Tables(
                cells={cid: Cell.from_dict(cid, c) for cid, c in (d.get("tables") or {}).items()},
                format_version=d.get("format_version"),
                problems=tuple(TableProblem.from_dict(p) for p in d.get("table_problems", ())),
                found=tuple(d.get("tables_found", ())),
            ),
            claims=tuple(Claim.from_dict(c) for c in d.get("claims", ())),
            findings=tuple(Finding.from_dict(f) for f in d.get("findings", ())),
            kind=d.get("kind"),
            pipeline_version=d.get("pipeline_version", ""),
        )


__all__ = [n for n in dir() if not n.startswith("_") and n not in {"annotations", "fields"}]
