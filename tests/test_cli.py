"""The gidar command: the JSON contract of DESIGN.md §7, exit codes, the embedded audit."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from gidar.cli import main
from tests.conftest import ROOT, SEEDS, seed_path

CONTRACT_KEYS = {"source", "sha256", "status", "error", "report", "sections", "tables", "claims", "findings"}
CLAIM_KEYS = {"metric", "value", "unit", "bound", "start", "end", "text", "year", "parent", "tagger", "score"}
FINDING_KEYS = {"rule", "kind", "severity", "confidence", "message", "expected", "actual", "cells", "claims"}


def _check_json(capsys, *paths) -> tuple[int, object]:
    code = main(["check", "--format", "json", *map(str, paths)])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("path", SEEDS, ids=[p.name[:3] for p in SEEDS])
def test_when_checking_a_seed_as_json_then_the_output_keeps_the_contract(capsys, path):
    code, r = _check_json(capsys, path)
    assert CONTRACT_KEYS <= set(r)
    assert r["status"] == "ok" and r["error"] is None
    assert set(r["report"]) >= {"agency", "year", "format_version"}
    text = path.read_bytes().decode("utf-8-sig")
    for c in r["claims"]:
        assert CLAIM_KEYS <= set(c)
        assert text[c["start"]:c["end"]] == c["text"]
    for f in r["findings"]:
        assert FINDING_KEYS <= set(f)
    for cell in r["tables"].values():
        assert cell["state"] in {"value", "blank", "na", "unreadable"}
    has_error = any(f["severity"] == "error" for f in r["findings"])
    assert code == (1 if has_error else 0)


def test_when_a_seed_has_a_known_error_then_exit_status_is_1(capsys):
    code, r = _check_json(capsys, seed_path("001"))
    assert code == 1
    assert any(f["severity"] == "error" for f in r["findings"])


def test_when_several_files_are_checked_then_json_is_a_list_and_unreadable_input_gives_2(capsys, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    code, rs = _check_json(capsys, seed_path("000"), bad)
    assert isinstance(rs, list) and len(rs) == 2
    assert rs[1]["status"] == "failed" and rs[1]["error"]["code"] == "empty"
    assert code == 2


def test_when_checking_as_text_then_findings_are_in_chinese_grouped_by_severity(capsys):
    main(["check", str(seed_path("001"))])
    out = capsys.readouterr().out
    assert "【错误】" in out
    assert "153" in out and "156" in out


def _corpus_with_bad_files(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for p in SEEDS:
        shutil.copy(p, d / p.name)
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 50)
    (d / "gbk.txt").write_bytes(SEEDS[0].read_bytes().decode("utf-8").encode("gb18030"))
    (d / "utf16.txt").write_bytes(SEEDS[2].read_bytes().decode("utf-8").encode("utf-16"))
    (d / "notes.txt").write_text("会议纪要：今天讨论了3个议题。\n" * 10, encoding="utf-8")
    return d


def test_when_auditing_a_directory_then_bad_files_fail_alone_and_every_output_is_written(tmp_path, capsys):
    d = _corpus_with_bad_files(tmp_path)
    out = tmp_path / "out"
    code = main(["audit", str(d), "--out", str(out), "--workers", "2"])
    assert code == 2  # some files could not be read
    results = [json.loads(l) for l in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    by_name = {r["source"].rsplit("/", 1)[-1]: r for r in results}
    assert len(by_name) == len(SEEDS) + 5
    assert by_name["empty.txt"]["error"]["code"] == "empty"
    assert by_name["binary.txt"]["error"]["code"] == "binary"
    assert by_name["notes.txt"]["error"]["code"] == "not_a_report"
    assert by_name["gbk.txt"]["status"] == "ok" and by_name["utf16.txt"]["status"] == "ok"
    assert by_name["gbk.txt"]["tables"] == by_name[SEEDS[0].name]["tables"]
    wb = load_workbook(out / "findings.xlsx", read_only=True)
    assert {"问题清单", "报告", "表格数据"} <= set(wb.sheetnames)
    rows = list(wb["问题清单"].iter_rows(values_only=True))
    assert len(rows) - 1 == sum(len(r["findings"]) for r in results)
    assert (out / "findings.csv").read_text(encoding="utf-8-sig").startswith("机构,年度")
    assert "解析失败" in (out / "summary.html").read_text(encoding="utf-8")


def test_when_audit_is_rerun_then_files_already_done_are_skipped(tmp_path, capsys):
    d = tmp_path / "in"
    d.mkdir()
    for p in SEEDS[:2]:
        shutil.copy(p, d / p.name)
    out = tmp_path / "out"
    main(["audit", str(d), "--out", str(out), "--workers", "1", "--quiet"])
    first = capsys.readouterr().out
    assert "本次审核 2 份" in first
    shutil.copy(SEEDS[2], d / SEEDS[2].name)
    main(["audit", str(d), "--out", str(out), "--workers", "1", "--quiet"])
    second = capsys.readouterr().out
    assert "本次审核 1 份" in second and "跳过已完成 2 份" in second
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3


def test_when_gidar_runs_as_a_console_script_then_help_lists_every_command():
    out = subprocess.run([sys.executable, "-m", "gidar.cli", "--help"], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    for command in ("check", "audit"):
        assert command in out


def test_when_a_command_exists_then_it_has_help_text():
    """Every command documents itself (a new command without help fails here)."""
    import argparse

    from gidar.cli import build_parser
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {c.dest: c.help for c in sub._choices_actions}
    assert set(helps) == set(sub.choices)
    for name, text in helps.items():
        assert text and len(text) > 4, f"command {name} has no help"
