-- unique, not_null: dim_source.source_id is set and names one source.
with final as (
    select source_id, count(*) as copies
    from dim_source
    group by source_id
    having count(*) > 1 or source_id is null
)
select * from final;
