"""A normalized view of document text that remembers where each character came from.

Extracted text is noisy: PDF justification puts spaces between CJK characters
(``邮 编 ：``), lines wrap inside numbers (``1136\\n条``), Word leaves
``[bookmark: _GoBack]``.  Scanners work on a cleaned view, and every span they
find maps back to offsets in the text as loaded, so ``text[start:end]`` in a
result is always the original characters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class TextView:
    text: str
    origin: tuple[int, ...]  # origin[i]: offset in the source of text[i]; one extra entry at the end

    @classmethod
    def of(cls, source: str, start: int = 0, end: int | None = None) -> "TextView":
        end = len(source) if end is None else end
        return cls(source[start:end], tuple(range(start, end + 1)))

    def source_span(self, i: int, j: int) -> tuple[int, int]:
        """Offsets in the source of the view's ``text[i:j]``."""
        if j <= i:
            at = self.origin[i]
            return at, at
        return self.origin[i], self.origin[j - 1] + 1

    def sub(self, pattern: re.Pattern | str, repl: str | Callable[[re.Match], str]) -> "TextView":
        """Replace matches; replacement characters map onto the first source char of the match.

        A replacement as long as the match maps character by character, so
        full-width → half-width digit folding keeps exact offsets.
        """
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        pieces: list[str] = []
        origin: list[int] = []
        pos = 0
        for m in rx.finditer(self.text):
            i, j = m.span()
            pieces.append(self.text[pos:i])
            origin.extend(self.origin[pos:i])
            new = repl(m) if callable(repl) else m.expand(repl)
            pieces.append(new)
            if len(new) == j - i:
                origin.extend(self.origin[i:j])
            else:
                origin.extend([self.origin[i]] * len(new))
            pos = j
        if not pieces:
            return self
        pieces.append(self.text[pos:])
        origin.extend(self.origin[pos:])
        return TextView("".join(pieces), tuple(origin))

    def translate(self, table: dict[int, int | str]) -> "TextView":
        """Per-character folding (str.translate) that must not change lengths."""
        new = self.text.translate(table)
        if len(new) != len(self.text):
            raise ValueError("translate table must map one character to one character")
        return TextView(new, self.origin)


# Characters that PDF justification and Word export put between CJK characters.
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"\u3000-\u303f\uff00-\uffef“”‘’"
# (?=[ \t…\n]) keeps the gap non-empty: an empty match at every CJK boundary costs milliseconds.
_GAP = re.compile(rf"(?<=[{_CJK}{_CJK_PUNCT}0-9])(?=[ \t\u00a0\u3000\n])[ \t\u00a0\u3000]*\n?[ \t\u00a0\u3000]*(?=[{_CJK}{_CJK_PUNCT}])"
                  rf"|(?<=[{_CJK}{_CJK_PUNCT}])(?=[ \t\u00a0\u3000\n])[ \t\u00a0\u3000]*\n?[ \t\u00a0\u3000]*(?=[0-9])")
_DIGIT_WRAP = re.compile(r"(?<=[0-9])[ \t]*\n[ \t]*(?=[0-9])")
# A PDF line may also wrap before a Latin word: 微信、\nQQ群.
_LATIN_WRAP = re.compile(rf"(?<=[{_CJK}{_CJK_PUNCT}])[ \t]*\n[ \t]*(?=[A-Za-z])")
FULLWIDTH = {0xFF10 + i: 0x30 + i for i in range(10)}
FULLWIDTH.update({0xFF0E: 0x2E, 0xFF05: 0x25})


def close_gaps(view: TextView, join_lines: bool = True) -> TextView:
    """Drop spaces (and, with ``join_lines``, single line breaks) between CJK characters and digits.

    Paragraph breaks (blank lines) are kept: they end sentences.
    """
    view = view.translate(FULLWIDTH)
    if join_lines:
        view = view.sub(_DIGIT_WRAP, "").sub(_LATIN_WRAP, "")
        return view.sub(_GAP, "")
    no_newline = re.compile(_GAP.pattern.replace(r"\n?", ""))
    return view.sub(no_newline, "")
