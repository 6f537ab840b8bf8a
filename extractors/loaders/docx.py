"""Word (.docx) reports: paragraphs and tables in body order, merged cells as spans.

The zip is inspected before python-docx expands it: a .docx is a zip archive,
and a few hundred kilobytes can inflate to gigabytes (a zip bomb).  Declared
sizes and compression ratios are checked first, then every member is inflated
with a byte budget, because declared sizes can lie.

Tables keep Word's own structure: ``gridSpan`` becomes colspan, a ``vMerge``
run becomes the rowspan of its first cell, ``gridBefore``/``gridAfter`` become
empty cells so columns stay aligned, and a table nested in a cell is read
into that cell's text.
"""
from __future__ import annotations

import hashlib
import io
import zipfile

from extractors.loaders.writer import RawCell, TextWriter, join_lines, one_line
from gidar import errors
from gidar.domain import Document

MAX_UNCOMPRESSED = 100 * 1024 * 1024  # all members together, inflated
MAX_MEMBERS = 2000
MAX_RATIO = 200  # inflated / compressed, for members larger than RATIO_FLOOR
RATIO_FLOOR = 5 * 1024 * 1024
_CHUNK = 1 << 20

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def check_zip(data: bytes) -> None:
    """Refuse a damaged archive (corrupt) or one that inflates beyond reason (unsafe)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise errors.Corrupt(f"Word 文件已损坏（不是完整的 ZIP 包：{exc}）") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise errors.UnsafeInput(f"Word 文件包含 {len(members)} 个部件，超过上限，拒绝解压")
        if "word/document.xml" not in archive.namelist():
            raise errors.Corrupt("Word 文件缺少正文部件（word/document.xml）")
        declared = sum(m.file_size for m in members)
        if declared > MAX_UNCOMPRESSED:
            raise errors.UnsafeInput(f"Word 文件解压后达 {declared} 字节，超过上限（疑似压缩炸弹）")
        for m in members:
            if m.file_size > RATIO_FLOOR and m.file_size > MAX_RATIO * max(m.compress_size, 1):
                raise errors.UnsafeInput(f"Word 文件部件 {m.filename} 压缩比异常（疑似压缩炸弹）")
        _inflate_within_budget(archive, members)


def _inflate_within_budget(archive: zipfile.ZipFile, members) -> None:
    budget = MAX_UNCOMPRESSED
    for m in members:
        try:
            with archive.open(m) as stream:
                while chunk := stream.read(_CHUNK):
                    budget -= len(chunk)
                    if budget < 0:
                        raise errors.UnsafeInput("Word 文件实际解压大小超过上限（疑似压缩炸弹）")
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
            raise errors.Corrupt(f"Word 文件已损坏（{m.filename}：{exc}）") from None


def _run_text(element) -> str:
    """Text of runs: w:t, tabs, breaks; deleted text (w:delText) and field codes are not text."""
    out = []
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
        tag = node.tag
        if tag == f"{W}t":
            out.append(node.text or "")
        elif tag == f"{W}tab":
            out.append("\t")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
        else:
            out.append("\n")
    return "".join(out)


def _cell_text(tc) -> str:
    lines = []
    for child in tc.iterchildren():
        if child.tag == f"{W}p":
            lines.append(_run_text(child))
        elif child.tag == f"{W}tbl":
            lines.extend(" ".join(one_line(_cell_text(c)) for c in tr.iterchildren(f"{W}tc"))
                         for tr in child.iterchildren(f"{W}tr"))
        elif child.tag == f"{W}sdt":
            lines.append(_run_text(child))
    return join_lines(line for text in lines for line in text.split("\n"))


def _int_attr(parent, path: str, default: int) -> int:
    node = parent.find(path) if parent is not None else None
    if node is None:
        return default
    try:
        return int(node.get(f"{W}val", default))
    except ValueError:
        return default


def _vmerge(tc) -> str | None:
    """'restart', 'continue' or None (not merged vertically)."""
    node = tc.find(f"{W}tcPr/{W}vMerge")
    if node is None:
        return None
    return node.get(f"{W}val", "continue")


def _row_cells(tr):
    """(grid column, colspan, vmerge, text) of each cell of a row, placeholders included."""
    col = _int_attr(tr.find(f"{W}trPr"), f"{W}gridBefore", 0)
    out = [(0, col, None, "")] if col else []
    for tc in _cells_of(tr):
        span = max(_int_attr(tc.find(f"{W}tcPr"), f"{W}gridSpan", 1), 1)
        out.append((col, span, _vmerge(tc), _cell_text(tc)))
        col += span
    after = _int_attr(tr.find(f"{W}trPr"), f"{W}gridAfter", 0)
    if after:
        out.append((col, after, None, ""))
    return out


def _cells_of(tr):
    for child in tr.iterchildren():
        if child.tag == f"{W}tc":
            yield child
        elif child.tag in (f"{W}sdt", f"{W}customXml"):  # cells wrapped in content controls
            yield from child.iter(f"{W}tc")


def read_table(tbl) -> list[list[RawCell]]:
    """Rows of RawCells; a vMerge continuation extends the rowspan of the cell above."""
    rows: list[list[tuple[int, RawCell]]] = []
    open_cells: dict[int, tuple[int, int]] = {}  # grid column → (row index, index in row)
    for tr in tbl.iterchildren(f"{W}tr"):
        row: list[tuple[int, RawCell]] = []
        for col, span, vmerge, text in _row_cells(tr):
            if vmerge == "continue" and col in open_cells:
                r, i = open_cells[col]
                c, cell = rows[r][i]
                rows[r][i] = (c, RawCell(cell.text, cell.colspan, cell.rowspan + 1))
                continue
            row.append((col, RawCell(one_line(text), span)))
            if vmerge == "restart":
                open_cells[col] = (len(rows), len(row) - 1)
            else:
                open_cells.pop(col, None)
        rows.append(row)
    return [[cell for _, cell in row] for row in rows]


def _body_blocks(body):
    """Paragraphs and tables in reading order, through content controls."""
    for child in body.iterchildren():
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            content = child.find(f"{W}sdtContent")
            yield from _body_blocks(content if content is not None else child)


def load_docx(data: bytes, source: str = "<bytes>") -> Document:
    check_zip(data)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        body = docx.Document(io.BytesIO(data)).element.body
    except (PackageNotFoundError, KeyError, ValueError, AttributeError, TypeError, zipfile.BadZipFile,
            SyntaxError) as exc:  # python-docx meets a malformed package with whatever breaks first
        raise errors.Corrupt(f"Word 文件已损坏，无法解析（{type(exc).__name__}）") from None
    writer = TextWriter()
    tables = []
    for block in _body_blocks(body):
        if block.tag == f"{W}p":
            writer.paragraph(_run_text(block))
        else:
            tables.append(writer.table(read_table(block)))
    text = writer.text()
    if not text.strip():
        raise errors.EmptyInput("Word 文件没有文字内容")
    return Document(source=source, sha256=hashlib.sha256(data).hexdigest(), kind="docx",
                    text=text, tables=tuple(tables))
