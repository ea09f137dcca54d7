insert or ignore into etl_run by name
select
    run_id, flow_run_id, source, source_id, started_at::timestamp as started_at, finished_at::timestamp as finished_at,
    'failed' as status, stage, error_class, error_message, files_found, documents_extracted,
    model, stage_seconds::json as stage_seconds
from pending_runs;
