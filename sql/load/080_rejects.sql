-- Rejects describe the input as it is now: a fixed file loses its reject, an unchanged one keeps
-- it. Only this run's source is touched.
delete from etl_reject as r
where r.source_id = $source_id
  and (r.source_path in (select id from touched_files) or r.source_path in (select id from removed_files))
  and not exists (
      select 1 from incoming_rejects as i
      where i.source_path = r.source_path and i.source_line = r.source_line
        and i.reason_code = r.reason_code and i.reason = r.reason
  );

insert into etl_reject by name
select $source_id as source_id, i.source_path, i.source_line, i.reason_code, i.reason, $run_id as run_id
from incoming_rejects as i
where not exists (
    select 1 from etl_reject as r
    where r.source_id = $source_id and r.source_path = i.source_path and r.source_line = i.source_line
      and r.reason_code = i.reason_code
);
