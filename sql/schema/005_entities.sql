-- One entity per name across the warehouse. An entity's id no longer holds its type: it is a
-- hash of the name (case-folded) and of whether it is a named thing or a value (a date, number or
-- amount), so `Labour` is one entity whatever type each document gave it, and `May` the month
-- stays apart from `May` the person. What each document's extraction decided is kept beside
-- what the warehouse decides (written_* columns); the load decides anew each time, over all the
-- mentions: the type of each name, the surnames that stand for one dominant full name, the
-- variants in the operators' alias list. Facts point at the entity the warehouse decided.
create table dim_written_entity (
    entity_id   varchar primary key,
    entity_name varchar not null,
    is_named    boolean not null
);
comment on table dim_written_entity is 'Every entity as an extraction named it within its document, before the warehouse-wide decisions (fact_mention.written_entity_id and fact_quote.written_speaker_entity_id point here): kept so that each load can decide types and links again, and undo a link.';
comment on column dim_written_entity.entity_id is 'Stable id: a hash of is_named and the case-folded name, without full stops for a named thing (transforms.canonical.entity_id).';
comment on column dim_written_entity.entity_name is 'The canonical name as the extraction wrote it (the form most chunks used when first loaded).';
comment on column dim_written_entity.is_named is 'True for named things (people, organisations, places, ...); false for dates, numbers and amounts.';

alter table fact_mention add column written_entity_id varchar;
alter table fact_mention add column written_entity_type varchar;
alter table fact_quote add column written_speaker_entity_id varchar;
alter table fact_quote add column written_speaker_name varchar;
alter table dim_entity_alias add column confidence double;
alter table dim_entity_alias add column reason varchar;

-- The rows already loaded, keyed the new way. The old id hashed the type with the name; the new
-- one is computed here as transforms.canonical.entity_id computes it (lower() for casefold(),
-- which differ only for a few letters such as ß), so old and new rows of one name meet.
create temp table entity_rekey as
select entity_id as old_id, entity_name, entity_type, is_named,
       left(sha256(case when is_named then 'named' || chr(31) || replace(lower(entity_name), '.', '')
                        else 'value' || chr(31) || lower(entity_name) end), 16) as new_id
from dim_entity;

insert into dim_written_entity by name
select distinct on (new_id) new_id as entity_id, entity_name, is_named
from entity_rekey
order by new_id, entity_name = upper(entity_name), entity_name;

update fact_mention as m
set written_entity_id = r.new_id, written_entity_type = r.entity_type, entity_id = r.new_id
from entity_rekey as r
where m.entity_id = r.old_id;

update fact_quote as q
set written_speaker_entity_id = r.new_id, speaker_entity_id = r.new_id
from entity_rekey as r
where q.speaker_entity_id = r.old_id;

update fact_quote set written_speaker_name = speaker_name;

update fact_quote_entity as qe
set entity_id = m.entity_id
from fact_mention as m
where m.mention_id = qe.mention_id;

create temp table entity_aliases_rekeyed as
select distinct a.alias, r.new_id as entity_id, a.alias_source
from dim_entity_alias as a
join entity_rekey as r on r.old_id = a.entity_id;

delete from dim_entity_alias;

insert into dim_entity_alias by name
select distinct on (alias, entity_id) alias, entity_id, alias_source, 1.0 as confidence,
       case alias_source when 'mention' then 'written so in a current document'
                         else 'listed in transforms/data/entity_aliases.tsv' end as reason
from entity_aliases_rekeyed
order by alias, entity_id, alias_source desc;

-- Until the next load decides them across the warehouse, each name takes the type most of its
-- old rows' mentions had.
create temp table entity_rekeyed as
with counted as (
    select r.new_id, r.entity_name, r.entity_type, r.is_named, count(m.mention_id) as mentions
    from entity_rekey as r
    left join fact_mention as m on m.written_entity_id = r.new_id and m.written_entity_type = r.entity_type
    group by all
)
select distinct on (new_id) new_id as entity_id, entity_name, entity_type, is_named
from counted
order by new_id, mentions desc, entity_type, entity_name = upper(entity_name), entity_name;

delete from dim_entity;

insert into dim_entity by name
select * from entity_rekeyed;

drop table entity_rekey;
drop table entity_aliases_rekeyed;
drop table entity_rekeyed;

comment on table dim_entity is 'One row per entity the facts point at: a name (case-folded) is one entity across the warehouse, with one type decided over all its mentions at each load; a bare surname that stands for one dominant full name is that person (see dim_entity_alias).';
comment on column dim_entity.entity_id is 'Stable id: a hash of is_named and the case-folded canonical name, without full stops for a named thing (transforms.canonical.entity_id), the same across documents, runs and sources.';
comment on column dim_entity.entity_name is 'Canonical name: no possessive, title, leading determiner or surrounding punctuation; short forms resolved to the full name; a variant in the operators'' alias list becomes the listed name.';
comment on column dim_entity.entity_type is 'One type per name, decided at each load over every mention in the warehouse (sql/load/061_entity_types.sql): the type most documents gave it; PERSON only with a sign of a person (a title, a known first name, a surname of such a name) when documents also gave it another type; the listed type for a name in the operators'' alias list.';
comment on column fact_mention.entity_id is 'The entity (dim_entity) the warehouse links this mention to, decided again at each load: written_entity_id, or the name the operators'' alias list gives that variant, or the full name a bare surname stands for in this document (dim_entity_alias says why).';
comment on column fact_mention.written_entity_id is 'The entity as the extraction linked the mention within its document (dim_written_entity), before the warehouse-wide links.';
comment on column fact_mention.written_entity_type is 'The type the extraction gave the entity within the document (spaCy''s label, corrected from a full name or the alias list); one vote in the warehouse-wide type.';
comment on column fact_quote.speaker_entity_id is 'The speaker''s entity (dim_entity), when the speaker is a named entity: written_speaker_entity_id as the warehouse links it (decided again at each load).';
comment on column fact_quote.speaker_name is 'The speaker resolved to a canonical name where possible: the name of speaker_entity_id when there is one, else as written_speaker_name.';
comment on column fact_quote.speaker_type is 'Entity type of the speaker (PERSON, ORG, ...; the type of speaker_entity_id when there is one), NOUN_PHRASE for a description, PRONOUN when unresolved.';
comment on column fact_quote.written_speaker_entity_id is 'The speaker''s entity as the extraction linked it within the document (dim_written_entity), before the warehouse-wide links.';
comment on column fact_quote.written_speaker_name is 'The speaker''s name as the extraction resolved it within the document.';
comment on column fact_quote_entity.entity_id is 'The entity mentioned (dim_entity): the entity_id of the mention.';
comment on table dim_entity_alias is 'Every name an entity goes by, and why: the forms written in current documents, the operators'' alias list (transforms/data/entity_aliases.tsv), and bare surnames linked across the warehouse to the one full name that dominates it.';
comment on column dim_entity_alias.alias_source is 'mention (written so in a current document), alias_list (a variant from the operators'' list for an entity in dim_entity, even if no document writes it that way yet) or surname (a bare surname linked, in the current documents where its person is at home, to the full name that dominates the warehouse).';
comment on column dim_entity_alias.confidence is 'Confidence that the alias stands for the entity, 0 to 1: 1 for written and listed forms; for a surname, the share of the documents naming someone of that name in full that name this entity.';
comment on column dim_entity_alias.reason is 'Why the alias stands for the entity, in words (for a surname: how many documents name this person and others of that name in full).';
