"""The auditor web UI over HTTP, on a fresh store filled by auditing real reports."""
from __future__ import annotations

import csv
import io
import json
import re
from html import unescape

import pytest
from openpyxl import load_workbook

from tests.webdata import HOSTILE, HOSTILE_IMG, build_inputs, require_pipeline_and_store, run_batch

require_pipeline_and_store()

from fastapi.testclient import TestClient  # noqa: E402

from gidar.settings import Settings  # noqa: E402
from web.app import create_app  # noqa: E402
from web.queries import ReviewData  # noqa: E402


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    root = tmp_path_factory.mktemp("web")
    inputs = build_inputs(root / "reports")
    url = f"sqlite:///{root / 'gidar.sqlite'}"
    run_batch(inputs, root / "out", url)
    return {"inputs": inputs, "out": root / "out", "url": url}


@pytest.fixture
def client(filled):
    settings = Settings.resolve(database_url=filled["url"])
    return TestClient(create_app(settings, token=""))


@pytest.fixture
def data(filled):
    return ReviewData.open(Settings.resolve(database_url=filled["url"]))


def _csrf(client) -> str:
    client.get("/")
    return client.cookies.get("gidar_csrf")


def _row_for(data, name_part: str):
    return next(r for r in data.report_rows() if name_part in r.source)


def test_when_the_list_opens_then_every_report_is_there_and_failures_are_apart(client, data, filled):
    page = client.get("/").text
    rows = data.report_rows()
    assert len(rows) == len(list(filled["inputs"].glob("*.txt"))) - 1
    for r in rows:
        assert r.sha256 in page
    failures = client.get("/failures").text
    assert "zz_binary.txt" in failures and "zz_binary.txt" not in page


def test_when_searching_by_part_of_an_agency_name_then_only_matching_reports_remain(client, data):
    rows = [r for r in data.report_rows() if r.agency]
    target = rows[0]
    word = target.agency[2:6]
    page = client.get("/", params={"q": word}).text
    for r in rows:
        assert (r.sha256 in page) == (word in " ".join(filter(None, (r.agency, r.region, r.source))))


@pytest.mark.parametrize("param", ["year", "severity", "kind"])
def test_when_filtering_then_rows_match_the_filter(client, data, param):
    rows = data.report_rows()
    values = {"year": {str(r.year) for r in rows if r.year},
              "severity": {s for r in rows for s, n in r.open.items() if n},
              "kind": {k for r in rows for k in r.kinds}}[param]
    assert values, f"no {param} to filter on in the audited seeds"
    for value in values:
        page = client.get("/", params={param: value}).text
        for r in rows:
            keep = {"year": str(r.year) == value, "severity": bool(r.open.get(value)),
                    "kind": value in r.kinds}[param]
            assert (f'data-sha="{r.sha256}"' in page) == keep


def test_when_a_report_has_open_errors_then_its_row_is_marked(client, data):
    page = client.get("/").text
    for r in data.report_rows():
        row = re.search(rf'<tr class="report-row ([\w-]+)" data-sha="{r.sha256}"', page)
        assert row.group(1) == ("has-error" if r.open["error"] else "has-warning" if r.open["warning"]
                                else "reviewed" if r.review == "reviewed" else "clean")


def test_when_a_finding_is_selected_then_its_claims_and_cells_are_lit(client, data):
    for row in data.report_rows():
        result = data.result(row.sha256)
        text = data.text(row.sha256)
        for i, f in enumerate(result["findings"]):
            if f["claims"] and text:
                page = client.get(f"/reports/{row.sha256}", params={"finding": i}).text
                lit = "".join(unescape(m) for m in re.findall(r'class="piece claim[^"]* lit"[^>]*>([^<]*)<', page))
                for c in f["claims"]:
                    claim = result["claims"][c]
                    assert text[claim["start"]:claim["end"]] in lit
                for cell in f["cells"]:
                    assert re.search(rf'<td class="[^"]*\blit\b[^"]*" data-cell="{re.escape(cell)}"', page)
                return
    pytest.fail("no finding with a claim in the audited seeds")


def test_when_a_report_contains_markup_then_it_is_shown_literally(client, data):
    row = _row_for(data, "zz_hostile")
    page = client.get(f"/reports/{row.sha256}").text
    assert HOSTILE not in page and HOSTILE_IMG not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script src=\"/static/report.js\"></script>" in page
    assert page.count("<script") == 1
    printed = client.get(f"/reports/{row.sha256}/print").text
    assert HOSTILE not in printed and "<script" not in printed


def test_when_a_form_lacks_the_csrf_token_then_it_is_refused(client, data):
    row = next(r for r in data.report_rows() if data.result(r.sha256)["findings"])
    url = f"/reports/{row.sha256}/findings/0/verdict"
    _csrf(client)
    refused = client.post(url, data={"verdict": "confirmed", "reviewer": "张三"}, follow_redirects=False)
    forged = client.post(url, data={"verdict": "confirmed", "reviewer": "张三", "csrf": "x" * 43},
                         follow_redirects=False)
    assert (refused.status_code, forged.status_code) == (403, 403)
    assert not data.verdicts(row.sha256)


def test_when_a_finding_is_confirmed_then_who_and_when_are_kept_across_a_rerun(client, data, filled):
    row = next(r for r in data.report_rows() if r.open["error"] or r.open["warning"])
    before = data.result(row.sha256)
    index = next(i for i, f in enumerate(before["findings"]) if f["severity"] != "info")
    answer = client.post(f"/reports/{row.sha256}/findings/{index}/verdict", follow_redirects=False,
                         data={"csrf": _csrf(client), "verdict": "confirmed", "comment": "核实无误", "reviewer": "李审核"})
    assert answer.status_code == 303
    verdict = data.verdicts(row.sha256)[index]
    assert (verdict["status"], verdict["who"], verdict["comment"]) == ("confirmed", "李审核", "核实无误")
    assert verdict["when"]
    run_batch(filled["inputs"], filled["out"], filled["url"])
    page = client.get(f"/reports/{row.sha256}").text
    assert "李审核" in page and "已确认" in page
    assert data.verdicts(row.sha256)[index]["status"] == "confirmed"
    after = data.report_rows()
    assert next(r for r in after if r.sha256 == row.sha256).open[before["findings"][index]["severity"]] == \
        row.open[before["findings"][index]["severity"]] - 1


def test_when_a_claim_is_corrected_then_it_is_kept_as_a_label(client, data):
    row = next(r for r in data.report_rows() if data.result(r.sha256)["claims"])
    answer = client.post(f"/reports/{row.sha256}/claims/0/correction", follow_redirects=False,
                         data={"csrf": _csrf(client), "metric": "requests.received", "value": "１２",
                               "comment": "应为受理数", "reviewer": "王审核"})
    assert answer.status_code == 303
    correction = data.corrections(row.sha256)[0]
    assert (correction["metric"], float(correction["value"]), correction["who"]) == ("requests.received", 12.0, "王审核")


@pytest.mark.parametrize("form, status", [
    ({"metric": "no.such.metric", "value": "3"}, 400), ({"metric": "other", "value": "三千"}, 400),
    ({"metric": "other", "value": "3", "reviewer": ""}, 400),
])
def test_when_a_correction_is_invalid_then_it_is_refused(client, data, form, status):
    row = next(r for r in data.report_rows() if data.result(r.sha256)["claims"])
    answer = client.post(f"/reports/{row.sha256}/claims/0/correction", follow_redirects=False,
                         data={"csrf": _csrf(client), "reviewer": "赵", **form})
    assert answer.status_code == status


def test_xlsx_export_has_the_findings_and_a_sheet_per_report(client, data):
    rows = data.report_rows()
    answer = client.get("/export.xlsx")
    book = load_workbook(io.BytesIO(answer.content))
    sheet = book["问题清单"]
    header = [c.value for c in sheet[1]]
    for column in ("机构", "年度", "表格", "行", "列", "应为", "实为", "说明", "审核状态"):
        assert column in header
    n_findings = sum(len(data.result(r.sha256)["findings"]) for r in rows)
    assert sheet.max_row - 1 == n_findings
    assert len(book.sheetnames) >= 3 + len(rows)


def test_csv_and_json_exports_agree_with_the_store(client, data):
    rows = data.report_rows()
    n_findings = sum(len(data.result(r.sha256)["findings"]) for r in rows)
    table = list(csv.reader(io.StringIO(client.get("/export.csv").content.decode("utf-8-sig"))))
    assert len(table) - 1 == n_findings
    results = json.loads(client.get("/export.json").content)
    assert {r["sha256"] for r in results} == {r.sha256 for r in rows}


def test_when_the_original_is_downloaded_then_it_is_byte_identical(client, data, filled):
    for path in filled["inputs"].glob("0*.txt"):
        row = next(r for r in data.report_rows() if r.source.endswith(path.name))
        assert client.get(f"/reports/{row.sha256}/original").content == path.read_bytes()


@pytest.mark.parametrize("url", [
    "/reports/..%2F..%2Fetc%2Fpasswd/original", "/reports/../../etc/passwd/original",
    "/reports/" + "0" * 64 + "/original", "/reports/ABC/original", "/reports/" + "f" * 64,
])
def test_when_a_download_path_is_not_a_known_hash_then_it_is_not_found(client, url):
    assert client.get(url).status_code == 404


def test_when_a_token_is_set_then_pages_need_it(filled):
    app = create_app(Settings.resolve(database_url=filled["url"]), token="s3cret-token")
    anonymous = TestClient(app)
    assert anonymous.get("/", follow_redirects=False).status_code == 401
    assert anonymous.get("/", headers={"accept": "text/html"}, follow_redirects=False).status_code == 303
    assert anonymous.get("/export.json").status_code == 401
    assert anonymous.get("/", headers={"authorization": "Bearer s3cret-token"}).status_code == 200
    csrf = (anonymous.get("/login"), anonymous.cookies.get("gidar_csrf"))[1]
    wrong = anonymous.post("/login", data={"csrf": csrf, "token": "nope", "reviewer": "甲"})
    assert wrong.status_code == 401
    right = anonymous.post("/login", data={"csrf": csrf, "token": "s3cret-token", "reviewer": "甲",
                                           "next": "//evil.example/"}, follow_redirects=False)
    assert right.headers["location"] == "/"
    assert anonymous.get("/").status_code == 200


def test_coverage_names_agencies_without_a_report_for_the_year(client, data):
    rows = data.report_rows()
    years = sorted({r.year for r in rows if r.year})
    assert len(years) >= 2, "the hostile report is written for an earlier year"
    page = client.get("/coverage", params={"year": years[0]}).text
    missing = page.split('id="missing"')[1].split("</table>")[0]
    for r in rows:
        if r.agency and r.year != years[0] and not any(o.agency == r.agency and o.year == years[0] for o in rows):
            assert r.agency in unescape(missing)

