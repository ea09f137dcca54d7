delete from etl_file as f
where f.source_id = $source_id
  and (f.source_path in (select id from removed_files)
       or (f.source_path in (select id from touched_files)
           and not exists (
               select 1 from incoming_files as i
               where i.source_path = f.source_path and i.file_sha256 is not distinct from f.file_sha256
                 and i.size_bytes = f.size_bytes and i.documents = f.documents and i.rejects = f.rejects
           )));

insert into etl_file by name
select $source_id as source_id, i.source_path, i.file_sha256, i.size_bytes, i.documents, i.rejects, $run_id as run_id
from incoming_files as i
where not exists (select 1 from etl_file as f where f.source_id = $source_id and f.source_path = i.source_path);
