"""Regenerate the documents under tests/fixtures/ (committed, so CI needs no LibreOffice).

    python scripts/make_fixtures.py [--template ../shared/real/template-2021-blank.docx]

Good documents: the official blank 2021 template filled with python-docx —
with the narrative and table values of each seed report (``seed-NNN.docx``),
and with a consistent sample report in the 2021 and in the 2019 table-2
format — then converted to PDF by LibreOffice (real ruling lines, CJK fonts)
and written as HTML with rowspan/colspan.  A seed's table values are the cells
gidar reads from its .txt, so the renderings must audit exactly like the text.

Bad documents: a mojibake PDF, a scan (image-only PDF), an encrypted PDF, a
truncated PDF, a corrupt DOCX, a zip-bomb DOCX, an HTML page with scripts.
"""
from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.fixture_docs import (  # noqa: E402
    SAMPLE_CELLS, SAMPLE_CELLS_2019, SAMPLE_NARRATIVE, fill_template, html_of, seed_report)

OUT = ROOT / "tests" / "fixtures"
TEMPLATE = ROOT.parent / "shared" / "real" / "template-2021-blank.docx"
SEED_DIRS = (ROOT / "corpus" / "reports", ROOT.parent / "shared" / "seeds")


def to_pdf(docx_path: Path, out_dir: Path, options: str = "") -> Path:
    """LibreOffice headless conversion; a private profile keeps parallel runs apart."""
    with tempfile.TemporaryDirectory() as profile:
        target = "pdf" + (":writer_pdf_Export:" + options if options else "")
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", target, "--outdir", str(out_dir), str(docx_path)],
                       check=True, capture_output=True, timeout=180)
    return out_dir / (docx_path.stem + ".pdf")


def write_renderings(name: str, docx_bytes: bytes, encoding: str = "utf-8") -> None:
    docx_path = OUT / f"{name}.docx"
    docx_path.write_bytes(docx_bytes)
    to_pdf(docx_path, OUT)
    (OUT / f"{name}.html").write_bytes(html_of(docx_bytes, name, encoding))
    print("wrote", name, "(.docx .pdf .html)")


def seeds() -> list[Path]:
    for folder in SEED_DIRS:
        found = sorted(folder.glob("*.txt")) if folder.exists() else []
        if found:
            return found
    return []


# ---------------------------------------------------------------- bad inputs


def _minimal_pdf(page_content: bytes, resources: bytes, extra_objects: list[bytes] = ()) -> bytes:
    """A hand-assembled one-page PDF with a correct xref table."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources " + resources
               + b" /Contents 4 0 R >>",
               b"<< /Length %d >>\nstream\n" % len(page_content) + page_content + b"\nendstream",
               *extra_objects]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def scanned_pdf(source_pdf: Path) -> bytes:
    """Page 1 of a generated report as a grey image: what a scanner produces, no text layer."""
    import zlib

    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(source_pdf))
    image = pdf[0].render(scale=0.5, grayscale=True).to_pil().convert("L")
    pdf.close()
    w, h = image.size
    data = zlib.compress(image.tobytes(), 9)
    content = b"q 595 0 0 842 0 0 cm /Im1 Do Q"
    xobject = (b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
               b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (w, h, len(data))
               + data + b"\nendstream")
    return _minimal_pdf(content, b"<< /XObject << /Im1 5 0 R >> >>", [xobject])


def cid_pdf() -> bytes:
    """Glyphs drawn through a CID font with no ToUnicode map: extractors see (cid:N) or nothing."""
    glyphs = "".join(f"{(i * 37) % 3000 + 100:04X}" for i in range(400)).encode()
    lines = b"".join(b"BT /F1 12 Tf 60 %d Td <" % (780 - 18 * k) + glyphs[k * 120:(k + 1) * 120] + b"> Tj ET\n"
                     for k in range(12))
    font = (b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
            b"/DescendantFonts [6 0 R] >>")
    cid = (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun "
           b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>")
    return _minimal_pdf(lines, b"<< /Font << /F1 5 0 R >> >>", [font, cid])


def latin_mojibake_docx(template: Path) -> bytes:
    """The sample report's text decoded with the wrong code page (GBK bytes read as Latin-1)."""
    garbled = {k: [p.encode("gbk").decode("latin-1") for p in v] for k, v in SAMPLE_NARRATIVE.items()}
    return fill_template(template, garbled, SAMPLE_CELLS, title="Õþ¸®ÐÅÏ¢¹«¿ª¹¤×÷Äê¶È±¨¸æ")


def zip_bomb_docx(good_docx: bytes, inflated: int = 120 * 1024 * 1024) -> bytes:
    """A valid .docx whose document.xml inflates to 120 MB of padding from about 120 KB."""
    source = zipfile.ZipFile(io.BytesIO(good_docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                head, tail = data.rsplit(b"</w:body>", 1)
                data = head + b"<!--" + b" " * inflated + b"-->" + b"</w:body>" + tail
            z.writestr(item.filename, data)
    return out.getvalue()


def corrupt_docx(good_docx: bytes) -> bytes:
    """The first 60% of a .docx: local headers present, central directory gone."""
    return good_docx[: len(good_docx) * 6 // 10]


SCRIPT_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>报告</title>
<script>var n = "主动公开政府信息9999条"; document.write("受理申请8888件");</script>
<style>.x:after { content: "7777件"; }</style></head><body>
<script src="https://example.invalid/tracker.js"></script><!-- 隐藏注释：受理申请6666件 -->
{body}
<noscript>请启用脚本</noscript><script>alert("受理申请5555件")</script></body></html>"""


def write_bad_inputs(template: Path, sample_pdf: Path, sample_docx: bytes, sample_html: bytes) -> None:
    bad = OUT / "bad"
    bad.mkdir(parents=True, exist_ok=True)
    (bad / "scanned.pdf").write_bytes(scanned_pdf(sample_pdf))
    (bad / "cid-font.pdf").write_bytes(cid_pdf())
    with tempfile.TemporaryDirectory() as tmp:
        garbled = Path(tmp) / "mojibake-latin.docx"
        garbled.write_bytes(latin_mojibake_docx(template))
        (bad / "mojibake-latin.pdf").write_bytes(to_pdf(garbled, Path(tmp)).read_bytes())
        options = ('{"EncryptFile":{"type":"boolean","value":"true"},'
                   '"DocumentOpenPassword":{"type":"string","value":"gidar"}}')
        encrypted = Path(tmp) / "encrypted.docx"
        encrypted.write_bytes(sample_docx)
        (bad / "encrypted.pdf").write_bytes(to_pdf(encrypted, Path(tmp), options).read_bytes())
    good_pdf = sample_pdf.read_bytes()
    (bad / "truncated.pdf").write_bytes(good_pdf[: len(good_pdf) // 2])
    (bad / "corrupt.docx").write_bytes(corrupt_docx(sample_docx))
    (bad / "zip-bomb.docx").write_bytes(zip_bomb_docx(sample_docx))
    body = sample_html.decode("utf-8").split("<body>", 1)[1].rsplit("</body>", 1)[0]
    (bad / "script.html").write_bytes(SCRIPT_HTML.replace("{body}", body).encode("utf-8"))
    print("wrote bad inputs:", ", ".join(sorted(p.name for p in bad.iterdir())))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", type=Path, default=TEMPLATE)
    parser.add_argument("--skip-seeds", action="store_true", help="only the sample and bad inputs")
    parser.add_argument("--seeds-only", action="store_true", help="only the renderings of the seed reports")
    args = parser.parse_args(argv)
    if not args.template.exists():
        parser.error(f"template not found: {args.template}")
    OUT.mkdir(parents=True, exist_ok=True)
    if not args.seeds_only:
        sample = fill_template(args.template, SAMPLE_NARRATIVE, SAMPLE_CELLS)
        write_renderings("sample-2021", sample)
        write_renderings("sample-2019", fill_template(args.template, SAMPLE_NARRATIVE, SAMPLE_CELLS_2019),
                         encoding="gbk")
        write_bad_inputs(args.template, OUT / "sample-2021.pdf", sample, (OUT / "sample-2021.html").read_bytes())
    if not args.skip_seeds:
        for path in seeds():
            report = seed_report(path)
            if report is None:
                print("skipped seeds: gidar cannot parse tables yet (extractors.tables missing)")
                break
            narrative, cells, title, printed_rows = report
            name = "seed-" + path.name.split("_")[0]
            write_renderings(name, fill_template(args.template, narrative, cells, title=title,
                                                 printed_rows=printed_rows),
                             encoding="gbk" if name.endswith("2") else "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
