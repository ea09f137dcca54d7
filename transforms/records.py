"""Frozen records passed between the stages of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class SourceFile:
    """A file found under the source folder, with the bytes that were read from it."""

    # relative to the source folder, POSIX separators, bytes that are not UTF-8 written as \xNN;
    # a folder that could not be listed ends in "/"
    source_path: str
    size_bytes: int
    sha256: str | None  # None when the file could not be read
    data: bytes | None = field(default=None, repr=False, compare=False)
    read_error_code: str | None = None  # why the bytes could not be read: unreadable, too_large, not_a_regular_file
    read_error: str | None = None


@dataclass(frozen=True)
class Document:
    """One normalised article; `text` is what every character offset indexes."""

    document_id: str
    source_path: str
    source_line: int  # 0 for .txt/.md, 1-based line number in a .jsonl file
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    source_encoding: str = "utf-8"
    section: str | None = None
    # where each came from: front_matter or json (the file said so), headline (the first line),
    # path (a date in the path), folder or pattern (the section from the path); None when unknown
    title_source: str | None = None
    published_source: str | None = None
    section_source: str | None = None


@dataclass(frozen=True)
class Reject:
    """Input that could not become a document, and why."""

    source_path: str
    source_line: int
    reason_code: str
    reason: str


@dataclass(frozen=True)
class Mention:
    """One named-entity span, linked to its canonical entity."""

    start_char: int
    end_char: int
    text: str
    label: str  # the label spaCy gave the span
    sentence_index: int
    entity_name: str  # canonical name
    entity_type: str  # canonical type (may correct `label`)
    title: str | None = None  # honorific or office written before a person's name


@dataclass(frozen=True)
class Quote:
    """One quotation: its exact span in the document text and who said it."""

    start_char: int
    end_char: int
    text: str
    kind: str  # direct | indirect | partial | scare | belief
    cue_verb: str  # as written; "" when there is none
    speaker_mention: str | None  # the speaker as written in the text
    speaker_name: str | None  # the speaker resolved to a canonical name
    speaker_type: str | None  # entity type of the resolved speaker, or NOUN_PHRASE / PRONOUN
    sentence_index: int
    rule: str  # the row of the attribution rule table that found the speaker
    confidence: float
    nested: bool = False  # a quoted fragment inside a reported clause that is itself a quote
    speaker_resolution: str = ""  # how the mention became a name (transforms.attribution.context.Speaker)


@dataclass(frozen=True)
class Extraction:
    """What the NLP stage found in one document."""

    document_id: str
    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
