-- The most recent runs, newest first.
with final as (
    select strftime(started_at, '%Y-%m-%d %H:%M:%S') as started, round(seconds, 1) as seconds,
           files_found as files, documents_new as new, documents_changed as changed,
           documents_unchanged as unchanged, documents_removed as removed, rejects,
           quotes_loaded as quotes, flow_run_id
    from v_runs
)
select * from final order by started desc limit $limit;
