"""One chunk of documents through the NLP and the rules, out as table frames.

This is the unit of work a worker process (or a Dask worker) runs: it takes plain documents and
gives back small Polars frames, so no spaCy `Doc` ever crosses a process boundary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

import polars as pl

from transforms import frames
from transforms.nlp import BATCH_SIZE, extract, loaded_model
from transforms.records import Document


@dataclass(frozen=True)
class ChunkFrames:
    """The rows one chunk of documents adds, named like the relations the load reads."""

    incoming_documents: pl.DataFrame
    incoming_entities: pl.DataFrame
    incoming_mentions: pl.DataFrame
    incoming_quotes: pl.DataFrame
    incoming_quote_entities: pl.DataFrame

    def tables(self) -> dict[str, pl.DataFrame]:
        """Return the frames by relation name."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def extract_frames(documents: Sequence[Document], batch_size: int = BATCH_SIZE) -> ChunkFrames:
    """Return the table frames for a chunk of documents (the model loads once per process)."""
    extractions = list(extract(loaded_model(), documents, batch_size=batch_size)) if documents else []
    return ChunkFrames(
        incoming_documents=frames.document_frame(documents),
        incoming_entities=frames.entity_frame(extractions),
        incoming_mentions=frames.mention_frame(extractions),
        incoming_quotes=frames.quote_frame(extractions),
        incoming_quote_entities=frames.quote_entity_frame(extractions),
    )


def warm_up() -> None:
    """Load the model now (a worker's initializer), so the first chunk does not wait for it."""
    loaded_model()
