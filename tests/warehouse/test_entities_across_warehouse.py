"""One entity per name across the warehouse: real loads (sql/load) into a fresh DuckDB file, of
articles whose mentions are built by hand, since what the warehouse decides over many documents is
the point, not what the model tags in one."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import duckdb
import pytest

from tests.helpers import rows
from tests.warehouse.test_warehouse import empty_batch, run_record
from transforms import frames
from transforms.canonical import entity_id
from transforms.lexicon import Alias, entity_aliases
from transforms.records import Document, Extraction, Mention, Quote
from warehouse.load import ensure_schema, load_batch
from warehouse.migrate import migration_version
from warehouse.sqlfiles import files_in, sql_text
from warehouse.staging import StagingCache


@dataclass(frozen=True)
class Written:
    """A mention as an extraction leaves it: the text, spaCy's label, and the entity its document chose."""

    text: str
    label: str
    name: str | None = None  # the canonical name; the text itself when None
    entity_type: str | None = None  # the type the document chose; the label when None
    title: str | None = None


@dataclass(frozen=True)
class Article:
    """A document and what its extraction found."""

    document: Document
    extraction: Extraction


def doc(document_id: str, text: str, mentions: list[Written], quotes: tuple[Quote, ...] = ()) -> Article:
    """Return an article of `text` whose mentions stand where each is first written after the one before."""
    found, start = [], 0
    for m in mentions:
        start = text.index(m.text, start)
        found.append(Mention(start, start + len(m.text), m.text, m.label, 0, m.name or m.text,
                             m.entity_type or m.label, m.title))
        start += len(m.text)
    return Article(Document(document_id, f"{document_id}.txt", 0, text), Extraction(document_id, tuple(found), quotes))


def said(text: str, words: str, speaker: str, speaker_name: str) -> Quote:
    """Return a direct quote of `words` in `text`, said by `speaker` resolved to `speaker_name` (a PERSON)."""
    start = text.index(words)
    return Quote(start, start + len(words), words, "direct", "said", speaker, speaker_name, "PERSON", 0,
                 "governing_verb", 0.9)


def load(db: Path, articles: list[Article], run_id: str, aliases: list[Alias] | None = None) -> None:
    """Stage the articles as the NLP would and run the real load over them."""
    extractions = [a.extraction for a in articles]
    cache = StagingCache(db.parent / "staging", "test")
    cache.put({"incoming_documents": frames.document_frame([a.document for a in articles]),
               "incoming_entities": frames.entity_frame(extractions),
               "incoming_mentions": frames.mention_frame(extractions),
               "incoming_quotes": frames.quote_frame(extractions),
               "incoming_quote_entities": frames.quote_entity_frame(extractions)})
    ids = [x.document_id for x in extractions]
    batch = empty_batch(staged=cache.take(ids), extract_ids=frames.id_frame(ids),
                        incoming_alias_list=frames.alias_list_frame(aliases or []))
    load_batch(db, batch, run_record(run_id))


def entities(db: Path, name: str) -> list[tuple[str, str]]:
    """Return (entity_name, entity_type) of every entity named `name`, whatever its case."""
    return rows(db, "select entity_name, entity_type from dim_entity where lower(entity_name) = lower(?) "
                    "order by all", [name])


def mention_entities(db: Path, mention_text: str) -> list[tuple[str, str]]:
    """Return, for each mention written `mention_text`, the entity it points at and the one its document chose."""
    return rows(db, "select e.entity_name, w.entity_name from fact_mention as m "
                    "join dim_entity as e on e.entity_id = m.entity_id "
                    "join dim_written_entity as w on w.entity_id = m.written_entity_id "
                    "where m.mention_text = ? order by m.mention_id", [mention_text])


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    ensure_schema(path)
    return path


# ---------------------------------------------------------------- one type per name


def test_a_name_is_one_entity_with_the_type_most_documents_give_it(db: Path) -> None:
    load(db, [
        doc("c1", "Chelsea won at home.", [Written("Chelsea", "ORG")]),
        doc("c2", "Chelsea signed a striker.", [Written("Chelsea", "ORG")]),
        doc("c3", "Chelsea flats are dear.", [Written("Chelsea", "GPE")]),
    ], "run-1")

    assert entities(db, "Chelsea") == [("Chelsea", "ORG")]
    # spaCy's label and the document's own choice stay on the mention
    assert rows(db, "select mention_label, written_entity_type from fact_mention order by document_id") == [
        ("ORG", "ORG"), ("ORG", "ORG"), ("GPE", "GPE")]
    assert rows(db, "select entity_name, documents from v_top_entities") == [("Chelsea", 3)]


def test_the_type_is_decided_again_over_the_whole_warehouse_at_each_load(db: Path) -> None:
    load(db, [doc("c1", "Chelsea flats are dear.", [Written("Chelsea", "GPE")])], "run-1")
    assert entities(db, "Chelsea") == [("Chelsea", "GPE")]

    load(db, [doc("c2", "Chelsea won.", [Written("Chelsea", "ORG")]),
              doc("c3", "Chelsea lost.", [Written("Chelsea", "ORG")])], "run-2")
    assert entities(db, "Chelsea") == [("Chelsea", "ORG")]


@pytest.mark.parametrize("order", [("c1", "c2"), ("c2", "c1")])
def test_a_tie_is_broken_by_mentions_then_a_fixed_order_of_types_whatever_the_load_order(
        tmp_path: Path, order: tuple[str, str]) -> None:
    db = tmp_path / "w.duckdb"
    ensure_schema(db)
    written = {
        "c1": doc("c1", "Chelsea and Jordan met.", [Written("Chelsea", "GPE"), Written("Jordan", "GPE")]),
        "c2": doc("c2", "Chelsea won. Chelsea again. Jordan too.",
                  [Written("Chelsea", "ORG"), Written("Chelsea", "ORG"), Written("Jordan", "ORG")]),
    }
    for n, document_id in enumerate(order):
        load(db, [written[document_id]], f"run-{n}")

    # one document each: Chelsea's ORG has more mentions; Jordan's tie goes to ORG, before GPE
    assert entities(db, "Chelsea") == [("Chelsea", "ORG")]
    assert entities(db, "Jordan") == [("Jordan", "ORG")]


def test_a_person_label_without_a_sign_of_a_person_loses_to_another_type(db: Path) -> None:
    load(db, [
        doc("y1", "Yukos shares fell.", [Written("Yukos", "PERSON")]),
        doc("y2", "Yukos was sold.", [Written("Yukos", "PERSON")]),
        doc("y3", "Yukos filed for bankruptcy.", [Written("Yukos", "ORG")]),
        # Howard has a title somewhere: his PERSON votes count
        doc("h1", "Mr Howard spoke.", [Written("Howard", "PERSON", title="Mr")]),
        doc("h2", "Howard agreed.", [Written("Howard", "PERSON")]),
        doc("h3", "Howard replied.", [Written("Howard", "ORG")]),
    ], "run-1")

    assert entities(db, "Yukos") == [("Yukos", "ORG")]
    assert entities(db, "Howard") == [("Howard", "PERSON")]
    assert rows(db, "select entity_name from v_top_entities where entity_type = 'PERSON'") == [("Howard",)]


def test_a_first_name_known_from_titled_people_is_a_sign_of_a_person(db: Path) -> None:
    load(db, [
        doc("t1", "Prime Minister Tony Blair spoke.", [Written("Tony Blair", "PERSON", title="Prime Minister")]),
        doc("t2", "Tony Adams scored.", [Written("Tony Adams", "PERSON")]),
        doc("t3", "Tony Adams retired.", [Written("Tony Adams", "PERSON")]),
        doc("t4", "Tony Adams of Arsenal.", [Written("Tony Adams", "ORG")]),
        doc("m1", "Manchester United won.", [Written("Manchester United", "PERSON")]),
        doc("m2", "Manchester United lost.", [Written("Manchester United", "PERSON")]),
        doc("m3", "Manchester United drew.", [Written("Manchester United", "ORG")]),
    ], "run-1")

    assert entities(db, "Tony Adams") == [("Tony Adams", "PERSON")]
    assert entities(db, "Manchester United") == [("Manchester United", "ORG")]


def test_the_surname_of_a_rarely_named_person_is_no_sign_against_other_types_in_many_documents(db: Path) -> None:
    tony = [doc("tb", "Tony Blackburn presented.", [Written("Tony Blackburn", "PERSON")]),
            doc("ta", "Prime Minister Tony Blair.", [Written("Tony Blair", "PERSON", title="Prime Minister")])]
    # Blackburn alone in 5 documents as a PERSON and 2 as an ORG: Tony Blackburn's one does not explain it
    club = [doc(f"bb{n}", "Blackburn won.", [Written("Blackburn", "PERSON")]) for n in range(5)]
    club += [doc(f"bo{n}", "Blackburn lost.", [Written("Blackburn", "ORG")]) for n in range(2)]
    # Foley alone in 5 documents as a PERSON and once as an ORG: rare enough for Anthony Foley's one
    foley = [doc("af", "Captain Anthony Foley played.", [Written("Anthony Foley", "PERSON", title="Captain")])]
    foley += [doc(f"fp{n}", "Foley scored.", [Written("Foley", "PERSON")]) for n in range(5)]
    foley += [doc("fo", "Foley kicked.", [Written("Foley", "ORG")])]
    load(db, tony + club + foley, "run-1")

    assert entities(db, "Blackburn") == [("Blackburn", "ORG")]
    assert entities(db, "Foley") == [("Foley", "PERSON")]


def test_dates_and_numbers_stay_apart_from_named_things_of_the_same_name(db: Path) -> None:
    load(db, [doc("d1", "In May, Mrs May spoke.", [Written("May", "DATE"), Written("May", "PERSON", title="Mrs")])],
         "run-1")

    assert rows(db, "select entity_name, entity_type, is_named from dim_entity order by all") == [
        ("May", "DATE", False), ("May", "PERSON", True)]


def test_a_name_written_in_capitals_gives_way_to_the_name_written_otherwise(db: Path) -> None:
    load(db, [doc("h1", "HILLARY CLINTON WINS", [Written("HILLARY CLINTON", "PERSON")])], "run-1")
    assert entities(db, "Hillary Clinton") == [("HILLARY CLINTON", "PERSON")]

    load(db, [doc("h2", "CLINTON WINS. Hillary Clinton won.", [Written("CLINTON", "PERSON", name="HILLARY CLINTON"),
                                                               Written("Hillary Clinton", "PERSON")])], "run-2")
    assert entities(db, "Hillary Clinton") == [("Hillary Clinton", "PERSON")]


# ---------------------------------------------------------------- surnames


def blair_articles() -> list[Article]:
    full = [doc(f"tb{n}", "Prime Minister Tony Blair spoke. Mr Blair left.",
                [Written("Tony Blair", "PERSON", title="Prime Minister"),
                 Written("Blair", "PERSON", name="Tony Blair", title="Mr")])  # linked within its article
            for n in range(4)]
    cherie = [doc("cb", "Cherie Blair spoke.", [Written("Cherie Blair", "PERSON")])]
    text = 'Blair said: "We will win." Blair left.'
    bare = [doc("b1", text, [Written("Blair", "PERSON"), Written("Blair", "ORG", entity_type="PERSON")],
                (said(text, "We will win.", "Blair", "Blair"),)),
            doc("b2", "Mr Blair was in Paris.", [Written("Blair", "PERSON", title="Mr")])]
    return full + cherie + bare


def test_a_bare_surname_links_to_the_full_name_that_dominates_the_warehouse(db: Path) -> None:
    load(db, blair_articles(), "run-1")

    # the bare Blair of b1 and b2 (the Blair of each tb article was linked there already)
    assert [linked for linked in mention_entities(db, "Blair") if linked[1] == "Blair"] == [("Tony Blair", "Blair")] * 3
    assert entities(db, "Blair") == []  # nothing points at the bare name any more
    assert rows(db, "select speaker_name, speaker_type, written_speaker_name, speaker_entity_id = ? from fact_quote",
                [entity_id("Tony Blair", "PERSON")]) == [("Tony Blair", "PERSON", "Blair", True)]
    [(source, confidence, reason)] = rows(
        db, "select alias_source, confidence, reason from dim_entity_alias where alias = 'Blair'")
    assert (source, confidence) == ("surname", 0.8)  # Tony Blair: 4 of the 5 documents naming a Blair in full
    assert "Tony Blair" in reason and "4 of the 5" in reason
    assert rows(db, "select documents from v_top_entities where entity_name = 'Tony Blair'") == [(6,)]


def test_a_surname_shared_by_two_people_of_comparable_weight_stays_apart(db: Path) -> None:
    gordon = [doc(f"gb{n}", "Gordon Brown spoke.", [Written("Gordon Brown", "PERSON")]) for n in range(3)]
    wes = [doc(f"wb{n}", "Wes Brown played.", [Written("Wes Brown", "PERSON")]) for n in range(2)]
    bare = [doc("b1", "Mr Brown agreed.", [Written("Brown", "PERSON", title="Mr")])]
    load(db, gordon + wes + bare, "run-1")

    assert mention_entities(db, "Brown") == [("Brown", "Brown")]
    assert rows(db, "select count(*) from dim_entity_alias where alias_source = 'surname'") == [(0,)]


def test_variants_of_one_persons_name_weigh_together(db: Path) -> None:
    donald = [doc(f"dt{n}", "Donald Trump spoke.", [Written("Donald Trump", "PERSON")]) for n in range(3)]
    donald_j = [doc(f"dj{n}", "Donald J. Trump spoke.", [Written("Donald J. Trump", "PERSON")]) for n in range(2)]
    ivanka = [doc("it", "Ivanka Trump spoke.", [Written("Ivanka Trump", "PERSON")])]
    # Donald Trump alone is 3 of the 7 documents naming a Trump in full; with Donald J. Trump, 6 of 7
    # (b2 too), and of the two variants named in 3 documents each the shorter is the name
    bare = [doc("b1", "Trump won.", [Written("Trump", "PERSON")]),
            doc("b2", "Donald J. Trump spoke. Trump won.", [Written("Donald J. Trump", "PERSON"), Written("Trump", "PERSON")])]
    load(db, donald + donald_j + ivanka + bare, "run-1")

    assert rows(db, "select m.document_id, e.entity_name from fact_mention as m join dim_entity as e using (entity_id) "
                    "where m.mention_text = 'Trump' order by 1") == [("b1", "Donald Trump"), ("b2", "Donald Trump")]
    assert rows(db, "select confidence from dim_entity_alias where alias = 'Trump'") == [(0.857,)]


def test_a_surname_is_not_linked_where_its_person_is_not_at_home(db: Path) -> None:
    gordon = [doc(f"gb{n}", "Chancellor Gordon Brown spoke. Mr Brown left.",
                  [Written("Gordon Brown", "PERSON", title="Chancellor"),
                   Written("Brown", "PERSON", name="Gordon Brown", title="Mr")]) for n in range(3)]
    politics = [replace(a, document=replace(a.document, section="politics")) for a in gordon]
    bare = [doc("b1", "Mr Brown agreed.", [Written("Brown", "PERSON", title="Mr")]),
            doc("b2", "Mrs Brown agreed.", [Written("Brown", "PERSON", title="Mrs")]),  # a title he never has
            doc("b3", "Brown came off the bench.", [Written("Brown", "PERSON")]),  # sport: he is never named there
            doc("b4", "The brown bear.", [Written("brown", "PERSON")]),  # a word the case-folded id took in
            # Another Brown named in full in the article (the model gave the span another type)
            doc("b5", "Budget Lyn Brown spoke. Brown left.", [Written("Budget Lyn Brown", "FAC"), Written("Brown", "PERSON")])]
    bare = [replace(a, document=replace(a.document, section=section))
            for a, section in zip(bare, ["politics", "politics", "sport", "politics", "politics"])]
    load(db, politics + bare, "run-1")

    assert rows(db, "select m.document_id, e.entity_name from fact_mention as m join dim_entity as e using (entity_id) "
                    "where m.document_id like 'b%' and m.alias ilike 'brown' order by 1") == [
        ("b1", "Gordon Brown"), ("b2", "Brown"), ("b3", "Brown"), ("b4", "Brown"), ("b5", "Brown")]


def test_a_word_as_often_a_first_name_is_not_linked_as_a_surname(db: Path) -> None:
    ray = [doc(f"rc{n}", "Ray Charles sang.", [Written("Ray Charles", "PERSON")]) for n in range(3)]
    charles = [doc(f"ck{n}", "Charles Kennedy spoke.", [Written("Charles Kennedy", "PERSON")]) for n in range(3)]
    bare = [doc("c1", "Prince Charles visited.", [Written("Charles", "PERSON", title="Prince")])]
    load(db, ray + charles + bare, "run-1")

    assert mention_entities(db, "Charles") == [("Charles", "Charles")]


def test_a_later_load_that_makes_a_surname_ambiguous_undoes_its_link(db: Path) -> None:
    gordon = [doc(f"gb{n}", "Gordon Brown spoke.", [Written("Gordon Brown", "PERSON")]) for n in range(3)]
    text = 'Mr Brown said: "Prudence."'
    bare = [doc("b1", text, [Written("Brown", "PERSON", title="Mr")], (said(text, "Prudence.", "Mr Brown", "Brown"),))]
    load(db, gordon + bare, "run-1")
    assert mention_entities(db, "Brown") == [("Gordon Brown", "Brown")]
    assert rows(db, "select speaker_name from fact_quote") == [("Gordon Brown",)]

    wes = [doc(f"wb{n}", "Wes Brown played.", [Written("Wes Brown", "PERSON")]) for n in range(3)]
    load(db, wes, "run-2")

    assert mention_entities(db, "Brown") == [("Brown", "Brown")]
    assert entities(db, "Brown") == [("Brown", "PERSON")]
    assert rows(db, "select speaker_name, speaker_entity_id = ? from fact_quote",
                [entity_id("Brown", "PERSON")]) == [("Brown", True)]
    assert rows(db, "select alias_source from dim_entity_alias where alias = 'Brown'") == [("mention",)]


# ---------------------------------------------------------------- the operators' alias list


def test_the_alias_list_makes_party_variants_one_entity(db: Path) -> None:
    # Written as an extraction made before the list named them: each variant its own name.
    load(db, [
        doc("p1", "The Tories campaigned.", [Written("Tories", "NORP")]),
        doc("p2", "The Conservatives campaigned.", [Written("Conservatives", "NORP")]),
        doc("p3", "The Conservative Party met.", [Written("Conservative Party", "ORG")]),
        doc("p4", "The Lib Dems and the Liberal Democrats.", [Written("Lib Dems", "PERSON"),
                                                               Written("Liberal Democrats", "NORP")]),
    ], "run-1", aliases=list(entity_aliases().values()))

    assert rows(db, "select entity_name, entity_type, documents from v_top_entities order by all") == [
        ("Conservative Party", "ORG", 3), ("Liberal Democrats", "ORG", 1)]
    assert rows(db, "select alias, alias_source from dim_entity_alias where entity_id = ? order by alias",
                [entity_id("Conservative Party", "ORG")]) == [
        ("Conservative", "alias_list"), ("Conservative Party", "mention"), ("Conservative party", "alias_list"),
        ("Conservatives", "mention"), ("Tories", "mention"), ("Tory", "alias_list"), ("Tory Party", "alias_list"),
        ("Tory party", "alias_list")]


def test_a_listed_name_no_document_writes_in_full_still_gathers_its_variants(db: Path) -> None:
    load(db, [doc("p1", "The Tories campaigned.", [Written("Tories", "NORP")]),
              doc("p2", "A Tory MP spoke.", [Written("Tory", "NORP")])],
         "run-1", aliases=list(entity_aliases().values()))

    assert rows(db, "select entity_name, entity_type, documents from v_top_entities") == [
        ("Conservative Party", "ORG", 2)]


def test_every_entity_is_pointed_at_and_every_fact_points_at_an_entity(db: Path) -> None:
    load(db, blair_articles(), "run-1", aliases=list(entity_aliases().values()))
    for check in ("dim_entity_referenced", "relationships_fact_mention_entity", "relationships_fact_quote_speaker_entity",
                  "relationships_dim_entity_alias_entity", "primary_key_dim_entity"):
        assert rows(db, sql_text(f"checks/{check}.sql")) == [], check


# ---------------------------------------------------------------- a warehouse loaded before the change


def test_a_warehouse_keyed_by_type_and_name_is_keyed_by_name_after_the_migration(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute(sql_text("warehouse/migration_table.sql"))
    for relative in files_in("schema"):
        if migration_version(relative) < 5:
            con.execute(sql_text(relative))
            con.execute(sql_text("warehouse/record_migration.sql"),
                        {"version": migration_version(relative), "name": relative.rsplit("/", 1)[-1]})
    # Labour as an ORG in one document and a PERSON in another: two entities under the old key.
    con.execute("insert into dim_entity values ('old-org', 'Labour', 'ORG', true), ('old-per', 'Labour', 'PERSON', true), "
                "('old-gwb', 'George W. Bush', 'PERSON', true)")
    con.execute("insert into fact_mention (mention_id, document_id, entity_id, mention_text, mention_label, "
                "sentence_index, start_char, end_char, alias) values "
                "('m1', 'd1', 'old-org', 'Labour', 'ORG', 0, 0, 6, 'Labour'), "
                "('m2', 'd1', 'old-org', 'Labour', 'ORG', 0, 10, 16, 'Labour'), "
                "('m3', 'd2', 'old-per', 'Labour', 'PERSON', 0, 0, 6, 'Labour'), "
                "('m4', 'd2', 'old-gwb', 'George W. Bush', 'PERSON', 0, 10, 24, 'George W. Bush')")
    con.execute("insert into dim_entity_alias values ('Labour', 'old-org', 'mention'), ('Labour', 'old-per', 'mention')")
    con.close()

    assert "005_entities.sql" in ensure_schema(path)

    labour, bush = entity_id("Labour", "ORG"), entity_id("George W Bush", "PERSON")  # the key the extraction now gives
    assert rows(path, "select entity_id, entity_name, entity_type from dim_entity order by entity_name") == [
        (bush, "George W. Bush", "PERSON"), (labour, "Labour", "ORG")]
    assert rows(path, "select entity_id, written_entity_id, written_entity_type from fact_mention order by mention_id") == [
        (labour, labour, "ORG"), (labour, labour, "ORG"), (labour, labour, "PERSON"), (bush, bush, "PERSON")]
    assert rows(path, "select alias, entity_id, confidence from dim_entity_alias") == [("Labour", labour, 1.0)]
