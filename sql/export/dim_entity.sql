with final as (select * from dim_entity)
select * from final
