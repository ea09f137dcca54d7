-- unique, not_null: dim_entity_alias holds each (alias, entity_id) once, both set.
with final as (
    select alias, entity_id, count(*) as copies
    from dim_entity_alias
    group by alias, entity_id
    having count(*) > 1 or alias is null or entity_id is null
)
select * from final;
