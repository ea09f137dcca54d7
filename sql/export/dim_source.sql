-- Sources, as runs named them.
with final as (select * from dim_source)
select * from final
