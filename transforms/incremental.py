"""Deciding what a run must do: which files and documents are new, changed, unchanged or gone."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from transforms.documents import Parsed
from transforms.records import Document, Reject, SourceFile


@dataclass(frozen=True)
class StoredDocument:
    """Where the warehouse last saw a document."""

    source_path: str
    source_line: int
    is_current: bool
    source_id: str | None = None
    source_name: str | None = None


@dataclass(frozen=True)
class WarehouseState:
    """What the warehouse holds before this run: the run's source's file hashes, every source's
    document slots (a text current in another source is a duplicate here), and where the source
    was last read from (None when it is new)."""

    file_hashes: Mapping[str, str | None] = field(default_factory=dict)
    documents: Mapping[str, StoredDocument] = field(default_factory=dict)
    source_id: str | None = None
    source_root: str | None = None

    def owns(self, stored: StoredDocument) -> bool:
        """Return whether a stored document belongs to this run's source."""
        return stored.source_id == self.source_id


@dataclass(frozen=True)
class FilePlan:
    """Which of the found files must be read again, and which are gone."""

    reread: tuple[SourceFile, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True)
class DocumentPlan:
    """What happens to each document slot in this run."""

    to_extract: tuple[Document, ...]  # new text: needs the NLP
    relocated: tuple[Document, ...]  # text the warehouse has, now current at this slot
    to_delete: tuple[str, ...]  # document ids replaced by a changed file
    to_mark_removed: tuple[str, ...]  # document ids whose file is gone
    duplicates: tuple[Reject, ...]
    new: int
    changed: int
    unchanged: int


def file_plan(found: Iterable[SourceFile], state: WarehouseState) -> FilePlan:
    """Return the files to read again (new, changed or unreadable), the unchanged and the removed.

    A file under a folder that could not be listed is not known to be gone: it is neither. A file
    whose slot holds more than one current document (left by overlapping runs of earlier
    versions) is read again, so that only its own text stays current.
    """
    found = list(found)
    doubled = _doubly_held_paths(state)
    unchanged = [f.source_path for f in found
                 if f.sha256 is not None and state.file_hashes.get(f.source_path) == f.sha256
                 and f.source_path not in doubled]
    unchanged_set = set(unchanged)
    reread = [f for f in found if f.source_path not in unchanged_set]
    found_paths = {f.source_path for f in found}
    hidden_by = unlistable_folders(found)
    removed = sorted(path for path in state.file_hashes if path not in found_paths and not path.startswith(hidden_by))
    return FilePlan(tuple(reread), tuple(sorted(unchanged)), tuple(removed))


def _doubly_held_paths(state: WarehouseState) -> set[str]:
    held = Counter((s.source_path, s.source_line) for s in state.documents.values()
                   if s.is_current and state.owns(s))
    return {path for (path, _), documents in held.items() if documents > 1}


def unlistable_folders(found: Iterable[SourceFile]) -> tuple[str, ...]:
    """Return the folders (with their trailing slash) that discovery could not list."""
    return tuple(f.source_path for f in found if f.sha256 is None and f.source_path.endswith("/"))


def _where(stored: StoredDocument, state: WarehouseState) -> str:
    """Return a stored document's path as a reject names it: prefixed by its source when it is another's."""
    return stored.source_path if state.owns(stored) else f"{stored.source_name or stored.source_id}:{stored.source_path}"


def document_plan(files: FilePlan, parsed: Mapping[str, Parsed], state: WarehouseState) -> DocumentPlan:
    """Return what each document found in the re-read files needs, against the warehouse state."""
    # A file that could not be read this time, or lies in a folder that could not be listed,
    # keeps what the warehouse has from it.
    unreadable_paths = {f.source_path for f in files.reread if f.sha256 is None}
    unchanged_paths = set(files.unchanged) | unreadable_paths
    hidden_by = unlistable_folders(files.reread)
    reread_paths = {f.source_path for f in files.reread} - unreadable_paths
    removed_paths = set(files.removed)
    own = {doc_id: stored for doc_id, stored in state.documents.items() if state.owns(stored)}
    # Texts that stay where they are: current in this source's unchanged files, or in another source.
    claimed: dict[str, tuple[str, int]] = {
        doc_id: (_where(stored, state), stored.source_line)
        for doc_id, stored in state.documents.items()
        if stored.is_current and (not state.owns(stored) or stored.source_path in unchanged_paths
                                  or stored.source_path.startswith(hidden_by))
    }
    previous_slots = {(s.source_path, s.source_line): doc_id for doc_id, s in own.items() if s.is_current}
    to_extract: list[Document] = []
    relocated: list[Document] = []
    duplicates: list[Reject] = []
    new = changed = 0
    for path in sorted(parsed):
        for document in parsed[path].documents:
            slot = (document.source_path, document.source_line)
            if document.document_id in claimed:
                other_path, other_line = claimed[document.document_id]
                where = other_path if other_line == 0 else f"{other_path} line {other_line}"
                duplicates.append(Reject(document.source_path, document.source_line, "duplicate",
                                         f"same text as {where} (document {document.document_id})"))
                continue
            claimed[document.document_id] = slot
            previous = previous_slots.get(slot)
            if previous == document.document_id:
                continue
            if previous is None:
                new += 1
            else:
                changed += 1
            stored = state.documents.get(document.document_id)
            (relocated if stored is not None else to_extract).append(document)
    unchanged = sum(1 for slot, doc_id in previous_slots.items() if claimed.get(doc_id) == slot)
    to_delete = sorted(doc_id for doc_id, s in own.items() if s.source_path in reread_paths and doc_id not in claimed)
    to_mark_removed = sorted(doc_id for doc_id, s in own.items()
                             if s.is_current and s.source_path in removed_paths and doc_id not in claimed)
    return DocumentPlan(tuple(to_extract), tuple(relocated), tuple(to_delete), tuple(to_mark_removed),
                        tuple(duplicates), new, changed, unchanged)
