-- unique, not_null: etl_reject holds each (source_id, source_path, source_line, reason_code) once, all set.
with final as (
    select source_id, source_path, source_line, reason_code, count(*) as copies
    from etl_reject
    group by source_id, source_path, source_line, reason_code
    having count(*) > 1 or source_id is null or source_path is null
        or source_line is null or reason_code is null
)
select * from final;
