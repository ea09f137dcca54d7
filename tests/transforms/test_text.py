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


# ---------------------------------------------------------------- UTF-16 and UTF-32

ARTICLE = "The minister said “we will act” – and the café owners in Zürich agreed.\nMore soon.\n"


@pytest.mark.parametrize(("codec", "encoding"), [
    ("utf-16", "utf-16-le"),  # Python writes a BOM and little-endian units
    ("utf-32", "utf-32-le"),
])
def test_decoded_text_utf16_and_utf32_with_bom_decode(codec: str, encoding: str) -> None:
    assert decoded_text(ARTICLE.encode(codec)) == (ARTICLE, encoding)


@pytest.mark.parametrize("bom", [b"\xfe\xff", b"\x00\x00\xfe\xff"])
def test_decoded_text_big_endian_bom_decodes(bom: bytes) -> None:
    codec = "utf-16-be" if len(bom) == 2 else "utf-32-be"
    assert decoded_text(bom + ARTICLE.encode(codec)) == (ARTICLE, codec)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_decoded_text_utf16_and_utf32_without_bom_decode(codec: str) -> None:
    assert decoded_text(ARTICLE.encode(codec)) == (ARTICLE, codec)


# ---------------------------------------------------------------- mixed UTF-8 and Windows-1252


@pytest.mark.parametrize("utf8_line", [
    "The minister said the café would open.\n",
    "café owners — “good news” for the town.\n",
    "Zürich, Genève and Köln.\n",
])
@pytest.mark.parametrize("cp1252_line", ["café “quoted”\n", "Old line: café is here.\n", "She said “yes”.\n"])
def test_decoded_text_utf8_file_with_a_cp1252_line_decodes_line_by_line(utf8_line: str, cp1252_line: str) -> None:
    data = (utf8_line * 3).encode() + cp1252_line.encode("cp1252") + (utf8_line * 3).encode()
    assert decoded_text(data) == (utf8_line * 3 + cp1252_line + utf8_line * 3, "utf-8+cp1252")


def test_decoded_text_utf8_bom_file_with_a_cp1252_line_drops_the_bom() -> None:
    data = b"\xef\xbb\xbf" + "Zürich.\n".encode() + "café “quoted”\n".encode("cp1252")
    assert decoded_text(data) == ("Zürich.\ncafé “quoted”\n", "utf-8+cp1252")


def test_decoded_text_utf8_file_with_a_line_neither_utf8_nor_cp1252_is_mixed_encoding() -> None:
    data = "Zürich.\n".encode() + b"caf\xe9 \x81\x8d\n"  # 0x81 and 0x8D are not Windows-1252
    with pytest.raises(DecodeError) as raised:
        decoded_text(data)
    assert raised.value.reason_code == "mixed_encoding"
    assert "line 2" in raised.value.reason


# ---------------------------------------------------------------- NUL bytes and control characters


def test_decoded_text_nul_byte_after_the_first_8_kib_is_binary() -> None:
    with pytest.raises(DecodeError) as raised:
        decoded_text(b"a" * 10_000 + b"\x00" + b"b" * 100)
    assert raised.value.reason_code == "binary"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("bell\x07 and escape\x1b[31m", "bell and escape[31m"),
        ("nul\x00 del\x7f c1\x80\x9f", "nul del c1"),
        ("tab\tkept\nnewline kept", "tab\tkept\nnewline kept"),
        ("page\fbreak\vline", "page\nbreak\nline"),  # form feed and vertical tab end a line
        ("next\x85line", "next\nline"),  # NEL
    ],
)
def test_normalised_text_removes_control_characters_but_tab_and_line_breaks(raw: str, expected: str) -> None:
    assert normalised_text(raw) == expected


def test_normalised_text_lone_surrogates_become_replacement_characters() -> None:
    assert normalised_text("ok \ud800 and \udfff") == "ok \ufffd and \ufffd"


def test_normalised_text_surrogate_pair_becomes_its_character() -> None:
    assert normalised_text("smile \ud83d\ude00") == "smile \U0001f600"


@pytest.mark.parametrize(("raw", "expected"), [
    ("the communiqu&#233; said", "the communiqué said"),
    ("Marks &amp; Spencer", "Marks & Spencer"),
    ("&quot;We won&quot;, he said", '"We won", he said'),
    ("caf&#xe9; society", "café society"),
    ("AT&T and P&G", "AT&T and P&G"),
    ("&copy2016 and R&D;", "&copy2016 and R&D;"),
])
def test_normalised_text_decodes_html_character_references(raw: str, expected: str) -> None:
    assert normalised_text(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("He said he donâ€™t know", "He said he don’t know"),
    ("the cafÃ© reopened", "the café reopened"),
])
def test_normalised_text_repairs_utf8_read_as_cp1252(raw: str, expected: str) -> None:
    assert normalised_text(raw) == expected


@pytest.mark.parametrize("text", ["A pâté at the Château, à la carte.", "Ãlvaro said so", "“Yes,” she said — twice."])
def test_normalised_text_leaves_real_accents_and_curly_quotes_alone(text: str) -> None:
    assert normalised_text(text) == text
