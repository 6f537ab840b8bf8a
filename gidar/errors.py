"""Input problems as a small exception hierarchy with stable codes.

Problems *in* a report (a wrong total, a missing table) are findings, not
exceptions; these are for documents gidar cannot read at all.
"""
from __future__ import annotations


class InputProblem(Exception):
    """A document gidar cannot read; ``code`` is part of the JSON contract."""

    code = "unreadable"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class EmptyInput(InputProblem):
    code = "empty"


class TooLarge(InputProblem):
    code = "too_large"


class BinaryInput(InputProblem):
    code = "binary"


class UnknownEncoding(InputProblem):
    code = "encoding"


class UnsupportedFormat(InputProblem):
    code = "unsupported_format"


class NoTextLayer(InputProblem):
    """A PDF whose text layer is missing or mojibake (scans, broken font encodings)."""

    code = "no_text_layer"


class Encrypted(InputProblem):
    code = "encrypted"


class Corrupt(InputProblem):
    """A truncated or damaged file of a known format."""

    code = "corrupt"


class UnsafeInput(InputProblem):
    """Zip bombs and similar inputs refused before they are expanded."""

    code = "unsafe"


class NotAReport(InputProblem):
    code = "not_a_report"
