create or replace view v_runs as
with final as (
    select r.run_id, r.flow_run_id, s.source_name, r.source, r.status, r.stage, r.started_at, r.finished_at,
           date_diff('millisecond', r.started_at, r.finished_at) / 1000.0 as seconds,
           r.files_found, r.files_excluded, r.documents_new, r.documents_changed, r.documents_unchanged, r.documents_removed,
           r.documents_extracted, r.rejects, r.mentions_loaded, r.quotes_loaded, r.error_class, r.error_message
    from etl_run as r
    left join dim_source as s using (source_id)
)
select * from final order by started_at desc;
comment on view v_runs is 'ETL runs, completed and failed, newest first, with their source''s name and their duration in seconds.';
