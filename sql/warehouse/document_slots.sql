select d.document_id, d.source_path, d.source_line, d.is_current, d.source_id, s.source_name
from dim_document as d
left join dim_source as s using (source_id)
