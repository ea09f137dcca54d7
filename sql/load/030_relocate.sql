-- Stored documents found again (moved, or back after removal) become current where they now stand.
update dim_document as d
set source_path = s.source_path, source_line = s.source_line, is_current = true, removed_run_id = null
from incoming_slots as s
where d.document_id = s.document_id;
