"""Integrity checks (sql/checks/*.sql): every one passes on a warehouse a real run built, every one
fails when the thing it checks is broken, and the accepted values are the ones the code gives."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from tests.helpers import bad_source, failing_checks, good_source
from transforms import canonical
from transforms.attribution import context, kinds, quotes, resolve, rules
from warehouse.checks import check_description, check_names, run_checks
from warehouse.sqlfiles import sql_text, statements


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, prefect_api) -> Path:
    """A warehouse after a run over good and bad files, then a run that removed one file and changed another."""
    from flows.etl import newsdesk_etl

    folder = tmp_path_factory.mktemp("checks")
    source, db = good_source(folder / "articles"), folder / "w.duckdb"
    bad_source(source)
    newsdesk_etl(source=str(source), db=str(db), processes=1, lock_timeout=5)
    (source / "nested" / "berg.md").unlink()
    (source / "wire.jsonl").write_text('{"text": "Officials in Rome said the talks had resumed."}\n', encoding="utf-8")
    newsdesk_etl(source=str(source), db=str(db), processes=1, lock_timeout=5)
    return db


def test_every_check_passes_on_a_warehouse_real_runs_built(loaded: Path) -> None:
    assert failing_checks(loaded) == []


def test_the_warehouse_holds_what_the_checks_look_at(loaded: Path) -> None:
    # A check over empty tables passes whatever it says: the rows it reads must be there.
    con = duckdb.connect(str(loaded), read_only=True)
    try:
        counts = con.execute("""
            select (select count(*) from fact_quote where enclosing_quote_id is not null),
                   (select count(*) from fact_quote where speaker_entity_id is not null),
                   (select count(*) from fact_quote_entity), (select count(*) from dim_entity_alias),
                   (select count(*) from dim_date), (select count(*) from etl_reject),
                   (select count(*) from dim_document where not is_current),
                   (select count(*) from dim_document where title_source is not null)
        """).fetchone()
    finally:
        con.close()
    assert all(count > 0 for count in counts), counts


def _unkeyed(table: str) -> list[str]:
    """Rebuild a table without its key, as a copy made with `create table as` would be: DuckDB
    enforces primary keys, so only a table that lost its key can hold a duplicate."""
    return [f"create table unkeyed as select * from {table}", f"drop table {table}",
            f"alter table unkeyed rename to {table}"]


_QUOTE = "(select min(quote_id) from fact_quote where speaker_entity_id is not null)"
_MENTION = "(select min(mention_id) from fact_mention)"
_CURRENT = "(select min(document_id) from dim_document where is_current)"

# One corruption per check: the statements that break what it checks, and the checks that should
# then fail (that one alone unless another check also sees the break).
CORRUPTIONS: dict[str, tuple[list[str], set[str]]] = {
    "primary_key_dim_source": (_unkeyed("dim_source") + ["insert into dim_source select * from dim_source"],
                               {"primary_key_dim_source", "unique_dim_source_source_name"}),
    "primary_key_dim_document": (_unkeyed("dim_document") + [
        f"insert into dim_document select * from dim_document where document_id = {_CURRENT}"],
        {"primary_key_dim_document", "unique_current_document_slot"}),
    "primary_key_dim_entity": (_unkeyed("dim_entity") + ["update dim_entity set entity_id = null where entity_id = "
                                                         "(select max(entity_id) from dim_entity)"],
                               {"primary_key_dim_entity", "relationships_fact_mention_entity",
                                "relationships_dim_entity_alias_entity", "dim_entity_referenced"}),
    "primary_key_dim_date": (_unkeyed("dim_date") + ["insert into dim_date select * from dim_date limit 1"], set()),
    "primary_key_dim_entity_alias": (_unkeyed("dim_entity_alias") + [
        "update dim_entity_alias set alias = null where alias = (select min(alias) from dim_entity_alias)"], set()),
    "primary_key_fact_mention": (_unkeyed("fact_mention") + [
        f"insert into fact_mention select * from fact_mention where mention_id = {_MENTION}"], set()),
    "primary_key_fact_quote": (_unkeyed("fact_quote") + [
        f"insert into fact_quote select * from fact_quote where quote_id = {_QUOTE}"], set()),
    "primary_key_fact_quote_entity": (_unkeyed("fact_quote_entity") + [
        "insert into fact_quote_entity select * from fact_quote_entity limit 1"], set()),
    "primary_key_etl_run": (_unkeyed("etl_run") + ["insert into etl_run select * from etl_run limit 1"], set()),
    "primary_key_etl_reject": (_unkeyed("etl_reject") + ["insert into etl_reject select * from etl_reject limit 1"],
                               set()),
    "primary_key_etl_file": (_unkeyed("etl_file") + ["insert into etl_file select * from etl_file limit 1"], set()),
    "primary_key_etl_migration": (_unkeyed("etl_migration") + [
        "insert into etl_migration select * from etl_migration limit 1"], set()),
    "unique_dim_source_source_name": (_unkeyed("dim_source") + [
        "insert into dim_source by name select 'another' as source_id, * exclude (source_id) from dim_source"], set()),
    "unique_current_document_slot": ([
        "insert into dim_document by name select 'another' as document_id, * exclude (document_id) "
        f"from dim_document where document_id = {_CURRENT}"], set()),
    "relationships_fact_mention_document": ([
        "update fact_mention set document_id = 'no-such-document' where mention_id = "
        "(select min(mention_id) from fact_mention where mention_id not in (select mention_id from fact_quote_entity))"],
        set()),
    "relationships_fact_mention_entity": ([
        "update fact_mention set entity_id = 'no-such-entity' where mention_id = (select min(mention_id) "
        "from fact_mention where mention_id not in (select mention_id from fact_quote_entity) and entity_id in "
        "(select entity_id from fact_mention group by all having count(*) > 1))"], set()),
    "relationships_fact_quote_document": ([
        "update fact_quote set document_id = 'no-such-document' where quote_id = (select min(quote_id) from fact_quote "
        "where enclosing_quote_id is null and quote_id not in (select quote_id from fact_quote_entity) "
        "and quote_id not in (select enclosing_quote_id from fact_quote where enclosing_quote_id is not null))"],
        set()),
    "relationships_fact_quote_speaker_entity": ([
        f"update fact_quote set speaker_entity_id = 'no-such-entity' where quote_id = {_QUOTE}"], set()),
    "relationships_fact_quote_enclosing_quote": ([
        "update fact_quote set enclosing_quote_id = 'no-such-quote' where enclosing_quote_id is not null"], set()),
    "relationships_fact_quote_entity_quote": ([
        "update fact_quote_entity set quote_id = 'no-such-quote' where mention_id = "
        "(select min(mention_id) from fact_quote_entity)"], set()),
    "relationships_fact_quote_entity_mention": ([
        "update fact_quote_entity as b set entity_id = (select min(entity_id) from dim_entity where entity_id <> "
        "b.entity_id) where mention_id = (select min(mention_id) from fact_quote_entity)"], set()),
    "relationships_dim_document_published_date": ([
        "delete from dim_date where date_id = (select min(published_date_id) from dim_document)"], set()),
    "relationships_dim_document_source": ([
        f"update dim_document set source_id = 'no-such-source' where document_id = {_CURRENT}"], set()),
    "relationships_dim_document_runs": ([
        f"update dim_document set loaded_run_id = 'no-such-run' where document_id = {_CURRENT}"], set()),
    "relationships_dim_entity_alias_entity": ([
        "update dim_entity_alias set entity_id = 'no-such-entity' where alias = (select min(alias) from dim_entity_alias)"],
        set()),
    "relationships_etl_file_source": ([
        "update etl_file set source_id = 'no-such-source' where source_path = (select min(source_path) from etl_file)"],
        set()),
    "relationships_etl_reject_source": ([
        "update etl_reject set source_id = 'no-such-source' where source_path = (select min(source_path) from etl_reject)"],
        set()),
    "relationships_etl_run_source": ([
        "update etl_run set source_id = 'no-such-source' where run_id = (select min(run_id) from etl_run)"], set()),
    "relationships_dim_source_runs": (["update dim_source set last_run_id = 'no-such-run'"], set()),
    "dim_entity_referenced": (["insert into dim_entity values ('no-mention', 'Nobody Named', 'PERSON', true)"], set()),
    "dim_date_used": ([
        "insert into dim_date by name select 19000101 as date_id, d as date, year(d) as year, quarter(d) as quarter, "
        "month(d) as month, monthname(d) as month_name, day(d) as day, isodow(d) as day_of_week, dayname(d) as day_name, "
        "week(d) as iso_week, isodow(d) >= 6 as is_weekend from (select date '1900-01-01' as d)"], set()),
    "dim_date_attributes": (["update dim_date set day_name = 'Someday' where date_id = (select min(date_id) from dim_date)"],
                            set()),
    "dim_document_published_date_id": ([
        "update dim_document set published = published + 1 where document_id = "
        "(select min(document_id) from dim_document where published is not null)"], set()),
    "dim_document_char_count": ([f"update dim_document set char_count = char_count + 1 where document_id = {_CURRENT}"],
                                set()),
    "offsets_fact_mention": ([f"update fact_mention set start_char = start_char + 1 where mention_id = {_MENTION}"],
                             set()),
    "offsets_fact_quote": ([
        "update fact_quote as q set end_char = (select char_count + 1 from dim_document as d "
        f"where d.document_id = q.document_id) where quote_id = {_QUOTE}"], set()),
    "accepted_values_fact_quote_quote_kind": ([f"update fact_quote set quote_kind = 'rumour' where quote_id = {_QUOTE}"],
                                              set()),
    "accepted_values_fact_quote_speaker_type": ([
        "update fact_quote set speaker_type = 'DATE' where quote_id = (select min(quote_id) from fact_quote "
        "where speaker_entity_id is null and speaker_type is not null)"], set()),
    "accepted_values_fact_quote_rule": ([  # the rule column before the rule table moved resolutions out
        f"update fact_quote set rule = rule || '+pronoun' where quote_id = {_QUOTE}"], set()),
    "accepted_values_fact_quote_speaker_resolution": ([
        f"update fact_quote set speaker_resolution = 'guess' where quote_id = {_QUOTE}"], set()),
    "accepted_values_etl_run_status": ([
        "insert into etl_run by name select 'another' as run_id, source, started_at, finished_at, 'running' as status, "
        "stage_seconds from etl_run limit 1"], set()),
    "accepted_values_dim_source_source_kind": (["update dim_source set source_kind = 'url'"], set()),
    "accepted_values_dim_document_title_source": ([
        "update dim_document set title_source = null where title is not null"], set()),
    "accepted_values_dim_document_published_source": ([
        "update dim_document set published_source = 'load_date' where published is not null"], set()),
    "accepted_values_dim_document_section_source": ([
        "update dim_document set section_source = 'metadata' where section is not null"], set()),
    "primary_key_dim_written_entity": (_unkeyed("dim_written_entity") + [
        "insert into dim_written_entity select * from dim_written_entity limit 1"], set()),
    "relationships_fact_mention_written_entity": ([
        "update fact_mention set written_entity_id = 'no-such-entity' where mention_id = (select min(mention_id) "
        "from fact_mention where written_entity_id in (select written_entity_id from fact_mention group by all "
        "having count(*) > 1))"], set()),
    "relationships_fact_quote_written_speaker_entity": ([
        f"update fact_quote set written_speaker_entity_id = 'no-such-entity' where quote_id = {_QUOTE}"], set()),
    "dim_written_entity_referenced": (["insert into dim_written_entity values ('no-mention', 'Nobody Named', true)"],
                                      set()),
    "fact_quote_speaker_is_its_entity": ([f"update fact_quote set speaker_name = 'Someone Else' where quote_id = {_QUOTE}"],
                                         set()),
    "accepted_values_dim_entity_alias_alias_source": ([
        "update dim_entity_alias set alias_source = 'guess' where alias = (select min(alias) from dim_entity_alias)"],
        set()),
    "accepted_range_dim_entity_alias_confidence": ([
        "update dim_entity_alias set confidence = 1.5 where alias = (select min(alias) from dim_entity_alias)"], set()),
    "accepted_range_fact_quote_confidence": ([f"update fact_quote set confidence = -0.1 where quote_id = {_QUOTE}"],
                                             set()),
}


def test_every_check_has_a_corruption_that_breaks_it() -> None:
    assert set(CORRUPTIONS) == set(check_names())


@pytest.mark.parametrize("check", sorted(CORRUPTIONS))
def test_each_check_fails_when_what_it_checks_is_broken(check: str, loaded: Path, tmp_path: Path) -> None:
    corruption, also_failing = CORRUPTIONS[check]
    broken = tmp_path / "broken.duckdb"
    shutil.copy(loaded, broken)
    con = duckdb.connect(str(broken))
    try:
        for statement in corruption:
            con.execute(statement)
    finally:
        con.close()

    results = {r.name: r for r in run_checks(broken)}

    assert [r.error for r in results.values() if r.error] == []
    assert {name for name, r in results.items() if not r.passed} == {check} | also_failing
    assert results[check].failing_rows >= 1 and results[check].sample


@pytest.mark.parametrize("name", check_names())
def test_each_check_is_one_select_with_a_comment_saying_what_it_checks(name: str) -> None:
    (statement,) = duckdb.extract_statements(sql_text(f"checks/{name}.sql"))
    assert statement.type == duckdb.StatementType.SELECT
    assert len(check_description(name)) > 20
    assert statements(f"checks/{name}.sql")[0].rstrip(" ;\n").endswith("select * from final")


# ------------------------------------------------------------------ accepted values from the code


def accepted_values(name: str) -> set[str]:
    """Return the string constants of a check's query, as DuckDB parses it: an accepted-values
    check writes no other string than the values it accepts."""
    con = duckdb.connect()
    try:
        (tree,) = con.execute("select json_serialize_sql(?)", [sql_text(f"checks/{name}.sql")]).fetchone()
    finally:
        con.close()
    found: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            value = node.get("value")
            if node.get("class") == "CONSTANT" and value["type"]["id"] == "VARCHAR" and not value["is_null"]:
                found.add(value["value"])
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(json.loads(tree))
    return found


def _tree(module) -> ast.Module:
    return ast.parse(Path(module.__file__).read_text(encoding="utf-8"))


def _strings(node: ast.AST) -> set[str]:
    return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def _call_arguments(module, function: str, position: int, keyword: str) -> set[str]:
    """Return the string literals passed as one argument of every call to `function` in a module."""
    found = set()
    for node in ast.walk(_tree(module)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == function:
            arguments = list(node.args[position : position + 1])
            arguments += [k.value for k in node.keywords if k.arg == keyword]
            found |= {a.value for a in arguments if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    return found


def test_accepted_rules_are_the_rule_table_and_the_rules_outside_it() -> None:
    outside = {context.NO_SPEAKER.rule, context.SCARE.rule}
    within = {n.value for n in ast.walk(_tree(quotes)) if isinstance(n, ast.Constant) and n.value == "within_reported"}
    assert within == {"within_reported"}  # a fragment of a reported clause (transforms/attribution/quotes.py)
    assert accepted_values("accepted_values_fact_quote_rule") == {rule.name for rule in rules.RULES} | outside | within


def test_accepted_speaker_types_are_named_types_and_those_the_resolver_gives() -> None:
    # A speaker is a named thing: the extraction types it (SPEAKER_TYPES), the warehouse may retype the name.
    assert resolve.SPEAKER_TYPES <= canonical.NAMED_TYPES
    given = set(canonical.NAMED_TYPES)
    for module in (resolve, rules):
        given |= _call_arguments(module, "found", 1, "entity_type") | _call_arguments(module, "Speaker", 2, "entity_type")
    assert {"NOUN_PHRASE", "PRONOUN"} <= given
    assert accepted_values("accepted_values_fact_quote_speaker_type") == given


def test_accepted_speaker_resolutions_are_those_the_resolver_gives() -> None:
    given = set()
    for module in (resolve, rules):
        given |= _call_arguments(module, "found", 2, "resolution") | _call_arguments(module, "Speaker", 6, "resolution")
    assert {"name", "earlier"} <= given
    assert accepted_values("accepted_values_fact_quote_speaker_resolution") == given


def test_accepted_quote_kinds_are_those_the_quote_finder_gives() -> None:
    returned = set().union(*(_strings(node.value) for function in ast.walk(_tree(kinds))
                             if isinstance(function, ast.FunctionDef) and function.name == "quote_kind"
                             for node in ast.walk(function) if isinstance(node, ast.Return)))
    assigned = set().union(*(_strings(node.value) for node in ast.walk(_tree(quotes)) if isinstance(node, ast.Assign)
                             and any(isinstance(n, ast.Name) and n.id == "kind" for t in node.targets
                                     for n in ast.walk(t))))
    assert {"direct", "belief"} <= returned | assigned
    assert accepted_values("accepted_values_fact_quote_quote_kind") == returned | assigned
