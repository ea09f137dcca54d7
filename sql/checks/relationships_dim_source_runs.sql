-- relationships: a source's first_run_id and last_run_id are completed runs of etl_run.
with completed as (
    select run_id from etl_run where status = 'completed'
),
final as (
    select s.source_id, s.source_name, s.first_run_id, s.last_run_id
    from dim_source as s
    where s.first_run_id is null or s.last_run_id is null
       or s.first_run_id not in (select run_id from completed)
       or s.last_run_id not in (select run_id from completed)
)
select * from final;
