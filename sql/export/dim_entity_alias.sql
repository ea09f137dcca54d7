with final as (select * from dim_entity_alias)
select * from final
