"""Choose a loader by content (magic bytes), not only by file extension."""
from __future__ import annotations

import importlib
from pathlib import PurePath

from gidar import errors
from gidar.domain import Document

# kind -> "module:function"; loaders are imported on first use, so a text-only
# run never pays for pdfplumber or python-docx.
LOADERS = {
    "txt": "extractors.loaders.txt:load_txt",
    "pdf": "extractors.loaders.pdf:load_pdf",
    "docx": "extractors.loaders.docx:load_docx",
    "html": "extractors.loaders.html:load_html",
}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes, source: str = "") -> str:
    """The format of ``data``: the content decides; the extension only breaks ties."""
    head = data[:2048]
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in data[:1024]:
        return "pdf"
    if head[:4] == b"PK\x03\x04":
        if b"word/" in data[:65536] or PurePath(source).suffix.lower() == ".docx":
            return "docx"
        raise errors.UnsupportedFormat("ZIP 压缩文件但不是 Word 文档（.docx）")
    if head[:8] == _OLE:
        raise errors.UnsupportedFormat("旧版 Word（.doc）或其他 OLE 文件暂不支持，请另存为 .docx 或 PDF")
    probe = head.lower()
    for marker in (b"<!doctype html", b"<html", b"<head", b"<body", b"<table", b"<meta", b"<div", b"<p>", b"<p "):
        if marker in probe:
            return "html"
    # UTF-16 text has a BOM or NUL bytes; the txt loader decides.
    if PurePath(source).suffix.lower() in {".html", ".htm"}:
        return "html"
    return "txt"


def load(data: bytes, source: str = "<bytes>", max_bytes: int = 50 * 1024 * 1024) -> Document:
    if not data:
        raise errors.EmptyInput("文件为空")
    if len(data) > max_bytes:
        raise errors.TooLarge(f"文件过大（{len(data)} 字节，上限 {max_bytes} 字节）")
    kind = sniff(data, source)
    module, func = LOADERS[kind].split(":")
    try:
        loader = getattr(importlib.import_module(module), func)
    except (ImportError, AttributeError) as exc:
        raise errors.UnsupportedFormat(f"不支持的格式 {kind}：{exc}") from exc
    return loader(data, source)
