"""Reconciliation rules on hand-built tables and claims, and on the seed reports' gold."""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from extractors import layouts
from gidar.domain import (AT_LEAST, BLANK, ERROR, INFO, UNREADABLE, VALUE, WARNING, Cell, Claim, Document,
                          ReportInfo, Section, TableProblem, Tables)
from reconcile import RULES, reconcile
from reconcile.catalog import MONEY_UNITS
from reconcile.versus_tables import agrees
from tests.seed_gold import (GOLD_STEMS, finding_matches, gold_claims, gold_info, gold_tables, load_gold,
                             report_path)

D = Decimal
T3_ROWS = [r.key for r in layouts.TABLE3_ROWS_2021]
T3_COLS = [c.key for c in layouts.TABLE3_COLUMNS]
PERSON = ("natural_person", "total")  # the columns a natural person's application fills


def cells(values: dict) -> dict[str, Cell]:
    out = {}
    for cid, v in values.items():
        if v in (BLANK, UNREADABLE):
            out[cid] = Cell(cid, v)
        else:
            out[cid] = Cell(cid, VALUE, D(str(v)))
    return out


def consistent_values(new=21, carried=0, granted=20, partial=1, forward=0, review=0) -> dict:
    """A whole 2021 report's tables, consistent: natural persons' applications only."""
    values = {cid: 0 for cid in layouts.TABLE2_2021.cell_ids() + layouts.table3_cell_ids()
              + layouts.table4_cell_ids()}
    for col in PERSON:
        values[f"t3.new_received.{col}"] = new
        values[f"t3.carried_over.{col}"] = carried
        values[f"t3.granted.{col}"] = granted
        values[f"t3.partially_granted.{col}"] = partial
        values[f"t3.total_processed.{col}"] = granted + partial
        values[f"t3.carried_to_next_year.{col}"] = forward
    values["t4.review.upheld"] = values["t4.review.total"] = review
    return values


def tables(values: dict | None = None, **changes) -> Tables:
    values = dict(consistent_values() if values is None else values)
    values.update({k.replace("__", "."): v for k, v in changes.items()})
    return Tables(cells=cells(values), format_version="2021", found=("t2", "t3", "t4"))


def claim(metric: str, value, text: str | None = None, **kw) -> Claim:
    text = text or f"{value}件"
    return Claim(metric=metric, value=D(str(value)), start=0, end=len(text), text=text, **kw)


def run(table: Tables | None = None, claims=(), year=2023, text="", sections=()):
    document = Document("t.txt", "", "txt", text)
    return reconcile(document, tuple(sections), table if table is not None else tables(), tuple(claims),
                     ReportInfo("某乡人民政府", year, "2021"))


def rules(findings, severity=None) -> list[str]:
    return [f.rule for f in findings if severity is None or f.severity == severity]


# --------------------------------------------------------------------------
# Table arithmetic


def test_when_every_identity_holds_then_nothing_is_found():
    assert run() == ()


@pytest.mark.parametrize("changes, rule, cell", [
    ({"t3.total_processed.natural_person": 22}, "t3.outcome_total", "t3.total_processed.natural_person"),
    ({"t3.granted.total": 19}, "t3.row_total", "t3.granted.total"),
    ({"t3.carried_over.natural_person": 2, "t3.carried_over.total": 2}, "t3.column_balance",
     "t3.total_processed.natural_person"),
    ({"t4.review.total": 3}, "t4.group_total", "t4.review.total"),
    ({"t4.litigation_direct.pending": 1}, "t4.group_total", "t4.litigation_direct.total"),
    ({"t2.penalty.decisions": -1}, "table.negative_count", "t2.penalty.decisions"),
    ({"t2.licensing.decisions": 1.5}, "table.fractional_count", "t2.licensing.decisions"),
])
def test_when_a_cell_breaks_an_identity_then_an_arithmetic_error_names_it(changes, rule, cell):
    found = run(tables(**changes))
    hits = [f for f in found if f.rule == rule and cell in f.cells]
    assert hits and all(f.kind == "table_arithmetic" and f.severity == ERROR for f in hits)


def test_when_the_total_row_exceeds_the_outcomes_then_the_message_reads_like_an_auditor_writes_it():
    values = consistent_values(new=21, granted=20, partial=0)
    values["t3.total_processed.natural_person"] = 21
    found = [f for f in run(tables(values)) if f.rule == "t3.outcome_total" and f.column == "自然人"]
    assert [f.message for f in found] == ["表三“（七）总计”自然人列为21，但各办理结果之和为20"]
    assert (found[0].expected, found[0].actual, found[0].table, found[0].row) == (20, 21, "表三", "（七）总计")


@pytest.mark.parametrize("changes", [
    {"t2.fees.amount": 0.35},  # 万元: a decimal amount is fine
    {"t3.granted.natural_person": BLANK},  # blank is not 0: the identities over it are not checked
    {"t3.total_processed.total": UNREADABLE},
    {f"t4.review.{c.key}": BLANK for c in layouts.TABLE4_COLUMNS},
])
def test_when_inputs_are_blank_unreadable_or_amounts_then_no_arithmetic_error(changes):
    assert rules(run(tables(**changes)), ERROR) == []


def test_when_a_table4_group_is_blank_then_it_is_noted_not_read_as_zero():
    found = run(tables(**{f"t4.review.{c.key}": BLANK for c in layouts.TABLE4_COLUMNS}))
    assert rules(found) == ["structure.blank_row"] and found[0].severity == INFO


def test_when_a_blank_cell_stops_an_identity_then_the_skipped_checks_are_counted():
    found = run(tables(**{"t3.granted.natural_person": BLANK}))
    unchecked = [f for f in found if f.rule == "structure.unchecked"]
    assert len(unchecked) == 1 and "2项" in unchecked[0].message  # its row total, its column's outcomes


def test_when_the_table_has_the_older_single_other_row_then_outcomes_still_sum():
    values = {cid: 0 for cid in layouts.table3_cell_ids(layouts.TABLE3_ROWS_OLD)}
    values.update({"t3.other.natural_person": 2, "t3.other.total": 2, "t3.new_received.natural_person": 2,
                   "t3.new_received.total": 2, "t3.total_processed.natural_person": 2,
                   "t3.total_processed.total": 2})
    assert rules(run(tables(values)), ERROR) == []
    values["t3.total_processed.natural_person"] = values["t3.new_received.natural_person"] = 3
    assert "t3.outcome_total" in rules(run(tables(values)), ERROR)


# --------------------------------------------------------------------------
# Narrative internal


def breakdown(total, *parts, total_bound="exact"):
    out = [claim("proactive.total", total, f"{total}条", bound=total_bound, unit="条")]
    for part in parts:
        value, bound = (part[:-1], AT_LEAST) if str(part).endswith("余") else (part, "exact")
        out.append(claim("proactive.part", value, f"{part}条", bound=bound, unit="条", parent=0))
    return out


@pytest.mark.parametrize("claims, expected", [
    (breakdown(153, 55, 13, 75, 13), ["narrative.parts_sum"]),  # seed 001
    (breakdown(479, 63, 111, "300余"), []),  # seed 004: 余 is a lower bound
    (breakdown(784, 428, 356), []),
    (breakdown(100, 60, "50余"), ["narrative.parts_sum"]),  # 60 + at least 50 > 100
    (breakdown(1000, 600, 500, total_bound=AT_LEAST), []),  # 1000余 may be 1100
    (breakdown(1136, 13, 20), ["narrative.parts_short"]),  # 其中… need not list everything
    (breakdown(1136, 13), []),
])
def test_when_a_total_is_broken_down_then_only_parts_that_cannot_fit_are_an_error(claims, expected):
    assert rules(run(claims=claims)) == expected


def test_when_parts_exceed_the_total_then_expected_and_actual_and_evidence_are_given():
    (f,) = run(claims=breakdown(153, 55, 13, 75, 13))
    assert (f.kind, f.severity, f.expected, f.actual, f.claims) == ("narrative_internal", ERROR, 153, 156,
                                                                  (0, 1, 2, 3, 4))
    assert "153" in f.message and "156" in f.message and "55+13+75+13" in f.message


@pytest.mark.parametrize("second, expected", [
    (claim("requests.received", 12), ["narrative.restated"]),
    (claim("requests.received", 21), []),
    (claim("requests.received", 12, year=2022), []),  # another year
    (claim("requests.received", 12, scope=("区政府办",)), []),  # another scope
    (claim("requests.received", "20", bound=AT_LEAST), []),  # 20余 may be 21
])
def test_when_a_count_is_stated_twice_then_only_values_that_cannot_both_hold_are_flagged(second, expected):
    table = tables(**{"t3.new_received.total": BLANK})  # keep the table out of it
    found = run(table, claims=[claim("requests.received", 21), second])
    assert [r for r in rules(found) if r.startswith("narrative")] == expected


# --------------------------------------------------------------------------
# Narrative against tables


@pytest.mark.parametrize("the_claim, rule", [
    (claim("requests.received", 21), None),
    (claim("requests.received", 20), "claim.table_mismatch"),
    (claim("requests.received", 22), "claim.alternative_basis"),  # = 新收 21 + 上年结转 1
    (claim("requests.received", 0, "未收到政府信息公开申请"), "claim.zero_but_table"),
    (claim("requests.received", 12, scope=("区政府办",)), "claim.scoped_mismatch"),
    (claim("requests.received", 21, scope=("全区",)), None),
    (claim("requests.received", 20, year=2022), None),  # speaks of last year's table
    (claim("requests.received", "20", bound=AT_LEAST), None),
    (claim("requests.received", "30", bound=AT_LEAST), "claim.table_mismatch"),
    (claim("requests.handled", 21), None),
    (claim("requests.handled", 22), "claim.alternative_basis"),  # = 新收 + 上年结转
    (claim("requests.carried_over", 1, year=2022), None),  # 2022年结转 is this year's 上年结转
    (claim("requests.carried_over", 3, year=2022), "claim.table_mismatch"),
    (claim("requests.granted", 20), None),
    (claim("requests.received_natural_person", 21), None),
    (claim("review.total", 0, "未发生行政复议"), "claim.zero_but_table"),
    (claim("litigation.total", 0, "未发生行政诉讼"), None),
    (claim("proactive.licensing", 0), None),
    (claim("other", 99), None),
])
def test_when_a_claim_meets_its_cells_then_disagreements_are_explained_before_they_are_errors(the_claim, rule):
    values = consistent_values(new=21, carried=1, granted=20, partial=1, forward=1, review=2)
    found = [f for f in run(tables(values), claims=[the_claim]) if f.kind == "narrative_vs_table"]
    assert [f.rule for f in found] == ([rule] if rule else [])
    for f in found:
        assert f.claims == (0,) and f.cells and f.severity == RULES[rule].severity


def test_when_a_claim_disagrees_with_its_cell_then_the_message_names_the_cell_and_both_values():
    (f,) = run(tables(consistent_values(new=0, granted=0, partial=0)), claims=[claim("requests.received", 13, "13条")])
    assert (f.rule, f.expected, f.actual, f.cells) == ("claim.table_mismatch", 0, 13, ("t3.new_received.total",))
    assert "表三" in f.message and "总计" in f.message and "13" in f.message and f.message.endswith("为0")


def test_when_a_claim_is_scoped_then_it_is_a_warning_with_less_confidence_than_an_error():
    values = consistent_values(new=40, granted=40, partial=0)
    scoped, plain = (run(tables(values), claims=[claim("requests.received", 12, scope=s)])[0]
                     for s in (("区政府办",), ()))
    assert scoped.severity == WARNING and plain.severity == ERROR
    assert scoped.confidence < plain.confidence


def test_when_claim_cells_are_unreadable_then_the_claim_is_set_beside_them_not_compared():
    table = tables(**{f"t4.review.{c.key}": UNREADABLE for c in layouts.TABLE4_COLUMNS})
    found = run(table, claims=[claim("review.total", 0, "未发生行政复议案")])
    assert [f.kind for f in found] == ["structure"]
    assert found[0].claims == (0,) and "未发生行政复议案" in found[0].message


@pytest.mark.parametrize("value, expected", [(13, ["claim.blank_cell"]), (0, [])])
def test_when_claim_cells_are_blank_then_only_a_nonzero_claim_is_flagged(value, expected):
    table = tables(**{"t3.new_received.total": BLANK})
    found = run(table, claims=[claim("requests.received", value)])
    assert [f.rule for f in found if f.kind == "narrative_vs_table"] == expected


@pytest.mark.parametrize("value, unit, cell, agree", [
    ("3800", "元", "0.38", True),
    ("3800", "元", "0.4", False),
    ("380", "元", "0.04", True),  # 0.038万元 printed with two decimals
    ("1.5", "万元", "1.5", True),
    ("15000", "元", "1.6", False),
])
def test_when_money_is_stated_in_yuan_then_it_is_converted_to_the_cell_unit(value, unit, cell, agree):
    assert unit in MONEY_UNITS
    assert agrees(claim("fees.info_processing", value, unit=unit), D(cell), "万元") is agree


# --------------------------------------------------------------------------
# Structure


def test_when_the_parser_reports_a_problem_then_it_becomes_a_structure_finding():
    problem = TableProblem("t4", "row_field_count", "表四数据行有16个字段，但表格只有15个单元格",
                           cells=tuple(layouts.table4_cell_ids()), severity=WARNING)
    table = replace(tables(**{cid: UNREADABLE for cid in layouts.table4_cell_ids()}), problems=(problem,))
    found = run(table, claims=[claim("litigation.total", 0, "未发生行政诉讼案")])
    assert rules(found) == ["structure.table_problem.row_field_count"]
    assert found[0].message.startswith(problem.message) and found[0].claims == (0,)


def test_when_tables_and_sections_are_missing_then_each_is_named():
    sections = [Section("overview", "一、总体情况", 0, 10, 1), Section("proactive", "二、主动公开", 10, 20, 2)]
    table = Tables(cells={k: v for k, v in tables().cells.items() if not k.startswith("t4.")},
                   format_version="2021", found=("t2", "t3"))
    found = run(table, sections=sections)
    assert sorted(rules(found)) == ["structure.section_missing"] * 4 + ["structure.table_missing"]
    assert any("表四" in f.message for f in found)


def test_when_the_parser_already_reports_a_missing_table_then_it_is_not_repeated():
    problem = TableProblem("t4", "table_missing", "未找到表四")
    table = Tables(cells={k: v for k, v in tables().cells.items() if not k.startswith("t4.")},
                   format_version="2021", found=("t2", "t3"), problems=(problem,))
    assert rules(run(table)) == ["structure.table_problem.table_missing"]


def test_when_applicant_columns_are_blank_in_every_row_then_a_warning_names_them():
    changes = {f"t3.{r}.{c}": BLANK for r in T3_ROWS for c in ("natural_person", "commercial")}
    values = consistent_values(new=0, granted=0, partial=0)
    found = run(tables(values, **changes))
    blank = [f for f in found if f.rule == "structure.blank_column"]
    assert len(blank) == 1 and blank[0].severity == WARNING
    assert "自然人" in blank[0].message and "商业企业" in blank[0].message
    assert rules(found, ERROR) == []


@pytest.mark.parametrize("table, count", [("t3", 175), ("t4", 15)])
def test_when_a_whole_table_is_blank_then_one_warning_says_so_and_no_arithmetic_is_done(table, count):
    values = consistent_values(new=0, granted=0, partial=0)
    values.update({cid: BLANK for cid in values if cid.startswith(table + ".")})
    found = run(tables(values))
    assert rules(found) == ["structure.blank_table"]
    assert found[0].severity == WARNING and len(found[0].cells) == count and f"{count}个" in found[0].message


@pytest.mark.parametrize("text, claims, flagged", [
    ("统计期限为2022年1月1日至12月31日", [], True),
    ("统计期限为2023年1月1日至12月31日", [], False),
    ("", [claim("proactive.total", 5, year=2022), claim("requests.received", 21, year=2022)], True),
    ("", [claim("proactive.total", 5, year=2022), claim("requests.received", 21, year=2023)], False),
    ("", [claim("requests.carried_over", 1, year=2022), claim("requests.carried_over", 1, year=2022)], False),
])
def test_when_the_data_speak_of_another_year_then_a_structure_warning_says_so(text, claims, flagged):
    found = run(claims=claims, text=text)
    assert ("structure.data_year" in rules(found)) is flagged


# --------------------------------------------------------------------------
# The seed reports' gold: tables and claims read by hand, reconciled


@pytest.mark.parametrize("stem", GOLD_STEMS, ids=lambda s: s[:3])
def test_when_a_seed_gold_is_reconciled_then_its_expected_findings_and_no_other_errors_appear(stem):
    from extractors.loading import load
    from extractors.sections import split_sections

    gold = load_gold(stem)
    document = load(report_path(stem).read_bytes(), stem, 10_000_000)
    found = reconcile(document, split_sections(document), gold_tables(gold), gold_claims(gold), gold_info(gold))
    for expected in gold["findings"]:
        assert any(finding_matches(expected, f) for f in found), expected["note"]
    errors = [f for f in found if f.severity == ERROR]
    assert len(errors) == len([g for g in gold["findings"] if g["severity"] == ERROR]), [f.message for f in errors]


def test_when_the_real_reports_tables_meet_its_narrative_numbers_then_nothing_is_found():
    """The 2024 report of a city (../shared/real/huaian-2024.pdf), its tables read by hand."""
    from tests.test_loader_pdf import HUAIAN_T2, HUAIAN_T3, HUAIAN_T4

    values = dict(HUAIAN_T2)
    for row, row_values in zip(layouts.TABLE3_ROWS_2021, HUAIAN_T3):
        values.update({f"t3.{row.key}.{c.key}": v for c, v in zip(layouts.TABLE3_COLUMNS, row_values)})
    values.update(zip(layouts.table4_cell_ids(), HUAIAN_T4))
    claims = [claim("proactive.total", 5500, "5500余条", bound=AT_LEAST, unit="条"),
              claim("proactive.regulations_issued", 1), claim("requests.received", 3119, scope=("全市",)),
              claim("requests.handled", 3050), claim("requests.carried_over", 34),
              claim("requests.carried_forward", 103), claim("review.total", 351),
              claim("review.corrected", 64, scope=("其中",)), claim("litigation.total", 46),
              claim("litigation.corrected", 5), claim("fees.info_processing", 3940, "3940元", unit="元")]
    assert run(tables(values), claims=claims, year=2024) == ()


def test_when_prose_under_a_table_heading_states_a_figure_then_it_is_checked_against_that_table():
    """四、… with a sentence above table 4: the sentence is read, and compared with the table."""
    from gidar.pipeline import audit
    from tests.conftest import SEEDS
    text = SEEDS[0].read_text(encoding="utf-8")
    heading_end = text.index("\n", text.index("四、政府信息公开行政复议"))
    text = text[:heading_end + 1] + "本年度因政府信息公开工作被申请行政复议 2 件，均维持原答复。\n" + text[heading_end + 1:]
    result = audit(text.encode("utf-8"), "prose-in-section-4.txt")
    assert [(c.section, c.metric, c.value) for c in result.claims if c.section == "review"] == [
        ("review", "review.total", 2)]
    assert any(f.kind == "narrative_vs_table" and "表四" in f.message for f in result.findings)
    table_rows = audit(SEEDS[0].read_bytes(), "seed.txt")
    assert not [c for c in table_rows.claims if c.section in ("proactive", "requests", "review")]
