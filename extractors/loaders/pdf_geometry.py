"""Ruling lines and character boxes of a PDF page read with pypdfium2, in pdfplumber's shapes.

pdfplumber finds tables by pure functions over edges (``merge_edges`` →
``edges_to_intersections`` → ``intersections_to_cells`` → ``cells_to_tables``);
what makes it slow is the page parse by pdfminer that produces those edges and
characters.  pdfium has already parsed the page for its text layer, so this
module asks pdfium for the same things — every path split into subpaths the way
pdfminer's ``paint_path`` splits them, rectangles into four edges, polylines
into their straight segments, characters with their font boxes — and hands
them to pdfplumber's table functions with the same settings.  The result is
compared cell for cell with pdfplumber's own finder in the tests.

Coordinates follow pdfplumber: points from the page's top-left corner, ``top``
growing downwards.
"""
from __future__ import annotations

import ctypes
from typing import Iterator

import pypdfium2.raw as raw

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_FORM_DEPTH = 8  # Form XObjects nest; deeper than this is a malicious file, not a report


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """``inner`` then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _object_matrix(obj) -> Matrix:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _walk(container, count, get, matrix: Matrix, depth: int) -> Iterator[tuple[object, Matrix]]:
    """Path objects with the matrix that takes their points to page space."""
    for i in range(count(container)):
        obj = get(container, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            yield obj, _compose(_object_matrix(obj), matrix)
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
            yield from _walk(obj, raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject,
                             _compose(_object_matrix(obj), matrix), depth + 1)


def _subpaths(path, matrix: Matrix) -> Iterator[list[tuple[float, float]]]:
    """Each subpath as its on-curve points in page space, a closed one ending at its start.

    Like pdfminer, a Bézier segment contributes only its end point.
    """
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[float, float]] = []
    bezier = 0
    for i in range(raw.FPDFPath_CountSegments(path)):
        segment = raw.FPDFPath_GetPathSegment(path, i)
        kind = raw.FPDFPathSegment_GetType(segment)
        raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            if len(points) > 1:
                yield points
            points, bezier = [point], 0
            continue
        if kind == raw.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue
        points.append(point)
        if raw.FPDFPathSegment_GetClose(segment) and points[0] != point:
            points.append(points[0])
    if len(points) > 1:
        yield points


def _edge(p0, p1, height: float) -> dict | None:
    """One straight segment as a pdfplumber edge; slanted segments hold no table."""
    if p0[0] == p1[0]:
        orientation = "v"
    elif p0[1] == p1[1]:
        orientation = "h"
    else:
        return None
    x0, x1 = sorted((p0[0], p1[0]))
    top, bottom = sorted((height - p0[1], height - p1[1]))
    return {"object_type": "curve_edge", "x0": x0, "x1": x1, "top": top, "bottom": bottom,
            "doctop": top, "width": x1 - x0, "height": bottom - top, "orientation": orientation}


def page_edges(page, height: float) -> list[dict]:
    """Every straight horizontal or vertical segment the page paints, as pdfplumber edges.

    pdfminer turns a closed axis-aligned four-point subpath into a rectangle
    with four edges and any other subpath into a curve with an edge per
    segment; for straight segments both give the same edges as walking the
    points, which is what this does.
    """
    edges = []
    for path, matrix in _walk(page.raw, raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, IDENTITY, 0):
        for points in _subpaths(path, matrix):
            for p0, p1 in zip(points, points[1:]):
                edge = _edge(p0, p1, height)
                if edge is not None:
                    edges.append(edge)
    return edges


def _descent_per_point(text_object, cache: dict) -> float:
    """The font's descent for a 1-point size (negative), as its descriptor states it."""
    key = ctypes.cast(text_object, ctypes.c_void_p).value
    if key not in cache:
        descent = ctypes.c_float()
        font = raw.FPDFTextObj_GetFont(text_object)
        ok = font and raw.FPDFFont_GetDescent(font, ctypes.c_float(1.0), ctypes.byref(descent))
        cache[key] = descent.value if ok else 0.0
    return cache[key]


def page_chars(textpage, height: float) -> list[dict]:
    """The page's characters with pdfminer's font boxes, not pdfium's glyph boxes.

    pdfminer's box spans one font size upwards from the descent below the
    baseline, whatever the glyph; pdfium's own "loose" box falls back to the
    tight glyph box for fonts with odd metrics (LibreOffice's CJK subsets),
    which puts a flat ``一`` on a line of its own.  So the horizontal extent
    comes from pdfium's loose box (origin to advance, as pdfminer) and the
    vertical one is rebuilt from the baseline, the font size scaled by the
    character's matrix, and the font's descent.  Spaces and line breaks pdfium
    infers (``IsGenerated``) are left out: pdfminer only reports characters
    the content stream draws.
    """
    chars = []
    box, matrix = raw.FS_RECTF(), raw.FS_MATRIX()
    x, y = ctypes.c_double(), ctypes.c_double()
    descents: dict = {}
    handle = textpage.raw
    for i in range(raw.FPDFText_CountChars(handle)):
        if raw.FPDFText_IsGenerated(handle, i) == 1:
            continue
        code = raw.FPDFText_GetUnicode(handle, i)
        if code in (0, 0xFFFE, 0xFFFF, 0x0D, 0x0A) or 0xD800 <= code <= 0xDFFF:
            continue
        if not (raw.FPDFText_GetLooseCharBox(handle, i, ctypes.byref(box))
                and raw.FPDFText_GetCharOrigin(handle, i, ctypes.byref(x), ctypes.byref(y))
                and raw.FPDFText_GetMatrix(handle, i, ctypes.byref(matrix))):
            continue
        size = raw.FPDFText_GetFontSize(handle, i) * (matrix.c * matrix.c + matrix.d * matrix.d) ** 0.5
        text_object = raw.FPDFText_GetTextObject(handle, i)
        bottom = y.value + (_descent_per_point(text_object, descents) * size if text_object else 0.0)
        chars.append({"text": chr(code), "x0": min(box.left, box.right), "x1": max(box.left, box.right),
                      "top": height - bottom - size, "bottom": height - bottom, "size": size})
    return chars
