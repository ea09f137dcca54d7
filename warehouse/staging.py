"""Extraction results kept by content beside the warehouse until a load takes them.

The NLP writes each chunk's rows here as soon as the chunk is done, as one folder of Parquet
files named by the ids (content hashes) of its documents. A run that fails after its NLP (a lock
timeout, a full disk, a kill) leaves them for the next run, which extracts only the documents
that no chunk holds yet. A load removes the chunks it took; chunks made by another version of
the extractor, chunks older than a week, and the oldest chunks beyond a size cap are pruned.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

DOCUMENTS = "incoming_documents"  # the relation that says which documents a chunk holds
MAX_AGE_SECONDS = 7 * 24 * 3600
DEFAULT_MAX_BYTES = 2 * 1024**3
_LEGACY_PREFIX = ".newsdesk-staging-"  # per-run folders of earlier versions, never reused
# A chunk being written is a hidden `.partial` folder; one this old belongs to a killed run.
PARTIAL_AGE_SECONDS = 3600


@dataclass(frozen=True)
class StagedChunks:
    """The chunks a load reads, and the documents it takes from them."""

    chunks: tuple[Path, ...]
    document_ids: frozenset[str]


class StagingCache:
    """Chunk folders under `root/<fingerprint>/`: one extractor version's results."""

    def __init__(self, root: Path, fingerprint: str) -> None:
        self.root = root
        self.folder = root / fingerprint

    def chunks(self) -> list[Path]:
        """Return the complete chunk folders, oldest first."""
        if not self.folder.is_dir():
            return []
        found = [p for p in self.folder.iterdir() if p.is_dir() and not p.name.startswith(".")]
        return sorted(found, key=lambda p: (p.stat().st_mtime, p.name))

    def documents_by_chunk(self) -> dict[Path, frozenset[str]]:
        """Return the document ids each chunk holds."""
        held = {}
        for chunk in self.chunks():
            try:
                ids = pl.read_parquet(chunk / f"{DOCUMENTS}.parquet", columns=["document_id"])["document_id"]
            except (OSError, pl.exceptions.PolarsError):
                continue  # removed by another run meanwhile, or unreadable: extract again
            held[chunk] = frozenset(ids.to_list())
        return held

    def held_ids(self) -> frozenset[str]:
        """Return the ids of every document some chunk holds."""
        return frozenset().union(*self.documents_by_chunk().values())

    def put(self, tables: Mapping[str, pl.DataFrame]) -> Path:
        """Write one chunk's frames; the chunk appears whole or not at all."""
        ids = sorted(tables[DOCUMENTS]["document_id"].to_list())
        name = hashlib.sha256("\n".join(ids).encode("utf-8")).hexdigest()[:24]
        target = self.folder / name
        partial = self.folder / f".{name}.{os.getpid()}.partial"
        partial.mkdir(parents=True, exist_ok=True)
        try:
            for relation, frame in tables.items():
                frame.write_parquet(partial / f"{relation}.parquet")
            try:
                os.replace(partial, target)
            except OSError:
                if not target.is_dir():
                    raise  # else: the same documents are staged already, by a concurrent run
        finally:
            shutil.rmtree(partial, ignore_errors=True)
        return target

    def take(self, wanted: Iterable[str]) -> StagedChunks:
        """Return the chunks that hold any of the `wanted` documents, and those documents."""
        wanted = frozenset(wanted)
        chunks, ids = [], set()
        for chunk, held in self.documents_by_chunk().items():
            if held & wanted:
                chunks.append(chunk)
                ids |= held & wanted
        return StagedChunks(tuple(chunks), frozenset(ids))

    def remove(self, chunks: Iterable[Path]) -> None:
        """Remove chunks a load has taken."""
        for chunk in chunks:
            shutil.rmtree(chunk, ignore_errors=True)

    def prune(self, *, max_bytes: int = DEFAULT_MAX_BYTES, max_age_seconds: float = MAX_AGE_SECONDS) -> None:
        """Remove other extractor versions' chunks, chunks past their age, and the oldest beyond
        `max_bytes`; chunks a killed run left half-written; and earlier versions' per-run staging
        folders beside the warehouse."""
        for legacy in self.root.parent.glob(f"{_LEGACY_PREFIX}*"):
            shutil.rmtree(legacy, ignore_errors=True)
        if self.root.is_dir():
            for other in self.root.iterdir():
                if other != self.folder:
                    shutil.rmtree(other, ignore_errors=True)
        now = time.time()
        if self.folder.is_dir():
            for partial in self.folder.glob(".*.partial"):
                if now - partial.stat().st_mtime > PARTIAL_AGE_SECONDS:
                    shutil.rmtree(partial, ignore_errors=True)
        kept = []
        for chunk in self.chunks():
            if now - chunk.stat().st_mtime > max_age_seconds:
                shutil.rmtree(chunk, ignore_errors=True)
            else:
                kept.append((chunk, _size(chunk)))
        total = sum(size for _, size in kept)
        for chunk, size in kept:
            if total <= max_bytes:
                break
            shutil.rmtree(chunk, ignore_errors=True)
            total -= size


def register_staged(con: duckdb.DuckDBPyConnection, staged: StagedChunks,
                    schemas: Mapping[str, Mapping[str, pl.DataType]]) -> None:
    """Make each staged relation readable in `con` as `staged_<relation>` (no rows when absent)."""
    for relation, schema in schemas.items():
        files = [str(chunk / f"{relation}.parquet") for chunk in staged.chunks]
        name = relation.replace("incoming_", "staged_")
        if files:
            con.register(name, con.read_parquet(files))
        else:
            con.register(name, pl.DataFrame(schema=dict(schema)).to_arrow())


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
