-- Entities as each document's extraction named them, before the warehouse-wide decisions.
with final as (select * from dim_written_entity)
select * from final
