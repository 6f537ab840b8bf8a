"""The labeled corpus: JSONL lines of text, spans and meta (DESIGN.md §5).

One line is ``{"text", "spans": [{"start", "end", "label", "value"}], "meta":
{"source", "split", ...}}``; ``label`` is a metric id and ``value`` the number
the span states (0 for 未收到…).  The same span may carry two labels when a
negation covers two metrics (未发生行政复议、行政诉讼).  Label Studio and
doccano are the annotation tools auditors and maintainers use, so lines
convert to and from their JSON without losing the value.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from gidar.domain import number_from_json, number_to_json


@dataclass(frozen=True)
class LabelSpan:
    start: int
    end: int
    label: str  # metric id
    value: Decimal | None = None

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "label": self.label,
                "value": number_to_json(self.value)}

    @classmethod
    def from_dict(cls, d: Mapping) -> "LabelSpan":
        return cls(int(d["start"]), int(d["end"]), str(d["label"]), number_from_json(d.get("value")))


@dataclass(frozen=True)
class LabeledText:
    text: str
    spans: tuple[LabelSpan, ...] = ()
    meta: Mapping = field(default_factory=dict)

    @property
    def split(self) -> str:
        return str(self.meta.get("split", "train"))

    def to_dict(self) -> dict:
        return {"text": self.text, "spans": [s.to_dict() for s in self.spans], "meta": dict(self.meta)}

    @classmethod
    def from_dict(cls, d: Mapping) -> "LabeledText":
        spans = tuple(LabelSpan.from_dict(s) for s in d.get("spans", ()))
        return cls(d["text"], spans, dict(d.get("meta") or {}))


class LabelError(ValueError):
    """A label line that cannot be right: a span outside its text, no metric, no text."""


def validate(line: LabeledText) -> LabeledText:
    for s in line.spans:
        if not (0 <= s.start < s.end <= len(line.text)):
            raise LabelError(f"span {s.start}-{s.end} outside a text of {len(line.text)} characters")
        if not s.label:
            raise LabelError(f"span {s.start}-{s.end} has no metric")
    return line


# ------------------------------------------------------------------ JSONL


def read_jsonl(path: str | Path) -> list[LabeledText]:
    lines = []
    with open(path, encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            if raw.strip():
                try:
                    lines.append(validate(LabeledText.from_dict(json.loads(raw))))
                except (LabelError, KeyError, json.JSONDecodeError) as exc:
                    raise LabelError(f"{path}:{n}: {exc}") from exc
    return lines


def write_jsonl(lines: Iterable[LabeledText], path: str | Path) -> int:
    """Write atomically (temp file, then rename) so a reader never sees half a corpus."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    count = 0
    with open(tmp, "w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(json.dumps(line.to_dict(), ensure_ascii=False) + "\n")
            count += 1
    tmp.replace(path)
    return count


def corpus_files(corpus_dir: str | Path) -> list[Path]:
    """Every label file of a corpus directory (``labels/*.jsonl`` or the directory itself)."""
    root = Path(corpus_dir)
    labels = root / "labels" if (root / "labels").is_dir() else root
    return sorted(labels.glob("*.jsonl"))


def read_corpus(corpus_dir: str | Path, splits: Iterable[str] | None = None) -> list[LabeledText]:
    wanted = set(splits) if splits is not None else None
    out = []
    for path in corpus_files(corpus_dir):
        for line in read_jsonl(path):
            if wanted is None or line.split in wanted:
                out.append(line)
    return out


def data_hash(lines: Iterable[LabeledText]) -> str:
    """A stable hash of the labels; training is skipped when it has not changed."""
    h = hashlib.sha256()
    for line in lines:
        h.update(json.dumps(line.to_dict(), ensure_ascii=False, sort_keys=True).encode())
        h.update(b"\n")
    return h.hexdigest()


# ------------------------------------------------------------------ statistics


def stats(lines: Iterable[LabeledText]) -> dict[str, dict[str, int]]:
    """Span counts per metric and split (``{"<metric>": {"<split>": n}}``), plus texts per split."""
    table: dict[str, Counter] = defaultdict(Counter)
    for line in lines:
        table["(texts)"][line.split] += 1
        for s in line.spans:
            table[s.label][line.split] += 1
    return {m: dict(c) for m, c in sorted(table.items())}


def format_stats(table: Mapping[str, Mapping[str, int]]) -> str:
    splits = sorted({s for row in table.values() for s in row})
    width = max([len(m) for m in table] + [6])
    head = "metric".ljust(width) + "".join(f"{s:>12}" for s in splits) + f"{'total':>10}"
    rows = [head, "-" * len(head)]
    for metric, row in table.items():
        rows.append(metric.ljust(width) + "".join(f"{row.get(s, 0):>12}" for s in splits)
                    + f"{sum(row.values()):>10}")
    return "\n".join(rows)


# ------------------------------------------------------------------ corrections


def corrections_to_labels(rows: Iterable[Mapping], split: str = "train") -> list[LabeledText]:
    """Auditors' corrections (``{text, start, end, metric, value}``) as label lines.

    Rows about the same text become one line, so a text corrected twice trains
    once with both spans; the newest row for the same span and metric wins.
    """
    by_text: dict[str, dict[tuple, LabelSpan]] = {}
    sources: dict[str, str] = {}
    for row in rows:
        text = row["text"]
        span = LabelSpan(int(row["start"]), int(row["end"]), row["metric"], _decimal(row.get("value")))
        by_text.setdefault(text, {})[(span.start, span.end, span.label)] = span
        sources.setdefault(text, str(row.get("source") or "correction"))
    out = []
    for text, spans in by_text.items():
        ordered = tuple(sorted(spans.values(), key=lambda s: (s.start, s.end, s.label)))
        out.append(validate(LabeledText(text, ordered, {"source": sources[text], "split": split,
                                                        "origin": "correction"})))
    return out


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _value_of(text: str) -> Decimal | None:
    """The number a span states, for tools that keep no value (0 when it states none)."""
    try:
        from extractors.numbers import parse_number
    except ImportError:  # pragma: no cover - the number parser ships with extractors
        parse_number = None
    if parse_number is not None:
        try:
            parsed = parse_number(text)
        except (ValueError, TypeError):
            parsed = None
        if parsed is not None:
            return getattr(parsed, "value", parsed)
    digits = "".join(ch for ch in text if ch.isdigit() or ch == ".")
    return _decimal(digits) if digits else Decimal(0)


# ------------------------------------------------------------------ Label Studio


def to_label_studio(lines: Iterable[LabeledText]) -> list[dict]:
    """Label Studio tasks with their annotations; the value rides in the region's meta."""
    tasks = []
    for n, line in enumerate(lines):
        results = [{"id": f"s{n}-{k}", "from_name": "label", "to_name": "text", "type": "labels",
                    "value": {"start": s.start, "end": s.end, "text": line.text[s.start:s.end],
                              "labels": [s.label]},
                    "meta": {"text": [] if s.value is None else [str(number_to_json(s.value))]}}
                   for k, s in enumerate(line.spans)]
        tasks.append({"data": {"text": line.text, "meta": dict(line.meta)},
                      "annotations": [{"result": results}]})
    return tasks


def from_label_studio(tasks: list[Mapping], split: str = "train") -> list[LabeledText]:
    out = []
    for task in tasks:
        data = task.get("data") or {}
        text = data.get("text", "")
        meta = dict(data.get("meta") or {"source": "label-studio"})
        meta.setdefault("split", split)
        annotations = task.get("annotations") or task.get("completions") or []
        results = annotations[-1].get("result", []) if annotations else []
        spans = []
        for r in results:
            v = r.get("value") or {}
            if "start" not in v:
                continue
            notes = (r.get("meta") or {}).get("text") or []
            value = _decimal(notes[0]) if notes else _value_of(text[v["start"]:v["end"]])
            for label in v.get("labels", []):
                spans.append(LabelSpan(int(v["start"]), int(v["end"]), label, value))
        out.append(validate(LabeledText(text, tuple(spans), meta)))
    return out


# ------------------------------------------------------------------ doccano


def to_doccano(lines: Iterable[LabeledText]) -> list[dict]:
    """doccano's sequence-labeling JSONL (``label: [[start, end, tag]]``); values kept beside."""
    return [{"text": line.text, "label": [[s.start, s.end, s.label] for s in line.spans],
             "values": [number_to_json(s.value) for s in line.spans], "meta": dict(line.meta)}
            for line in lines]


def from_doccano(records: list[Mapping], split: str = "train") -> list[LabeledText]:
    """Both doccano shapes: ``label: [[s, e, tag]]`` and ``entities: [{start_offset, …}]``."""
    out = []
    for rec in records:
        text = rec["text"]
        if "entities" in rec:
            triples = [(e["start_offset"], e["end_offset"], e["label"]) for e in rec["entities"]]
        else:
            triples = [tuple(t) for t in rec.get("label", [])]
        values = rec.get("values") or [None] * len(triples)
        spans = tuple(LabelSpan(int(s), int(e), str(tag),
                                _decimal(v) if v is not None else _value_of(text[s:e]))
                      for (s, e, tag), v in zip(triples, values))
        meta = dict(rec.get("meta") or {"source": "doccano"})
        meta.setdefault("split", split)
        out.append(validate(LabeledText(text, spans, meta)))
    return out


def load_any(path: str | Path, split: str = "train") -> list[LabeledText]:
    """Read labels in any supported shape, recognised by content, not by file name."""
    raw = Path(path).read_text(encoding="utf-8").strip()
    if not raw:
        return []
    if raw.startswith("["):
        records = json.loads(raw)
    else:
        records = [json.loads(r) for r in raw.splitlines() if r.strip()]
    if not records:
        return []
    first = records[0]
    if "data" in first:
        return from_label_studio(records, split)
    if "spans" in first:
        return [validate(LabeledText.from_dict(r)) for r in records]
    return from_doccano(records, split)


def with_split(lines: Iterable[LabeledText], split: str) -> list[LabeledText]:
    return [replace(line, meta={**line.meta, "split": split}) for line in lines]
