"""HTML reports (pages saved from government portals): tables with spans, text as narrative.

Portals still serve GBK/GB2312 pages declared only in a ``<meta>`` tag, so the
encoding is read from the BOM, then the meta declaration, then tried as UTF-8
and GB18030.  Scripts, styles and comments are dropped from the parsed tree,
never executed.  A table that holds other tables is page layout (old portals
wrap the whole article in one): its cells are read as narrative and the
tables inside it become the report's tables.
"""
from __future__ import annotations

import codecs
import hashlib
import re

from extractors.loaders.writer import RawCell, TextWriter, join_lines, one_line
from gidar import errors
from gidar.domain import Document

MAX_SPAN = 100  # a colspan of 10000 is an attack or a typo, not a table
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_SKIP = {"script", "style", "noscript", "template", "head", "title", "iframe", "object", "svg", "select"}
_BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "section",
           "article", "header", "footer", "blockquote", "pre", "hr", "dd", "dt", "dl", "center",
           "address", "caption", "form", "fieldset", "main", "nav", "aside", "table"}
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_WRAP_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\r\n\f\u00a0]*\n[ \t\r\n\f\u00a0]*(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\r\n\f\u00a0]+")
_GB_ALIASES = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "gb18030", "cp936", "euc-cn"}


def decode_html(data: bytes) -> tuple[str, str]:
    """(text, encoding): BOM, then the meta declaration, then UTF-8, then GB18030."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    declared = _META_CHARSET.search(data[:4096])
    candidates = []
    if declared:
        name = declared.group(1).decode("ascii").lower()
        candidates.append("gb18030" if name in _GB_ALIASES else name)
    candidates += ["utf-8", "gb18030"]
    for name in candidates:
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            continue
    raise errors.UnknownEncoding("无法识别网页编码（声明的编码、UTF-8 与 GB18030 均解码失败）")


def _flow(text: str) -> str:
    """HTML whitespace: a source line break between CJK characters is no space at all."""
    return _SPACES.sub(" ", _WRAP_BETWEEN_CJK.sub("", text))


def _tag(node) -> str | None:
    return node.tag.lower() if isinstance(node.tag, str) else None  # comments, PIs: None


def _span(node, name: str) -> int:
    try:
        return min(max(int(str(node.get(name, "1")).strip() or 1), 1), MAX_SPAN)
    except ValueError:
        return 1


def _has_table(node) -> bool:
    return any(True for _ in node.iterdescendants("table"))


def _inline_lines(node) -> list[str]:
    """Text of a cell: block elements and <br> break lines; scripts and comments are not text."""
    lines = [""]

    def walk(n):
        tag = _tag(n)
        if tag in _SKIP:
            return
        if tag is not None:
            if tag in _BLOCKS:
                lines.append("")
            lines[-1] += _flow(n.text or "")
            for child in n:
                walk(child)
                lines[-1] += _flow(child.tail or "")
            if tag in _BLOCKS:
                lines.append("")

    walk(node)
    return [ln for ln in lines if ln.strip()]


def _rows(table) -> list:
    """The table's own rows, not those of tables nested in its cells."""
    out = []
    for tr in table.iterdescendants("tr"):
        ancestor = tr.getparent()
        while ancestor is not None and _tag(ancestor) != "table":
            ancestor = ancestor.getparent()
        if ancestor is table:
            out.append(tr)
    return out


def read_table(table) -> list[list[RawCell]]:
    rows = []
    for tr in _rows(table):
        cells = [RawCell(one_line(join_lines(_inline_lines(td))), _span(td, "colspan"), _span(td, "rowspan"))
                 for td in tr if _tag(td) in ("td", "th")]
        if cells:
            rows.append(cells)
    return rows


class _Reader:
    """Walks the body once, writing narrative and data tables in document order."""

    def __init__(self) -> None:
        self.writer = TextWriter()
        self.tables = []
        self.line = ""

    def flush(self) -> None:
        if self.line.strip():
            self.writer.paragraph(self.line.strip())
        self.line = ""

    def walk(self, node) -> None:
        tag = _tag(node)
        if tag in _SKIP or tag is None:
            return
        if tag == "table" and not _has_table(node):
            self.flush()
            rows = read_table(node)
            if rows:
                self.tables.append(self.writer.table(rows))
            return
        block = tag in _BLOCKS or tag in ("td", "th")
        if block:
            self.flush()
        self.line += _flow(node.text or "")
        for child in node:
            self.walk(child)
            self.line += _flow(child.tail or "")
        if block:
            self.flush()


def load_html(data: bytes, source: str = "<bytes>") -> Document:
    import lxml.etree
    import lxml.html

    text, encoding = decode_html(data)
    text = _XML_DECL.sub("", text).replace("\x00", "")
    if not text.strip():
        raise errors.EmptyInput("网页没有内容")
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise errors.Corrupt(f"网页无法解析（{exc}）") from None
    body = root.find("body")
    reader = _Reader()
    reader.walk(body if body is not None else root)
    reader.flush()
    loaded = reader.writer.text()
    if not loaded.strip():
        raise errors.EmptyInput("网页没有文字内容")
    return Document(source=source, sha256=hashlib.sha256(data).hexdigest(), kind="html",
                    text=loaded, encoding=encoding, tables=tuple(reader.tables))
