with final as (select * from fact_quote_entity)
select * from final
