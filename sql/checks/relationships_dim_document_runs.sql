-- relationships: a document's loaded_run_id, and its removed_run_id when set, are completed runs of etl_run.
with completed as (
    select run_id from etl_run where status = 'completed'
),
final as (
    select d.document_id, d.loaded_run_id, d.removed_run_id
    from dim_document as d
    where d.loaded_run_id not in (select run_id from completed)
       or d.loaded_run_id is null
       or d.removed_run_id not in (select run_id from completed)
)
select * from final;
