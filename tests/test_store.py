"""The result store on SQLite and on PostgreSQL: idempotent results, verdicts that survive re-runs,
cross-year findings, coverage, filters, originals and corrections."""
from __future__ import annotations

import copy
import json

import pytest
import sqlalchemy as sa

from tests.batchdata import drop_postgres_schema, postgres_schema_url, seed_texts, variant
from workers.agencies import agency_key, region_of


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.services)])
def store(request, tmp_path):
    from workers.store import Store
    if request.param == "sqlite":
        yield Store.open(f"sqlite:///{tmp_path / 'store.sqlite'}", tmp_path / "data")
        return
    url, schema = postgres_schema_url()
    s = Store.open(url, tmp_path / "data")
    try:
        yield s
    finally:
        s.engine.dispose()
        drop_postgres_schema(schema)


@pytest.fixture(scope="module")
def audited():
    """Each seed as bytes and its result dict (rule tagger: fast and deterministic)."""
    from gidar.pipeline import audit
    from models.registry import get_tagger
    tagger = get_tagger("rule")
    out = []
    for i, text in enumerate(seed_texts()):
        data = text.encode("utf-8")
        out.append((data, audit(data, f"seed{i}.txt", tagger=tagger).to_dict()))
    return out


def _with_findings(audited):
    return next((d, r) for d, r in audited if r["findings"])


@pytest.mark.parametrize("agency, key, region", [
    ("建德市钦堂乡人民政府", "建德市钦堂乡", "建德市"),
    ("建德市 钦堂乡（人民政府）", "建德市钦堂乡", "建德市"),
    ("建德市钦堂乡人民政府办公室", "建德市钦堂乡", "建德市"),
    ("北京市朝阳区人民政府办公室", "北京市朝阳区", "北京市朝阳区"),
    ("酉阳土家族苗族自治县楠木乡人民政府", "酉阳土家族苗族自治县楠木乡", "酉阳土家族苗族自治县"),
    ("甘州区靖安乡人民政府", "甘州区靖安乡", "甘州区"),
    ("建德市市场监督管理局", "建德市市场监督管理局", "建德市"),
    ("大峪镇人民政府", "大峪镇", None),
    ("２０２３年度鹿固乡人民政府", "鹿固乡", None),
    (None, None, None),
])
def test_agency_keys_link_spellings_of_one_agency_and_keep_the_region(agency, key, region):
    assert agency_key(agency) == key
    assert region_of(agency) == region


def test_when_a_result_is_saved_twice_then_one_row_and_its_findings_once(store, audited):
    data, result = _with_findings(audited)
    store.save_original(data, result["source"])
    assert store.save_result(result) is True
    assert store.save_result(result) is False
    from workers.schema import findings, results
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(results)).scalar() == 1
        assert conn.execute(sa.select(sa.func.count()).select_from(findings)).scalar() == len(result["findings"])
    assert store.get_result(result["sha256"]) == result
    assert store.get_original(result["sha256"]) == data


def test_when_a_rerun_keeps_the_evidence_then_the_verdict_stays_and_when_it_changes_it_reopens(store, audited):
    _, result = _with_findings(audited)
    store.save_result(result)
    store.set_verdict(result["sha256"], 0, "confirmed", comment="核实", who="审核员")
    rerun = {**result, "pipeline_version": result["pipeline_version"] + "-next"}
    store.save_result(rerun)
    assert store.get_result(result["sha256"])["pipeline_version"].endswith("-next")
    assert store.verdicts_for(result["sha256"])[0]["status"] == "confirmed"

    changed = copy.deepcopy(result)
    changed["pipeline_version"] += "-fixed"
    finding = changed["findings"][0]
    if finding["claims"]:
        changed["claims"][finding["claims"][0]]["value"] += 1
    else:
        changed["tables"][finding["cells"][0]]["value"] = (changed["tables"][finding["cells"][0]]["value"] or 0) + 1
    store.save_result(changed)
    assert 0 not in store.verdicts_for(result["sha256"])


def test_when_a_verdict_is_withdrawn_then_the_finding_is_open_again(store, audited):
    _, result = _with_findings(audited)
    store.save_result(result)
    store.set_verdict(result["sha256"], 0, "dismissed", who="甲")
    assert store.all_verdicts()[result["sha256"]][0]["status"] == "dismissed"
    store.set_verdict(result["sha256"], 0, "open", who="甲")
    assert store.verdicts_for(result["sha256"]) == {}
    with pytest.raises(ValueError):
        store.set_verdict(result["sha256"], 0, "maybe")


def _years(audited, carried_last: int, carried_now: int) -> tuple[dict, dict]:
    """One seed as an agency's 2022 and 2023 reports, with table 3 carry-over values set."""
    _, base = next((d, r) for d, r in audited if "t3.carried_over.total" in r["tables"])
    last, this = copy.deepcopy(base), copy.deepcopy(base)
    for r, year, sha in ((last, 2022, "a" * 64), (this, 2023, "b" * 64)):
        r["report"] = {**r["report"], "agency": "临川区河西乡人民政府", "year": year}
        r["sha256"], r["source"] = sha, f"{year}.txt"
    last["tables"]["t3.carried_to_next_year.total"] = {"value": carried_last, "state": "value"}
    this["tables"]["t3.carried_over.total"] = {"value": carried_now, "state": "value"}
    return last, this


@pytest.mark.parametrize("order", ["last year first", "this year first"])
def test_when_carried_over_differs_from_last_year_then_a_cross_year_error_in_either_order(store, audited, order):
    last, this = _years(audited, carried_last=5, carried_now=3)
    for r in ((last, this) if order == "last year first" else (this, last)):
        store.save_result(r)
    found = [f for f in store.get_result(this["sha256"])["findings"] if f["kind"] == "cross_year"]
    carried = [f for f in found if f["cells"] == ["t3.carried_over.total"]]
    assert len(carried) == 1
    assert (carried[0]["severity"], carried[0]["expected"], carried[0]["actual"]) == ("error", 5, 3)
    assert "2022" in carried[0]["message"]
    assert not [f for f in store.get_result(last["sha256"])["findings"] if f["kind"] == "cross_year"]
    assert [r["kind"] for r in store.find_findings(kind="cross_year", year=2023)]


def test_when_carried_over_agrees_with_last_year_then_no_cross_year_finding(store, audited):
    last, this = _years(audited, carried_last=4, carried_now=4)
    store.save_result(last)
    store.save_result(this)
    assert not [f for f in store.get_result(this["sha256"])["findings"]
                if f["rule"] == "cross_year.carried_over" and f["column"] == "total"]


def test_coverage_names_known_agencies_without_a_report_for_the_year(store, audited):
    last, this = _years(audited, 1, 1)
    store.save_result(last)
    other = {**copy.deepcopy(last), "sha256": "c" * 64, "report": {**last["report"], "agency": "长丰县城关镇人民政府"}}
    store.save_result(other)
    store.save_result(this)
    cover = store.coverage(2023)
    assert [e["agency_key"] for e in cover["present"]] == ["临川区河西乡"]
    assert [e["agency_key"] for e in cover["missing"]] == ["长丰县城关镇"]
    assert cover["missing"][0]["years"] == [2022]


def test_coverage_command_lists_the_missing_agencies(store, audited, capsys):
    from gidar.cli import main
    last, this = _years(audited, 1, 1)
    store.save_result(last)
    other = {**copy.deepcopy(last), "sha256": "c" * 64, "report": {**last["report"], "agency": "长丰县城关镇人民政府"}}
    store.save_result(other)
    store.save_result(this)
    url = store.engine.url.render_as_string(hide_password=False)
    assert main(["batch", "coverage", "2023", "--database", url, "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [e["agency"] for e in found["missing"]] == ["长丰县城关镇人民政府"]
    assert main(["batch", "coverage", "2023", "--database", url]) == 0
    assert "缺  长丰县城关镇人民政府" in capsys.readouterr().out


def test_list_reports_filters_by_text_year_severity_and_status(store, audited):
    for _, r in audited:
        store.save_result(r)
    rows = store.list_reports()
    assert len(rows) == len(audited)
    target = next(r for r in rows if r["agency"])
    word = target["agency"][2:5]
    assert {r["sha256"] for r in store.list_reports(q=word)} == {
        r["sha256"] for r in rows if word in " ".join(filter(None, (r["agency"], r["region"], r["source"])))}
    for year in {r["year"] for r in rows}:
        assert all(r["year"] == year for r in store.list_reports(year=year))
    with_errors = store.list_reports(severity="error")
    assert with_errors and all(r["findings"].get("error") for r in with_errors)
    assert {r["sha256"] for r in with_errors} == {r["sha256"] for _, r in audited
                                                  if any(f["severity"] == "error" for f in r["findings"])}


def test_originals_kept_in_the_shared_directory_are_read_back_by_hash(store, audited):
    data, result = audited[0]
    sha = store.save_original(data, "x.txt", keep="dir")
    assert (store.data_dir / "documents" / sha[:2] / sha).read_bytes() == data
    assert store.get_original(sha) == data
    assert store.get_original("0" * 64) is None


def test_a_claim_correction_becomes_a_label_over_its_sentence(store, audited):
    data, result = next((d, r) for d, r in audited if r["claims"])
    store.save_original(data, result["source"])
    store.save_result(result)
    store.save_correction(result["sha256"], 0, metric="requests.received", value=12, comment="口径", who="王")
    store.save_correction(result["sha256"], 0, metric="requests.handled", value=12, who="王")
    assert [c["metric"] for c in store.corrections_for(result["sha256"])] == ["requests.handled"]
    [label] = store.correction_labels()
    span = label["spans"][0]
    assert label["text"][span["start"]:span["end"]] == result["claims"][0]["text"]
    assert (span["label"], label["meta"]["was"]) == ("requests.handled", result["claims"][0]["metric"])


def test_jobs_count_deliveries_and_report_progress(store, audited):
    items = [(r["sha256"], r["source"]) for _, r in audited]
    job = store.create_job("t", "v1", items + items[:1], done={items[0][0]: "done"})
    assert store.job_status(job)["total"] == len(items)
    assert len(store.unfinished_items(job)) == len(items) - 1
    sha = items[1][0]
    assert [store.begin_delivery(job, sha, "v1") for _ in range(3)] == [1, 2, 3]
    store.finish_item(job, sha, "failed", "v1")
    status = store.job_status(job)
    assert (status["done"], status["failed"], status["queued"]) == (1, 1, len(items) - 2)


def test_opening_a_store_again_does_not_migrate_twice(store):
    from workers.schema import SCHEMA_VERSION, current_version, migrate
    assert migrate(store.engine) == SCHEMA_VERSION
    with store.engine.connect() as conn:
        assert current_version(conn) == SCHEMA_VERSION
        assert conn.exec_driver_sql("SELECT count(*) FROM schema_version").scalar() == 1


def test_variants_of_a_seed_are_distinct_documents_of_distinct_agencies():
    text = seed_texts()[0]
    from gidar.pipeline import audit
    agency = audit(text.encode("utf-8"), "s.txt").report.agency
    a, b = variant(text, agency, 1), variant(text, agency, 2)
    assert a != b and agency not in a
    assert audit(a.encode("utf-8"), "a.txt").report.agency not in (None, agency)
