"""PDF reports: text layer and ruled tables from pypdfium2, cells by pdfplumber's table functions.

Why pdfium for everything it can read: pdfminer's page parse is the slow part
of pdfplumber.  Measured with ``benchmarks/bench_pdf.py`` (best of 3, ms per
page), on the real six-page report / the generated four-page reports:

    pdfplumber extract_text()                         55.2  / 24.8–26.4
    pdfplumber table finding on ruled pages (before)  37.4  / 28.5–29.5
    this loader, whole load_pdf                       10.7  / 9.8–10.3
      text layer (pypdfium2)                           2.7  / 1.5–1.6
      table finding (pdfium edges + chars)             7.3  / 7.6–8.0
      assembly (regions, rows, page merging)           0.4  / 0.5–0.6
    whole audit (+ sections, tables, claims, findings) 13.4  / 12.0–12.5

so a whole audit costs 0.24× pdfplumber's plain text extraction on the real
report and 0.47× on the generated ones, where handing ruled pages to
pdfplumber made loading alone cost 1.2–1.3×.

Tables are still pdfplumber's: ``pdf_geometry`` reads path segments and
character boxes from pdfium in pdfplumber's shapes and ``pdf_tables.cell_groups`` runs pdfplumber's own ``merge_edges`` →
``edges_to_intersections`` → ``intersections_to_cells`` → ``cells_to_tables``
with the same settings; the tests check that both roads give identical tables
and text on every fixture and on the real report.  pdfplumber's full parse
remains the reference (``finder="pdfplumber"``) and the fallback for a page
whose geometry pdfium cannot walk.  Only pages that draw rules in both
directions (counted cheaply from path bounds) are searched for tables.

The text of a table page is assembled from the text above, between and below
the tables (pypdfium2, by region) and the tables themselves, one row per line,
so every cell points at its own characters in ``Document.text``.

A text layer that cannot be trusted (no text on the pages, ``(cid:N)`` glyphs,
Latin junk where a Chinese report should be) is refused with ``no_text_layer``
rather than audited as if it were the report.
"""
from __future__ import annotations

import hashlib
import io
import re
import time

from extractors.cleaning import mask_artifacts
from extractors.loaders.pdf_merge import WrittenFragment, merge_fragments
from extractors.loaders.pdf_geometry import page_chars, page_edges
from extractors.loaders.pdf_tables import TableFragment, cell_groups, find_fragments, fragments_of
from extractors.loaders.writer import TextWriter
from gidar import errors
from gidar.domain import Document

MIN_RULES = 2  # a ruled table has at least two horizontal and two vertical rules
RULE_THICKNESS = 3.0  # points; thicker filled shapes are backgrounds, not rules
MIN_CHARS_PER_PAGE = 20  # fewer visible characters on average: a scan
MIN_CJK_SHARE = 0.3  # of letters; a Chinese report below this is mojibake
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_JUNK = re.compile(r"[\ufffd\ufffe\uffff\ue000-\uf8ff\x00-\x08\x0b\x0e-\x1f]")
_CID = re.compile(r"\(cid:\d+\)")
# GBK bytes shown as Latin-1 (``Õþ¸®ÐÅÏ¢``): accented letters and symbols a Chinese report never has.
_LATIN1_SUPPLEMENT = re.compile(r"[\u00a1-\u00ff]")
MAX_LATIN1_SHARE = 0.05
PDFIUM, PDFPLUMBER = "pdfium", "pdfplumber"  # where table edges and characters come from


def _open(data: bytes):
    import pypdfium2 as pdfium

    tail = data[-2048:]
    if b"%%EOF" not in tail:
        raise errors.Corrupt("PDF 文件不完整（缺少文件结尾标记，可能被截断）")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message or "security" in message:
            raise errors.Encrypted("PDF 文件已加密，需要密码才能打开") from None
        raise errors.Corrupt(f"PDF 文件已损坏，无法打开（{exc}）") from None


def _normal(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x02", "")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _is_ruled(page, raw) -> bool:
    """Cheap test before pdfplumber parses a page: stroked paths or hairline fills in both directions.

    Filled boxes behind text (highlighted paragraphs) are not rules; they would
    send a page of narrative through the expensive table finder for nothing.
    """
    import ctypes

    horizontal = vertical = 0
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        width, height = right - left, top - bottom
        raw.FPDFPath_GetDrawMode(obj.raw, fill, stroke)
        if height < RULE_THICKNESS:
            horizontal += 1
        elif width < RULE_THICKNESS:
            vertical += 1
        elif stroke.value:
            horizontal, vertical = horizontal + 2, vertical + 2
        if horizontal >= MIN_RULES and vertical >= MIN_RULES:
            return True
    return False


def check_text_layer(texts: list[str]) -> None:
    """Refuse scans and mojibake: the audit of a text that is not the report is worse than none."""
    joined = "".join(texts)
    visible = re.sub(r"\s+", "", joined)
    if len(visible) < MIN_CHARS_PER_PAGE * max(len(texts), 1) / 2:
        raise errors.NoTextLayer("PDF 没有可用的文字层（可能是扫描件或图片），请提供带文字层的 PDF 或原始文档")
    if len(_CID.findall(joined)) * 6 > len(visible) * 0.05 or len(_JUNK.findall(visible)) > len(visible) * 0.05:
        raise errors.NoTextLayer("PDF 文字层无法识别（字体缺少字符映射，提取结果为乱码）")
    if len(_LATIN1_SUPPLEMENT.findall(visible)) > len(visible) * MAX_LATIN1_SHARE:
        raise errors.NoTextLayer("PDF 文字层是乱码（中文被错误编码为西文字符），无法识别")
    cjk, latin = len(_CJK.findall(visible)), len(_LATIN.findall(visible))
    if cjk < (cjk + latin) * MIN_CJK_SHARE:
        raise errors.NoTextLayer("PDF 文字层是乱码（应为中文的位置是拉丁字符），无法识别")


def _region_text(textpage, height: float, top: float, bottom: float, width: float) -> str:
    """Text between two heights (pdfplumber's top-down coordinates) of a page."""
    if bottom - top < 1:
        return ""
    return _normal(textpage.get_text_bounded(0, height - bottom, width, height - top))


def _furniture_only(text: str) -> bool:
    """Nothing but page numbers, footers and blank lines."""
    return not mask_artifacts(text).strip()


class _Plumber:
    """pdfplumber's own page parse, opened only if a page needs the fallback."""

    def __init__(self, data: bytes):
        self.data, self.pdf = data, None

    def fragments(self, number: int) -> list[TableFragment]:
        import pdfplumber

        if self.pdf is None:
            self.pdf = pdfplumber.open(io.BytesIO(self.data))
        page = self.pdf.pages[number - 1]
        try:
            return find_fragments(page, number)
        except Exception:  # pdfminer on a damaged page: the text layer still stands
            return []
        finally:
            page.close()

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()


def page_fragments(page, textpage, number: int, plumber: _Plumber, finder: str = PDFIUM) -> list[TableFragment]:
    """The ruled tables of one page: pdfium's geometry, or pdfplumber's where that fails."""
    if finder == PDFIUM:
        try:
            height = page.get_height()
            groups = cell_groups(page_edges(page, height))
            if not groups:
                return []
            return fragments_of(groups, page_chars(textpage, height), number)
        except Exception:  # an odd path or text object: pdfplumber reads the page instead
            pass
    return plumber.fragments(number)


def _write_page(writer: TextWriter, page, textpage, text: str, fragments: list[TableFragment]) -> list[WrittenFragment]:
    if not fragments:
        writer.paragraph(text)
        return []
    height, width = page.get_height(), page.get_width()
    written = []
    cursor = 0.0
    for k, fragment in enumerate(fragments):
        above = _region_text(textpage, height, cursor, fragment.top, width)
        writer.paragraph(above)
        cells = writer.rows([[g.raw for g in row] for row in fragment.rows])
        bottom = fragments[k + 1].top if k + 1 < len(fragments) else height
        below = _region_text(textpage, height, fragment.bottom, bottom, width)
        written.append(WrittenFragment(fragment, cells,
                                       ends_page=k + 1 == len(fragments) and _furniture_only(below),
                                       starts_page=k == 0 and _furniture_only(above)))
        cursor = fragment.bottom
    writer.paragraph(_region_text(textpage, height, cursor, height, width))
    return written


def load_pdf(data: bytes, source: str = "<bytes>", *, finder: str = PDFIUM,
             clock: dict[str, float] | None = None) -> Document:
    """Read every page once: its text layer, its ruled tables, then its text with the tables in it.

    ``finder`` chooses where edges and characters come from ("pdfium", or
    "pdfplumber", the reference); ``clock``, when given, accumulates seconds
    per stage for the benchmark.
    """
    import pypdfium2.raw as raw

    lap = _Laps(clock)
    pdf = _open(data)
    plumber = _Plumber(data)
    lap("open")
    writer = TextWriter()
    texts, page_starts, written = [], [], []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            try:
                texts.append(_normal(textpage.get_text_range()))
                lap("text layer")
                fragments = page_fragments(page, textpage, i + 1, plumber, finder) if _is_ruled(page, raw) else []
                lap("table finding")
                writer.ensure_newline()
                page_starts.append(writer.offset)
                written += _write_page(writer, page, textpage, texts[-1], fragments)
                lap("assembly")
            finally:
                textpage.close()
                page.close()
        check_text_layer(texts)
        tables = merge_fragments(written)
        lap("assembly")
    finally:
        pdf.close()
        plumber.close()
    return Document(source=source, sha256=hashlib.sha256(data).hexdigest(), kind="pdf",
                    text=writer.text(), page_starts=tuple(page_starts), tables=tables)


class _Laps:
    """Seconds per stage, accumulated into a caller's dict; free when there is none."""

    def __init__(self, clock: dict[str, float] | None):
        self.clock, self.t = clock, time.perf_counter()

    def __call__(self, stage: str) -> None:
        if self.clock is None:
            return
        now = time.perf_counter()
        self.clock[stage] = self.clock.get(stage, 0.0) + now - self.t
        self.t = now
