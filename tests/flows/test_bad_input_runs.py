"""Whatever the files' bytes and names, a real run completes and every file found is either
loaded or rejected: nothing stops the run, nothing is silently dropped."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flows.etl import newsdesk_etl
from tests.helpers import rows

pytestmark = pytest.mark.usefixtures("prefect_api")

_NAME = st.binary(min_size=1, max_size=10).filter(lambda b: b"/" not in b and b"\0" not in b and not b.startswith(b"."))
_SUFFIX = st.sampled_from([b".txt", b".md", b".jsonl", b".csv", b""])
_JSON_VALUE = st.one_of(st.text(max_size=40), st.integers(), st.none(), st.booleans())
_JSON_LINE = st.one_of(
    st.dictionaries(st.sampled_from(["text", "title", "published", "url", "outlet"]), _JSON_VALUE, max_size=4)
    .map(json.dumps),
    st.text(max_size=60),
)
_CONTENT = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=300).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.lists(_JSON_LINE, max_size=4).map(lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")),
    st.sampled_from(["Ministers said on Monday that the plan would \"work\".", "Héllo café wörld. " * 3])
    .map(lambda text: text.encode("utf-8")),
)
_FILES = st.dictionaries(st.tuples(_NAME, _SUFFIX).map(lambda parts: parts[0] + parts[1]), _CONTENT,
                         min_size=1, max_size=5)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=_FILES)
def test_any_files_give_a_completed_run_where_every_file_is_loaded_or_rejected(files: dict[bytes, bytes]) -> None:
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "articles"
        source.mkdir()
        for name, data in files.items():
            with open(os.path.join(os.fsencode(source), name), "wb") as handle:
                handle.write(data)
        db = Path(work) / "w.duckdb"

        summary = newsdesk_etl(source=str(source), db=str(db), processes=1, lock_timeout=30)

        assert summary["files_found"] == len(files)
        found = {path for (path,) in rows(db, "select source_path from etl_file")}
        loaded = {path for (path,) in rows(db, "select source_path from dim_document where is_current")}
        rejected = {path for (path,) in rows(db, "select source_path from etl_reject")}
        assert len(found) == len(files) and found == loaded | rejected
