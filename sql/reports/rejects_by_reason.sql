-- What input could not be loaded, and why: the rejects in etl_reject (kept while the input stays
-- as it is) by reason, over every source.
-- Columns: reason_code (empty, binary, undecodable, too_large, ...); rejects (files or JSON lines);
-- example_path (the first such file, as source_name/source_path); example_reason (its reason, as written).
with rejects as (
    select r.reason_code, r.reason, coalesce(s.source_name || '/', '') || r.source_path as path
    from etl_reject as r
    left join dim_source as s using (source_id)
),
final as (
    select reason_code, count(*) as rejects, min(path) as example_path, arg_min(reason, path) as example_reason
    from rejects
    group by reason_code
)
select * from final order by rejects desc, reason_code;
