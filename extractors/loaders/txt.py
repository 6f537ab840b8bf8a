"""Plain text: detect the encoding; the decoded text is the text as loaded."""
from __future__ import annotations

import codecs
import hashlib

from gidar import errors
from gidar.domain import Document

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def detect_encoding(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16/32 (BOM or NUL pattern), else GB18030."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    head = data[:4096]
    if head.count(b"\x00") > len(head) // 8:
        # UTF-16 without BOM: NULs sit in the high byte of ASCII characters.
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if odd > even * 2:
            return "utf-16-le"
        if even > odd * 2:
            return "utf-16-be"
        raise errors.BinaryInput("文件包含大量空字节，不是文本文件")
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError:
        pass
    if _control_share(head) > 0.01:
        raise errors.BinaryInput("文件内容是二进制数据，不是文本")
    raise errors.UnknownEncoding("无法识别文件编码（既不是 UTF-8/UTF-16，也不是 GB18030/GBK）")


def _control_share(head: bytes) -> float:
    """Share of C0 control bytes other than whitespace: text has almost none."""
    if not head:
        return 0.0
    return sum(1 for b in head if b < 32 and b not in b"\t\n\r\f\v") / len(head)


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return "\x00" in sample or controls > len(sample) * 0.01


def load_txt(data: bytes, source: str = "<bytes>") -> Document:
    encoding = detect_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise errors.UnknownEncoding(f"按 {encoding} 解码失败：{exc.reason}") from None
    if _looks_binary(text):
        raise errors.BinaryInput("文件内容是二进制数据，不是文本")
    if not text.strip():
        raise errors.EmptyInput("文件没有文字内容")
    return Document(source=source, sha256=hashlib.sha256(data).hexdigest(), kind="txt",
                    text=text, encoding=encoding)
