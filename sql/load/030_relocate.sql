-- Stored documents found again (moved, back after removal, or taken over from another source)
-- become current where they now stand, with what their new path says about them.
update dim_document as d
set source_id = $source_id, source_path = s.source_path, source_line = s.source_line,
    title = s.title, title_source = s.title_source, published = s.published,
    published_date_id = year(s.published) * 10000 + month(s.published) * 100 + day(s.published), published_source = s.published_source,
    section = s.section, section_source = s.section_source, url = s.url, outlet = s.outlet, author = s.author,
    is_current = true, removed_run_id = null
from incoming_slots as s
where d.document_id = s.document_id;
