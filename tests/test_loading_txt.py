"""Loading .txt reports: encodings, artifacts, bad input."""
from __future__ import annotations

import codecs

import pytest

from extractors.cleaning import mask_artifacts
from extractors.loading import load, sniff
from gidar import errors
from gidar.pipeline import audit

TEXT = "某某镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n2023年主动公开政府信息153条。\n"


@pytest.mark.parametrize("encoded, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("gb18030"), "gb18030"),
    (TEXT.encode("gbk"), "gb18030"),
    (TEXT.encode("utf-16"), "utf-16"),
    (TEXT.encode("utf-16-le"), "utf-16-le"),
    (TEXT.encode("utf-16-be"), "utf-16-be"),
])
def test_when_text_is_in_any_common_encoding_then_it_decodes_to_the_same_text(encoded, encoding):
    doc = load(encoded, "r.txt")
    assert doc.text == TEXT
    assert doc.encoding == encoding


@pytest.mark.parametrize("data, code", [
    (b"", "empty"),
    (b"   \n\n\t ", "empty"),
    (bytes(range(256)) * 40, "binary"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10, "binary"),
    (b"PK\x03\x04" + b"\x00" * 100, "unsupported_format"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "unsupported_format"),
])
def test_when_input_is_bad_then_audit_fails_with_a_clear_code(data, code):
    result = audit(data, "bad.txt")
    assert result.status == "failed"
    assert result.error.code == code
    assert result.error.message


def test_when_file_exceeds_the_limit_then_it_is_refused_before_decoding():
    from gidar.settings import Settings
    big = ("一、总体情况\n" + "主动公开政府信息153条。" * 10).encode() * 1000
    result = audit(big, "big.txt", settings=Settings(max_bytes=len(big) - 1))
    assert result.error.code == "too_large"


def test_when_text_is_not_a_report_then_audit_says_so():
    result = audit("今天天气很好，我们去公园散步，买了3个苹果。\n".encode() * 20, "note.txt")
    assert result.status == "failed"
    assert result.error.code == "not_a_report"


@pytest.mark.parametrize("data, kind", [
    (b"%PDF-1.7\n...", "pdf"),
    (b"<!DOCTYPE html><html><body>x</body></html>", "html"),
    ("<html><meta charset='gbk'>".encode(), "html"),
    (TEXT.encode(), "txt"),
])
def test_when_sniffing_then_content_decides_not_the_extension(data, kind):
    assert sniff(data, "misnamed.txt" if kind != "txt" else "misnamed.pdf") == kind


@pytest.mark.parametrize("raw", [
    "[bookmark: _GoBack]一、总体情况",
    "#### 五、存在的主要问题及改进情况",
    "正文\n- 3 -\n正文",
    "正文\n第 3 页 共 6 页\n正文",
    "(此页无正文)",
])
def test_when_artifacts_are_masked_then_offsets_do_not_move(raw):
    masked = mask_artifacts(raw)
    assert len(masked) == len(raw)
    for token in ("bookmark", "#", "- 3 -", "第 3 页", "此页无正文"):
        assert token not in masked
