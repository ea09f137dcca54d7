-- The most recent runs, completed and failed, newest first.
with final as (
    select strftime(started_at, '%Y-%m-%d %H:%M:%S') as started, status, round(seconds, 1) as seconds,
           files_found as files, documents_new as new, documents_changed as changed,
           documents_unchanged as unchanged, documents_removed as removed, rejects,
           quotes_loaded as quotes,
           case when status = 'failed' then stage || ': ' || error_class || ': ' || error_message end as error,
           flow_run_id
    from v_runs
)
select * from final order by started desc limit $limit;
