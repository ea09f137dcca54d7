"""Deciding what a run must do with each file and document slot."""

from __future__ import annotations


from transforms.documents import Parsed, parse_file
from transforms.incremental import DocumentPlan, StoredDocument, WarehouseState, document_plan, file_plan
from transforms.records import Document, Reject, SourceFile
from transforms.text import content_sha256, document_id


def _file(path: str, text: str) -> SourceFile:
    data = text.encode()
    return SourceFile(path, len(data), content_sha256(data), data)


def _unreadable(path: str) -> SourceFile:
    return SourceFile(path, 0, None, None, "unreadable", "permission denied")


def _id(text: str) -> str:
    return document_id(text)


def _state(files: dict[str, str], slots: dict[str, tuple[str, int, bool]]) -> WarehouseState:
    """State from file texts (hashed as _file does) and {text: (path, line, is_current)}."""
    return WarehouseState(
        file_hashes={path: content_sha256(text.encode()) for path, text in files.items()},
        documents={_id(text): StoredDocument(path, line, current) for text, (path, line, current) in slots.items()},
    )


def _run(found: list[SourceFile], state: WarehouseState) -> DocumentPlan:
    files = file_plan(found, state)
    return document_plan(files, {f.source_path: parse_file(f) for f in files.reread}, state)


def _slots(documents: tuple[Document, ...]) -> list[tuple[str, str, int]]:
    return [(d.text, d.source_path, d.source_line) for d in documents]


# ---------------------------------------------------------------- file_plan


def test_file_plan_same_hash_is_unchanged_and_not_reread() -> None:
    plan = file_plan([_file("a.txt", "Alpha.")], _state({"a.txt": "Alpha."}, {}))
    assert (plan.reread, plan.unchanged, plan.removed) == ((), ("a.txt",), ())


def test_file_plan_new_and_changed_files_are_reread() -> None:
    new, changed = _file("b.txt", "Beta."), _file("a.txt", "Alpha, edited.")
    plan = file_plan([new, changed], _state({"a.txt": "Alpha."}, {}))
    assert [f.source_path for f in plan.reread] == ["b.txt", "a.txt"]
    assert (plan.unchanged, plan.removed) == ((), ())


def test_file_plan_files_no_longer_found_are_removed_in_order() -> None:
    plan = file_plan([_file("b.txt", "Beta.")], _state({"c.txt": "C.", "a.txt": "A.", "b.txt": "Beta."}, {}))
    assert (plan.unchanged, plan.removed) == (("b.txt",), ("a.txt", "c.txt"))


def test_file_plan_unreadable_file_is_always_reread() -> None:
    state = WarehouseState(file_hashes={"locked.txt": None})
    plan = file_plan([_unreadable("locked.txt")], state)
    assert [f.source_path for f in plan.reread] == ["locked.txt"]
    assert plan.unchanged == ()


# ---------------------------------------------------------------- document_plan


def test_document_plan_new_file_is_extracted() -> None:
    plan = _run([_file("a.txt", "Alpha.")], WarehouseState())
    assert _slots(plan.to_extract) == [("Alpha.", "a.txt", 0)]
    assert (plan.new, plan.changed, plan.unchanged) == (1, 0, 0)
    assert (plan.relocated, plan.to_delete, plan.to_mark_removed, plan.duplicates) == ((), (), (), ())


def test_document_plan_unchanged_file_needs_nothing() -> None:
    plan = _run([_file("a.txt", "Alpha.")], _state({"a.txt": "Alpha."}, {"Alpha.": ("a.txt", 0, True)}))
    assert (plan.to_extract, plan.relocated, plan.to_delete, plan.to_mark_removed) == ((), (), (), ())
    assert (plan.new, plan.changed, plan.unchanged) == (0, 0, 1)


def test_document_plan_changed_file_extracts_new_text_and_deletes_old() -> None:
    state = _state({"a.txt": "Alpha."}, {"Alpha.": ("a.txt", 0, True)})
    plan = _run([_file("a.txt", "Alpha, edited.")], state)
    assert _slots(plan.to_extract) == [("Alpha, edited.", "a.txt", 0)]
    assert plan.to_delete == (_id("Alpha."),)
    assert (plan.new, plan.changed, plan.unchanged) == (0, 1, 0)


def test_document_plan_appended_jsonl_line_keeps_old_line_unchanged() -> None:
    old = '{"text": "One."}\n'
    state = _state({"f.jsonl": old}, {"One.": ("f.jsonl", 1, True)})
    plan = _run([_file("f.jsonl", old + '{"text": "Two."}\n')], state)
    assert _slots(plan.to_extract) == [("Two.", "f.jsonl", 2)]
    assert (plan.new, plan.changed, plan.unchanged, plan.to_delete) == (1, 0, 1, ())


def test_document_plan_relocated_known_text_needs_no_nlp() -> None:
    state = _state({"old.txt": "Alpha."}, {"Alpha.": ("old.txt", 0, True)})
    plan = _run([_file("new.txt", "Alpha.")], state)
    assert plan.to_extract == ()
    assert _slots(plan.relocated) == [("Alpha.", "new.txt", 0)]
    assert (plan.to_delete, plan.to_mark_removed) == ((), ())
    assert (plan.new, plan.changed) == (1, 0)


def test_document_plan_swapped_jsonl_lines_are_relocated_not_extracted() -> None:
    old = '{"text": "One."}\n{"text": "Two."}\n'
    state = _state({"f.jsonl": old}, {"One.": ("f.jsonl", 1, True), "Two.": ("f.jsonl", 2, True)})
    plan = _run([_file("f.jsonl", '{"text": "Two."}\n{"text": "One."}\n')], state)
    assert plan.to_extract == ()
    assert _slots(plan.relocated) == [("Two.", "f.jsonl", 1), ("One.", "f.jsonl", 2)]
    assert (plan.changed, plan.to_delete) == (2, ())


def test_document_plan_previously_removed_text_coming_back_is_relocated() -> None:
    state = _state({}, {"Alpha.": ("gone.txt", 0, False)})
    plan = _run([_file("back.txt", "Alpha.")], state)
    assert (plan.to_extract, _slots(plan.relocated)) == ((), [("Alpha.", "back.txt", 0)])


def test_document_plan_same_text_in_two_new_files_gives_one_duplicate_reject() -> None:
    plan = _run([_file("b.txt", "Alpha."), _file("a.txt", "Alpha.")], WarehouseState())
    assert _slots(plan.to_extract) == [("Alpha.", "a.txt", 0)]
    (duplicate,) = plan.duplicates
    assert (duplicate.source_path, duplicate.source_line, duplicate.reason_code) == ("b.txt", 0, "duplicate")
    assert "a.txt" in duplicate.reason and _id("Alpha.") in duplicate.reason
    assert plan.new == 1


def test_document_plan_new_copy_of_unchanged_text_is_a_duplicate() -> None:
    state = _state({"a.txt": "Alpha."}, {"Alpha.": ("a.txt", 0, True)})
    plan = _run([_file("a.txt", "Alpha."), _file("copy.txt", "Alpha.")], state)
    assert plan.duplicates == (Reject("copy.txt", 0, "duplicate", f"same text as a.txt (document {_id('Alpha.')})"),)
    assert (plan.to_extract, plan.relocated, plan.unchanged) == ((), (), 1)


def test_document_plan_duplicate_line_in_jsonl_names_the_first_line() -> None:
    plan = _run([_file("f.jsonl", '{"text": "One."}\n{"text": "One."}\n')], WarehouseState())
    (duplicate,) = plan.duplicates
    assert (duplicate.source_line, duplicate.reason_code) == (2, "duplicate")
    assert "f.jsonl line 1" in duplicate.reason


def test_document_plan_removed_file_marks_its_documents() -> None:
    state = _state({"a.txt": "Alpha.", "b.txt": "Beta."}, {"Alpha.": ("a.txt", 0, True), "Beta.": ("b.txt", 0, True)})
    plan = _run([_file("a.txt", "Alpha.")], state)
    assert plan.to_mark_removed == (_id("Beta."),)
    assert (plan.to_delete, plan.unchanged) == ((), 1)


def test_document_plan_removed_file_does_not_mark_already_removed_documents() -> None:
    state = _state({"b.txt": "Beta."}, {"Beta.": ("b.txt", 0, False)})
    assert _run([], state).to_mark_removed == ()


def test_document_plan_text_moved_from_changed_file_is_kept_not_deleted() -> None:
    state = _state({"a.txt": "Alpha."}, {"Alpha.": ("a.txt", 0, True)})
    plan = _run([_file("a.txt", "Gamma."), _file("b.txt", "Alpha.")], state)
    assert _slots(plan.to_extract) == [("Gamma.", "a.txt", 0)]
    assert _slots(plan.relocated) == [("Alpha.", "b.txt", 0)]
    assert plan.to_delete == ()


def test_document_plan_uses_given_parse_results() -> None:
    files = file_plan([_file("a.txt", "ignored")], WarehouseState())
    parsed = {"a.txt": Parsed((Document(_id("Given."), "a.txt", 0, "Given."),), ())}
    assert _slots(document_plan(files, parsed, WarehouseState()).to_extract) == [("Given.", "a.txt", 0)]


def test_document_plan_unreadable_file_is_rejected_not_extracted() -> None:
    state = _state({"a.txt": "Alpha."}, {"Alpha.": ("a.txt", 0, True)})
    plan = _run([_unreadable("a.txt")], state)
    assert (plan.to_extract, plan.relocated, plan.new, plan.changed) == ((), (), 0, 0)


def test_document_plan_unreadable_file_does_not_delete_its_stored_documents() -> None:
    state = _state({"a.txt": "Alpha."}, {"Alpha.": ("a.txt", 0, True)})
    assert _id("Alpha.") not in _run([_unreadable("a.txt")], state).to_delete


# ---------------------------------------------------------------- unreadable folders


def _unlistable(folder: str) -> SourceFile:
    return SourceFile(folder, 0, None, None, "unreadable", f"folder {folder} could not be listed: permission denied")


def test_file_plan_files_under_an_unreadable_folder_are_neither_reread_nor_removed() -> None:
    state = _state({"a.txt": "Alpha.", "sub/dir/b.txt": "Beta.", "sub/dir/deep/c.txt": "C.", "sub/dirt.txt": "D."}, {})
    plan = file_plan([_file("a.txt", "Alpha."), _unlistable("sub/dir/")], state)
    assert [f.source_path for f in plan.reread] == ["sub/dir/"]
    assert (plan.unchanged, plan.removed) == (("a.txt",), ("sub/dirt.txt",))


def test_document_plan_documents_under_an_unreadable_folder_are_kept() -> None:
    state = _state({"sub/dir/b.txt": "Beta."}, {"Beta.": ("sub/dir/b.txt", 0, True)})
    plan = _run([_unlistable("sub/dir/"), _file("copy.txt", "Beta.")], state)
    assert (plan.to_delete, plan.to_mark_removed, plan.relocated, plan.to_extract) == ((), (), (), ())
    (duplicate,) = plan.duplicates  # the stored document still holds its text
    assert (duplicate.source_path, duplicate.reason_code) == ("copy.txt", "duplicate")


def test_unreadable_folder_is_rejected_with_its_reason() -> None:
    (reject,) = parse_file(_unlistable("sub/dir/")).rejects
    assert (reject.source_path, reject.reason_code) == ("sub/dir/", "unreadable")
    assert "sub/dir/" in reject.reason


def test_a_slot_holding_two_current_documents_is_read_again_and_keeps_only_the_file_s_text() -> None:
    # What two overlapping runs of earlier versions could leave: a.txt's slot held twice.
    state = _state({"a.txt": "Alpha text."}, {"Alpha text.": ("a.txt", 0, True), "Other text.": ("a.txt", 0, True)})

    files = file_plan([_file("a.txt", "Alpha text.")], state)
    plan = document_plan(files, {f.source_path: parse_file(f) for f in files.reread}, state)

    assert [f.source_path for f in files.reread] == ["a.txt"]
    assert plan.to_delete == (_id("Other text."),) and plan.to_extract == ()


# ---------------------------------------------------------------- sources side by side


def _two_sources(own_files: dict[str, str]) -> WarehouseState:
    """State for a run of source `bbc` while source `wire` holds `a.txt` (current) and `old.txt` (removed)."""
    documents = {
        _id("Wire story."): StoredDocument("a.txt", 0, True, "wire-id", "wire"),
        _id("Old wire story."): StoredDocument("old.txt", 0, False, "wire-id", "wire"),
    }
    for path, text in own_files.items():
        documents[_id(text)] = StoredDocument(path, 0, True, "bbc-id", "bbc")
    return WarehouseState({p: content_sha256(t.encode()) for p, t in own_files.items()}, documents, "bbc-id")


def test_another_sources_documents_are_neither_removed_nor_deleted_by_this_run() -> None:
    plan = _run([_file("b.txt", "Bee story.")], _two_sources({}))
    assert (plan.to_delete, plan.to_mark_removed) == ((), ())
    assert _slots(plan.to_extract) == [("Bee story.", "b.txt", 0)]


def test_same_path_in_another_source_is_a_new_document_here() -> None:
    plan = _run([_file("a.txt", "Bee story.")], _two_sources({}))
    assert (plan.new, plan.changed, plan.to_delete) == (1, 0, ())


def test_text_current_in_another_source_is_a_duplicate_naming_that_source() -> None:
    plan = _run([_file("copy.txt", "Wire story.")], _two_sources({}))
    assert plan.to_extract == ()
    (reject,) = plan.duplicates
    assert (reject.source_path, reject.reason_code) == ("copy.txt", "duplicate")
    assert "wire:a.txt" in reject.reason


def test_text_removed_from_another_source_moves_here_without_the_nlp() -> None:
    plan = _run([_file("revived.txt", "Old wire story.")], _two_sources({}))
    assert (plan.to_extract, _slots(plan.relocated)) == ((), [("Old wire story.", "revived.txt", 0)])


def test_only_this_sources_missing_files_are_removed() -> None:
    state = _two_sources({"x.txt": "Ex.", "y.txt": "Why."})
    files = file_plan([_file("x.txt", "Ex.")], state)
    assert files.removed == ("y.txt",)
    plan = document_plan(files, {}, state)
    assert plan.to_mark_removed == (_id("Why."),)
