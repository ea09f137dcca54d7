-- unique, not_null: etl_file holds each (source_id, source_path) once, both set.
with final as (
    select source_id, source_path, count(*) as copies
    from etl_file
    group by source_id, source_path
    having count(*) > 1 or source_id is null or source_path is null
)
select * from final;
