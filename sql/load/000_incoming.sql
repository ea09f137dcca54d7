-- The rows this run loads, from the staged chunks that hold its documents. A chunk may also hold
-- documents that are not this run's to load (another run loaded them meanwhile), and two chunks
-- the same document (two runs extracted it): each planned document's rows are taken once. Every
-- row is a function of its document alone, so duplicates are identical.
create or replace temp table incoming_documents as
select distinct * from staged_documents where document_id in (select id from extract_ids);

create or replace temp table incoming_mentions as
select distinct * from staged_mentions where document_id in (select id from extract_ids);

create or replace temp table incoming_quotes as
select distinct * from staged_quotes where document_id in (select id from extract_ids);

create or replace temp table incoming_quote_entities as
select distinct * from staged_quote_entities where document_id in (select id from extract_ids);

create or replace temp table incoming_entities as
select * from staged_entities
where entity_id in (select entity_id from incoming_mentions)
   or entity_id in (select speaker_entity_id from incoming_quotes);
