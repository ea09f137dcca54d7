-- Documents whose file is gone stay, marked as no longer current.
update dim_document
set is_current = false, removed_run_id = $run_id
where document_id in (select id from removed_documents);
