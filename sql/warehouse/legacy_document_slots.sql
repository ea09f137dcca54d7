-- A warehouse from before sources (schema 004) holds one source's documents.
select document_id, source_path, source_line, is_current, null as source_id, null as source_name from dim_document
