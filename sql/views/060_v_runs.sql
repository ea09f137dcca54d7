create or replace view v_runs as
with final as (
    select run_id, flow_run_id, source, status, stage, started_at, finished_at,
           date_diff('millisecond', started_at, finished_at) / 1000.0 as seconds,
           files_found, documents_new, documents_changed, documents_unchanged, documents_removed,
           documents_extracted, rejects, mentions_loaded, quotes_loaded, error_class, error_message
    from etl_run
)
select * from final order by started_at desc;
comment on view v_runs is 'ETL runs, completed and failed, newest first, with their duration in seconds.';
