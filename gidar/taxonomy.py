"""The metric taxonomy of narrative claims (DESIGN.md §3) and the cells each reconciles with.

A cell expression is a tuple of cell ids whose sum the claim should equal.
``ALTERNATIVES`` lists the neighbouring quantities agencies often mean
(收到 N件 where N = 新收 + 上年结转): a claim that misses its own expression
but equals one of these is reported as 口径可能不同, not as an error.
"""
from __future__ import annotations

from extractors.layouts import TABLE3_ORG_COLUMNS, TABLE3_ROWS_2021, TABLE3_ROWS_OLD


def _t3_group(group: str, column: str = "total", rows=TABLE3_ROWS_2021) -> tuple[str, ...]:
    return tuple(f"t3.{r.key}.{column}" for r in rows if r.key.split(".")[0] == group)


# metric id -> Chinese name (for messages and the UI)
METRICS: dict[str, str] = {
    "proactive.total": "主动公开信息总数",
    "proactive.part": "主动公开信息分项",
    "proactive.regulations_issued": "本年制发规章",
    "proactive.regulations_repealed": "本年废止规章",
    "proactive.regulations_in_force": "现行有效规章",
    "proactive.normative_docs_issued": "本年制发行政规范性文件",
    "proactive.normative_docs_repealed": "本年废止行政规范性文件",
    "proactive.normative_docs_in_force": "现行有效行政规范性文件",
    "proactive.licensing": "行政许可处理决定",
    "proactive.penalty": "行政处罚处理决定",
    "proactive.coercion": "行政强制处理决定",
    "requests.received": "收到（新收）政府信息公开申请",
    "requests.received_natural_person": "自然人申请",
    "requests.received_legal_entity": "法人或其他组织申请",
    "requests.carried_over": "上年结转申请",
    "requests.handled": "办结（答复）申请",
    "requests.granted": "予以公开",
    "requests.partially_granted": "部分公开",
    "requests.denied": "不予公开",
    "requests.unable": "无法提供",
    "requests.not_processed": "不予处理",
    "requests.carried_forward": "结转下年度办理",
    "review.total": "行政复议",
    "review.corrected": "行政复议被纠错",
    "review.upheld": "行政复议结果维持",
    "review.other": "行政复议其他结果",
    "review.pending": "行政复议尚未审结",
    "litigation.total": "行政诉讼",
    "litigation.corrected": "行政诉讼被纠错",
    "litigation.upheld": "行政诉讼结果维持",
    "litigation.other": "行政诉讼其他结果",
    "litigation.pending": "行政诉讼尚未审结",
    "fees.info_processing": "信息处理费",
    "other": "其他数字",
}

# Metrics with a table counterpart: the ones whose F1 the quality bar is about.
_T2_2021 = {
    "proactive.regulations_issued": ("t2.regulations.issued",),
    "proactive.regulations_repealed": ("t2.regulations.repealed",),
    "proactive.regulations_in_force": ("t2.regulations.in_force",),
    "proactive.normative_docs_issued": ("t2.normative_docs.issued",),
    "proactive.normative_docs_repealed": ("t2.normative_docs.repealed",),
    "proactive.normative_docs_in_force": ("t2.normative_docs.in_force",),
    "proactive.licensing": ("t2.licensing.decisions",),
    "proactive.penalty": ("t2.penalty.decisions",),
    "proactive.coercion": ("t2.coercion.decisions",),
}
_T2_2019 = {
    "proactive.regulations_issued": ("t2.regulations.made",),
    "proactive.regulations_in_force": ("t2.regulations.public_total",),
    "proactive.normative_docs_issued": ("t2.normative_docs.made",),
    "proactive.normative_docs_in_force": ("t2.normative_docs.public_total",),
    "proactive.licensing": ("t2.licensing.decisions",),
    "proactive.penalty": ("t2.penalty.decisions",),
    "proactive.coercion": ("t2.coercion.decisions",),
}
_COMMON = {
    "requests.received": ("t3.new_received.total",),
    "requests.received_natural_person": ("t3.new_received.natural_person",),
    "requests.received_legal_entity": tuple(f"t3.new_received.{c}" for c in TABLE3_ORG_COLUMNS),
    "requests.carried_over": ("t3.carried_over.total",),
    "requests.handled": ("t3.total_processed.total",),
    "requests.granted": ("t3.granted.total",),
    "requests.partially_granted": ("t3.partially_granted.total",),
    "requests.denied": _t3_group("denied"),
    "requests.unable": _t3_group("unable"),
    "requests.not_processed": _t3_group("not_processed"),
    "requests.carried_forward": ("t3.carried_to_next_year.total",),
    "review.total": ("t4.review.total",),
    "review.corrected": ("t4.review.corrected",),
    "litigation.total": ("t4.litigation_direct.total", "t4.litigation_after_review.total"),
    "litigation.corrected": ("t4.litigation_direct.corrected", "t4.litigation_after_review.corrected"),
    **{f"review.{c}": (f"t4.review.{c}",) for c in ("upheld", "other", "pending")},
    **{f"litigation.{c}": (f"t4.litigation_direct.{c}", f"t4.litigation_after_review.{c}")
       for c in ("upheld", "other", "pending")},
}


def cell_expression(metric: str, format_version: str | None) -> tuple[str, ...] | None:
    """The cells whose sum a claim of ``metric`` should equal, or None."""
    t2 = _T2_2019 if format_version == "2019" else _T2_2021
    return t2.get(metric) or _COMMON.get(metric)


RECONCILED_METRICS = tuple(sorted(set(_T2_2021) | set(_COMMON)))

# Neighbouring quantities an agency may mean: (label, cells).
ALTERNATIVES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "requests.received": (
        ("新收与上年结转之和", ("t3.new_received.total", "t3.carried_over.total")),
        ("（七）总计", ("t3.total_processed.total",)),
    ),
    "requests.handled": (
        ("本年新收", ("t3.new_received.total",)),
        ("新收与上年结转之和", ("t3.new_received.total", "t3.carried_over.total")),
        ("（七）总计与结转下年度之和", ("t3.total_processed.total", "t3.carried_to_next_year.total")),
    ),
    "requests.granted": (
        ("予以公开与部分公开之和", ("t3.granted.total", "t3.partially_granted.total")),
    ),
    "requests.denied": (("不予公开（旧口径）", _t3_group("denied", rows=TABLE3_ROWS_OLD)),),
    "review.total": (),
    "litigation.total": (
        ("未经复议直接起诉", ("t4.litigation_direct.total",)),
        ("复议后起诉", ("t4.litigation_after_review.total",)),
    ),
}
