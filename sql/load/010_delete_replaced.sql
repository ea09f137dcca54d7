-- Documents replaced by a changed file, and any stored copy of a document about to be inserted.
create or replace temp table doomed_documents as
select id as document_id from deleted_documents
union
select document_id from incoming_documents;

delete from fact_quote_entity where document_id in (select document_id from doomed_documents);

delete from fact_quote where document_id in (select document_id from doomed_documents);

delete from fact_mention where document_id in (select document_id from doomed_documents);

delete from dim_document where document_id in (select document_id from doomed_documents);

drop table doomed_documents;
