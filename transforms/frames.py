"""Polars frames shaped like the warehouse tables, built from extraction records."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import polars as pl

from transforms.canonical import NAMED_TYPES, entity_id, written_name
from transforms.lexicon import Alias
from transforms.records import Document, Extraction, Reject, SourceFile

# Where a document stands and what its file says about it: what a moved document takes with it.
SLOT_SCHEMA = {
    "document_id": pl.String, "source_path": pl.String, "source_line": pl.Int32, "title": pl.String,
    "title_source": pl.String, "published": pl.Date, "published_source": pl.String, "section": pl.String,
    "section_source": pl.String, "url": pl.String, "outlet": pl.String, "author": pl.String,
}
DOCUMENT_SCHEMA = {
    **SLOT_SCHEMA, "source_encoding": pl.String, "text": pl.String, "char_count": pl.Int32, "word_count": pl.Int32,
}
ENTITY_SCHEMA = {"entity_id": pl.String, "entity_name": pl.String, "entity_type": pl.String, "is_named": pl.Boolean}
MENTION_SCHEMA = {
    "mention_id": pl.String, "document_id": pl.String, "entity_id": pl.String, "mention_text": pl.String,
    "mention_label": pl.String, "title": pl.String, "sentence_index": pl.Int32, "start_char": pl.Int32,
    "end_char": pl.Int32, "alias": pl.String, "written_entity_type": pl.String,
}
ALIAS_LIST_SCHEMA = {"alias": pl.String, "alias_entity_id": pl.String, "entity_id": pl.String, "entity_name": pl.String,
                     "entity_type": pl.String}
QUOTE_SCHEMA = {
    "quote_id": pl.String, "document_id": pl.String, "quote_text": pl.String, "quote_kind": pl.String,
    "cue_verb": pl.String, "speaker_mention": pl.String, "speaker_name": pl.String, "speaker_type": pl.String,
    "speaker_entity_id": pl.String, "sentence_index": pl.Int32, "start_char": pl.Int32, "end_char": pl.Int32,
    "rule": pl.String, "confidence": pl.Float64, "enclosing_quote_id": pl.String, "speaker_resolution": pl.String,
}
QUOTE_ENTITY_SCHEMA = {"quote_id": pl.String, "mention_id": pl.String, "entity_id": pl.String,
                       "document_id": pl.String}
REJECT_SCHEMA = {"source_path": pl.String, "source_line": pl.Int32, "reason_code": pl.String, "reason": pl.String}
FILE_SCHEMA = {"source_path": pl.String, "file_sha256": pl.String, "size_bytes": pl.Int64,
               "documents": pl.Int32, "rejects": pl.Int32}
ID_SCHEMA = {"id": pl.String}
# The relations the NLP stage writes, chunk by chunk, for the load to read.
STAGED_SCHEMAS = {
    "incoming_documents": DOCUMENT_SCHEMA,
    "incoming_entities": ENTITY_SCHEMA,
    "incoming_mentions": MENTION_SCHEMA,
    "incoming_quotes": QUOTE_SCHEMA,
    "incoming_quote_entities": QUOTE_ENTITY_SCHEMA,
}


def document_frame(documents: Iterable[Document]) -> pl.DataFrame:
    """Return one row per document, shaped like `dim_document` (source and run bookkeeping added on load)."""
    rows = [{**_slot(d), "source_encoding": d.source_encoding, "text": d.text, "char_count": len(d.text),
             "word_count": len(d.text.split())} for d in documents]
    return pl.DataFrame(rows, schema=DOCUMENT_SCHEMA)


def slot_frame(documents: Iterable[Document]) -> pl.DataFrame:
    """Return where each already-stored document now stands, and what its file now says about it."""
    return pl.DataFrame([_slot(d) for d in documents], schema=SLOT_SCHEMA)


def _slot(d: Document) -> dict:
    return {name: getattr(d, name) for name in SLOT_SCHEMA}


def mention_frame(extractions: Iterable[Extraction]) -> pl.DataFrame:
    """Return one row per entity mention, shaped like `fact_mention`: linked to the entity its
    document decided (the load links it across the warehouse and keeps this as written_entity_id)."""
    rows = [
        {"mention_id": mention_id(x.document_id, n), "document_id": x.document_id,
         "entity_id": entity_id(m.entity_name, m.entity_type), "mention_text": m.text, "mention_label": m.label,
         "title": m.title, "sentence_index": m.sentence_index, "start_char": m.start_char, "end_char": m.end_char,
         "alias": written_name(m.text, m.label)[0], "written_entity_type": m.entity_type}
        for x in extractions
        for n, m in enumerate(x.mentions)
    ]
    return pl.DataFrame(rows, schema=MENTION_SCHEMA)


def alias_list_frame(aliases: Iterable[Alias]) -> pl.DataFrame:
    """Return the operators' alias list (transforms/data/entity_aliases.tsv) with the ids of each
    variant as an extraction would name it and of the entity it stands for."""
    rows = [{"alias": a.alias, "alias_entity_id": entity_id(a.alias, a.entity_type),
             "entity_id": entity_id(a.entity_name, a.entity_type), "entity_name": a.entity_name,
             "entity_type": a.entity_type} for a in aliases]
    return pl.DataFrame(rows, schema=ALIAS_LIST_SCHEMA)


def entity_frame(extractions: Iterable[Extraction]) -> pl.DataFrame:
    """Return the distinct canonical entities mentioned, one row per id, shaped like `dim_entity`:
    of the forms of one id, one not all in capitals (a headline's) first, then the first in sort order."""
    pairs = {(m.entity_name, m.entity_type) for x in extractions for m in x.mentions}
    ordered = sorted(pairs, key=lambda pair: (pair[0].isupper(), pair))
    rows = [(entity_id(name, kind), name, kind, kind in NAMED_TYPES) for name, kind in ordered]
    return pl.DataFrame(rows, schema=ENTITY_SCHEMA, orient="row").unique("entity_id", keep="first", maintain_order=True)


def quote_frame(extractions: Iterable[Extraction]) -> pl.DataFrame:
    """Return one row per quotation, shaped like `fact_quote`."""
    rows = []
    for x in extractions:
        entities = {(m.entity_name, m.entity_type) for m in x.mentions}
        for n, q in enumerate(x.quotes):
            speaker_id = (entity_id(q.speaker_name, q.speaker_type)
                          if q.speaker_name and (q.speaker_name, q.speaker_type) in entities else None)
            rows.append({
                "quote_id": quote_id(x.document_id, n), "document_id": x.document_id, "quote_text": q.text,
                "quote_kind": q.kind, "cue_verb": q.cue_verb, "speaker_mention": q.speaker_mention,
                "speaker_name": q.speaker_name, "speaker_type": q.speaker_type, "speaker_entity_id": speaker_id,
                "sentence_index": q.sentence_index, "start_char": q.start_char, "end_char": q.end_char,
                "rule": q.rule, "confidence": q.confidence, "enclosing_quote_id": _enclosing_quote_id(x, n),
                "speaker_resolution": q.speaker_resolution or None,
            })
    return pl.DataFrame(rows, schema=QUOTE_SCHEMA)


def _enclosing_quote_id(extraction: Extraction, ordinal: int) -> str | None:
    quote = extraction.quotes[ordinal]
    if not quote.nested:
        return None
    enclosing = [n for n, q in enumerate(extraction.quotes)
                 if not q.nested and q.start_char <= quote.start_char and quote.end_char <= q.end_char]
    return quote_id(extraction.document_id, enclosing[0]) if enclosing else None


def quote_entity_frame(extractions: Iterable[Extraction]) -> pl.DataFrame:
    """Return the entities mentioned inside each quote: the "about whom" bridge."""
    rows = []
    for x in extractions:
        for qn, q in enumerate(x.quotes):
            for mn, m in enumerate(x.mentions):
                if q.start_char <= m.start_char and m.end_char <= q.end_char:
                    rows.append((quote_id(x.document_id, qn), mention_id(x.document_id, mn),
                                 entity_id(m.entity_name, m.entity_type), x.document_id))
    return pl.DataFrame(rows, schema=QUOTE_ENTITY_SCHEMA, orient="row")


def reject_frame(rejects: Iterable[Reject]) -> pl.DataFrame:
    """Return one row per rejected file or line, shaped like `etl_reject` (source and run added on load)."""
    rows = [{name: getattr(r, name) for name in REJECT_SCHEMA} for r in rejects]
    return pl.DataFrame(rows, schema=REJECT_SCHEMA).unique(
        ["source_path", "source_line", "reason_code"], keep="first", maintain_order=True)


def file_frame(files: Iterable[SourceFile], documents: Sequence[Document], rejects: Sequence[Reject]) -> pl.DataFrame:
    """Return one row per file read in this run, with how many documents and rejects it gave."""
    doc_counts: dict[str, int] = {}
    for d in documents:
        doc_counts[d.source_path] = doc_counts.get(d.source_path, 0) + 1
    reject_counts: dict[str, int] = {}
    for r in rejects:
        reject_counts[r.source_path] = reject_counts.get(r.source_path, 0) + 1
    rows = [{"source_path": f.source_path, "file_sha256": f.sha256, "size_bytes": f.size_bytes,
             "documents": doc_counts.get(f.source_path, 0), "rejects": reject_counts.get(f.source_path, 0)}
            for f in files]
    return pl.DataFrame(rows, schema=FILE_SCHEMA)


def id_frame(ids: Iterable[str]) -> pl.DataFrame:
    """Return a one-column frame of ids, for the load to join against."""
    return pl.DataFrame({"id": list(ids)}, schema=ID_SCHEMA)


def mention_id(document_id: str, ordinal: int) -> str:
    """Return the id of a document's n-th mention: stable while the document text is unchanged."""
    return f"{document_id}-m{ordinal:05d}"


def quote_id(document_id: str, ordinal: int) -> str:
    """Return the id of a document's n-th quote: stable while the document text is unchanged."""
    return f"{document_id}-q{ordinal:04d}"
