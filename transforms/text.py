"""Decoding and normalising article text."""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata

import html

from charset_normalizer import from_bytes
from ftfy import fix_encoding
from ftfy.badness import is_bad


_LATIN_CODE_PAGES = frozenset({"cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_1", "iso8859_2",
                               "iso8859_9", "iso8859_13", "iso8859_15", "iso8859_16", "mac_latin2", "mac_roman",
                               "cp850", "cp852"})


# Byte-order marks, longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Text in these encodings is full of NUL bytes; any other file with a NUL byte is binary.
_WIDE_ENCODINGS = ("utf_32_le", "utf_32_be", "utf_16_le", "utf_16_be")
_MIXED_ENCODING = "utf-8+cp1252"
# Line breaks written as control characters end a line; every other C0/C1 control but tab goes.
_CONTROL_CHARACTERS = {
    code: ("\n" if chr(code) in "\v\f\x85" else None)
    for code in (*range(0x00, 0x20), *range(0x7F, 0xA0))
    if chr(code) not in "\t\n"
}
_SURROGATE = re.compile("[\ud800-\udfff]")
# Character references written out in plain text (`communiqu&#233;`, `&amp;`): only complete
# ones, with their semicolon, so `AT&T` and `R&D;` stay as written.
_CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# UTF-8 read as cp1252 or Latin-1 starts with one of these; only then is ftfy's slower check run.
_MOJIBAKE_LEAD = re.compile("[\u00c2\u00c3\u00c5\u00e2]")


class DecodeError(ValueError):
    """Bytes that are not text in any encoding we can trust."""

    def __init__(self, reason_code: str, reason: str) -> None:
        super().__init__(reason)
        self.reason_code = reason_code
        self.reason = reason


def decoded_text(data: bytes) -> tuple[str, str]:
    """Return the text of `data` and the encoding it was read with.

    In order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-16 or UTF-32 without one when the
    bytes hold NULs (any other NUL is binary); UTF-8; UTF-8 lines mixed with Windows-1252 lines;
    else the encoding charset-normalizer detects.
    """
    marked = _marked_text(data)
    if marked is not None:
        return marked
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if b"\x00" in data:
        return _wide_text(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    lines = data.splitlines(keepends=True)
    if any(not line.isascii() and _is_utf8(line) for line in lines):
        return _checked(_line_by_line_text(lines), _MIXED_ENCODING)
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError(
            "undecodable", f"not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) "
            "and no other encoding could be detected"
        )
    return _checked(*_western_preferred(data, str(best), best.encoding))


def _marked_text(data: bytes) -> tuple[str, str] | None:
    """Return the text after a byte-order mark when the rest decodes in its encoding, else None."""
    for mark, encoding in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return data[len(mark):].decode(encoding), encoding
            except UnicodeDecodeError:
                continue
    return None


def _wide_text(data: bytes) -> tuple[str, str]:
    """Return UTF-16 or UTF-32 text without a byte-order mark, or raise: NUL bytes mean binary."""
    best = from_bytes(data, cp_isolation=list(_WIDE_ENCODINGS)).best()
    if best is not None and best.encoding in _WIDE_ENCODINGS:
        text = str(best)
        if "\x00" not in text and _control_ratio(text) <= 0.01:
            return text, best.encoding.replace("_", "-")
    raise DecodeError("binary", "file contains NUL bytes and is not UTF-16 or UTF-32 text: binary, not text")


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _line_by_line_text(lines: list[bytes]) -> str:
    """Return each line decoded as UTF-8, else as Windows-1252 (a legacy line pasted into UTF-8 text)."""
    decoded = []
    for number, line in enumerate(lines, start=1):
        try:
            decoded.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            try:
                decoded.append(line.decode("cp1252"))
            except UnicodeDecodeError:
                raise DecodeError("mixed_encoding", f"line {number} is neither UTF-8 nor Windows-1252, "
                                  "and other lines are UTF-8") from None
    return "".join(decoded)


def _checked(text: str, encoding: str) -> tuple[str, str]:
    if _control_ratio(text) > 0.01:
        raise DecodeError("binary", f"decodes as {encoding} but is mostly control characters")
    return text, encoding


def _western_preferred(data: bytes, text: str, encoding: str) -> tuple[str, str]:
    """Prefer Windows-1252 to another single-byte Latin code page when both fit the bytes.

    Detection cannot tell Latin-1 from Central European code pages on short text; English-language
    news in a legacy encoding is almost always Windows-1252 (a superset of printable Latin-1).
    """
    if encoding.replace("-", "_").lower() not in _LATIN_CODE_PAGES:
        return text, encoding
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return text, encoding


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return controls / len(text)


def utf8_safe(text: str) -> str:
    """Return `text` with surrogate pairs joined and lone surrogates (from JSON escapes) as U+FFFD."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def normalised_text(text: str) -> str:
    """Return `text` in NFC with LF line ends, no control characters but tab, and no surrounding whitespace.

    Lone surrogates become U+FFFD; form feed, vertical tab and NEL end a line. HTML character
    references are decoded, and UTF-8 that was read as cp1252 (`donâ€™t`) is repaired by ftfy.
    """
    text = utf8_safe(text)
    if _MOJIBAKE_LEAD.search(text) and is_bad(text):
        text = fix_encoding(text)
    text = _CHARACTER_REFERENCE.sub(_decoded_reference, text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_CONTROL_CHARACTERS)
    text = unicodedata.normalize("NFC", text)
    return text.strip()


def _decoded_reference(match: re.Match[str]) -> str:
    """Return the character a reference stands for, or the reference as written when it is none."""
    decoded = html.unescape(match[0])
    return match[0] if decoded.endswith(";") else decoded


def document_id(text: str) -> str:
    """Return the stable id of a normalised text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def content_sha256(data: bytes) -> str:
    """Return the SHA-256 hex digest of raw file bytes."""
    return hashlib.sha256(data).hexdigest()
