-- unique, not_null: dim_entity.entity_id is set and names one entity.
with final as (
    select entity_id, count(*) as copies
    from dim_entity
    group by entity_id
    having count(*) > 1 or entity_id is null
)
select * from final;
