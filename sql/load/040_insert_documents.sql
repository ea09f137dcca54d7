insert into dim_document by name
select
    *,
    case when published is not null
         then year(published) * 10000 + month(published) * 100 + day(published) end as published_date_id,
    $source_id as source_id, true as is_current, $run_id as loaded_run_id, null as removed_run_id
from incoming_documents;
