-- The most recent runs, completed and failed, newest first (`newsdesk status` shows them too).
-- Parameters: $limit, how many runs.
-- Columns: started (UTC); status (completed or failed); source (dim_source.source_name, else the
-- folder as given); seconds; files (found); new, changed,
-- unchanged, removed (documents); rejects; quotes (loaded); error (stage: class: message of a
-- failed run); flow_run_id (the run in the Prefect UI).
with final as (
    select strftime(started_at, '%Y-%m-%d %H:%M:%S') as started, status, coalesce(source_name, source) as source,
           round(seconds, 1) as seconds,
           files_found as files, documents_new as new, documents_changed as changed,
           documents_unchanged as unchanged, documents_removed as removed, rejects,
           quotes_loaded as quotes,
           case when status = 'failed' then stage || ': ' || error_class || ': ' || error_message end as error,
           flow_run_id
    from v_runs
)
select * from final order by started desc limit $limit;
