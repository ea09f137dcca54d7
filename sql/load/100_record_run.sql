insert into etl_run by name
select
    $run_id as run_id, $flow_run_id as flow_run_id, $source as source, $source_id as source_id, $started_at as started_at,
    now()::timestamp as finished_at, 'completed' as status, 'publish' as stage,
    $files_found as files_found, $files_excluded as files_excluded, $files_unchanged as files_unchanged, $documents_new as documents_new,
    $documents_changed as documents_changed, $documents_unchanged as documents_unchanged,
    $documents_removed as documents_removed, $documents_extracted as documents_extracted, $rejects as rejects,
    (select count(*) from incoming_mentions) as mentions_loaded,
    (select count(*) from incoming_quotes) as quotes_loaded,
    $model as model, $stage_seconds::json as stage_seconds;
