with final as (select * from dim_date)
select * from final
