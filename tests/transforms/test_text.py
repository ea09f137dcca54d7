"""Decoding bytes to text, normalising it, and the ids derived from it."""

from __future__ import annotations

import hashlib

import pytest

from transforms.text import DecodeError, content_sha256, decoded_text, document_id, normalised_text

# A paragraph of Western European news text; long enough for encoding detection to have something to go on.
FRENCH_PARAGRAPH = (
    "Café owners in the old town welcomed the decision on Monday. One, who runs a crêperie near the "
    "cathédrale, said prices for crème brûlée would fall. The association, which represents more than "
    "400 businesses in the région, agreed with the naïve forecast.\n"
)
# The same kind of text with cp1252's curly quotes and en dash (bytes 0x93, 0x94, 0x92, 0x96).
SMART_QUOTED_PARAGRAPH = (
    "The minister said “we will act quickly” – and he did. The café owners in the old town "
    "welcomed the decision. “It’s a relief,” said one, who runs a crêperie near the cathédrale. "
    "Prices for crème brûlée and other desserts are expected to fall next month, according to the "
    "association of restaurateurs, which represents more than 400 businesses in the région.\n"
) * 2


def test_decoded_text_plain_utf8_is_read_as_utf8() -> None:
    assert decoded_text("Zürich – “quoted”".encode()) == ("Zürich – “quoted”", "utf-8")


def test_decoded_text_strips_utf8_byte_order_mark() -> None:
    assert decoded_text(b"\xef\xbb\xbfHello, world.") == ("Hello, world.", "utf-8")


@pytest.mark.parametrize("data", [b"a\x00b", b"\x00", b"Hello" + b"\x00" * 4 + b"world"])
def test_decoded_text_nul_bytes_are_binary(data: bytes) -> None:
    with pytest.raises(DecodeError) as raised:
        decoded_text(data)
    assert raised.value.reason_code == "binary"


def test_decoded_text_cp1252_smart_quotes_are_detected() -> None:
    data = SMART_QUOTED_PARAGRAPH.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the detection path, not the UTF-8 one, is what is tested
    text, encoding = decoded_text(data)
    assert text == SMART_QUOTED_PARAGRAPH
    assert encoding != "utf-8"


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_decoded_text_latin1_accented_letters_survive_detection(codec: str) -> None:
    text, _ = decoded_text(FRENCH_PARAGRAPH.encode(codec))
    assert text == FRENCH_PARAGRAPH


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("one\r\ntwo", "one\ntwo"),
        ("one\rtwo", "one\ntwo"),
        ("one\r\n\r\ntwo\r\n", "one\n\ntwo"),
        ("  \n padded \n\t", "padded"),
    ],
)
def test_normalised_text_uses_lf_line_ends_and_trims(raw: str, expected: str) -> None:
    assert normalised_text(raw) == expected


def test_normalised_text_composes_to_nfc() -> None:
    decomposed = "Cafe\u0301 in Zu\u0308rich"
    assert normalised_text(decomposed) == "Caf\u00e9 in Z\u00fcrich"


def test_document_id_is_first_16_hex_digits_of_sha256_of_text() -> None:
    assert document_id("Hello.") == hashlib.sha256(b"Hello.").hexdigest()[:16]


def test_document_id_same_text_same_id_and_different_text_different_id() -> None:
    assert document_id("An article.") == document_id("An article.")
    assert document_id("An article.") != document_id("An article!")


def test_document_id_equal_after_normalising_crlf_and_nfc_variants() -> None:
    windows = normalised_text("Cafe\u0301 opens.\r\nMore soon.\r\n")
    unix = normalised_text("Caf\u00e9 opens.\nMore soon.")
    assert document_id(windows) == document_id(unix)


def test_content_sha256_hashes_raw_bytes() -> None:
    assert content_sha256(b"abc") == hashlib.sha256(b"abc").hexdigest()
    assert content_sha256(b"\xef\xbb\xbfabc") != content_sha256(b"abc")
