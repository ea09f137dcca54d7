"""Decoding and normalising article text."""

from __future__ import annotations

import hashlib
import unicodedata

from charset_normalizer import from_bytes


_LATIN_CODE_PAGES = frozenset({"cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_1", "iso8859_2",
                               "iso8859_9", "iso8859_13", "iso8859_15", "iso8859_16", "mac_latin2", "mac_roman",
                               "cp850", "cp852"})


class DecodeError(ValueError):
    """Bytes that are not text in any encoding we can trust."""

    def __init__(self, reason_code: str, reason: str) -> None:
        super().__init__(reason)
        self.reason_code = reason_code
        self.reason = reason


def decoded_text(data: bytes) -> tuple[str, str]:
    """Return the text of `data` and the encoding it was read with (UTF-8 first, then detected)."""
    if b"\x00" in data[:8192]:
        raise DecodeError("binary", "file contains NUL bytes: binary, not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError(
            "undecodable", f"not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) "
            "and no other encoding could be detected"
        )
    text, encoding = _western_preferred(data, str(best), best.encoding)
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


def normalised_text(text: str) -> str:
    """Return `text` in NFC with LF line ends and no surrounding whitespace."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return text.strip()


def document_id(text: str) -> str:
    """Return the stable id of a normalised text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def content_sha256(data: bytes) -> str:
    """Return the SHA-256 hex digest of raw file bytes."""
    return hashlib.sha256(data).hexdigest()
