-- relationships: every alias stands for an entity of dim_entity.
with final as (
    select a.alias, a.entity_id, a.alias_source
    from dim_entity_alias as a
    anti join dim_entity as e on e.entity_id = a.entity_id
)
select * from final;
