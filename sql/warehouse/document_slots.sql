select document_id, source_path, source_line, is_current from dim_document
