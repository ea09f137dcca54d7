insert into etl_run
select
    $run_id, $flow_run_id, $source, $started_at, now()::timestamp, 'completed',
    $files_found, $files_unchanged, $documents_new, $documents_changed, $documents_unchanged,
    $documents_removed, $documents_extracted, $rejects,
    (select count(*) from incoming_mentions), (select count(*) from incoming_quotes),
    $model, $stage_seconds::json;
