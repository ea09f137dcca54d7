-- unique, not_null: dim_source.source_name is set and names one source (runs find their source by name).
with final as (
    select source_name, count(*) as copies
    from dim_source
    group by source_name
    having count(*) > 1 or source_name is null
)
select * from final;
