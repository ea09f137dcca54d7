-- unique: at most one current document stands at a place in a source (a path, and a line of a .jsonl
-- file); an older text at the same place was replaced or marked removed.
with final as (
    select source_id, source_path, source_line, count(*) as current_documents
    from dim_document
    where is_current
    group by source_id, source_path, source_line
    having count(*) > 1
)
select * from final;
