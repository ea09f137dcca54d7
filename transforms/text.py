"""Decoding and normalising article text."""

from __future__ import annotations

import hashlib
import unicodedata

from charset_normalizer import from_bytes


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
    text = str(best)
    if _control_ratio(text) > 0.01:
        raise DecodeError("binary", f"decodes as {best.encoding} but is mostly control characters")
    return text, best.encoding


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
