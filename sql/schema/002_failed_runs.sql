-- Failed runs are recorded too: their status, the stage they reached and the error. What a
-- failed run did not get to count is null.
alter table etl_run add column stage varchar;
alter table etl_run add column error_class varchar;
alter table etl_run add column error_message varchar;
alter table etl_run alter column files_found drop not null;
alter table etl_run alter column files_unchanged drop not null;
alter table etl_run alter column documents_new drop not null;
alter table etl_run alter column documents_changed drop not null;
alter table etl_run alter column documents_unchanged drop not null;
alter table etl_run alter column documents_removed drop not null;
alter table etl_run alter column documents_extracted drop not null;
alter table etl_run alter column rejects drop not null;
alter table etl_run alter column mentions_loaded drop not null;
alter table etl_run alter column quotes_loaded drop not null;
alter table etl_run alter column model drop not null;
comment on table etl_run is 'One row per run of the newsdesk-etl flow, completed or failed; a failed run changes no other table.';
comment on column etl_run.finished_at is 'When the load committed, or when the run failed (UTC).';
comment on column etl_run.status is 'completed, or failed (see stage, error_class and error_message).';
comment on column etl_run.stage is 'The last stage the run reached: discover, read, extract, load or publish (publish for a completed run).';
comment on column etl_run.error_class is 'Class of the error that failed the run; null when it completed.';
comment on column etl_run.error_message is 'Message of the error that failed the run; null when it completed.';
comment on column etl_run.files_found is 'Files found under the source folder (null if the run failed before counting them).';
comment on column etl_run.mentions_loaded is 'Entity mentions inserted by this run (0 or null for a failed run).';
comment on column etl_run.quotes_loaded is 'Quotes inserted by this run (0 or null for a failed run).';
