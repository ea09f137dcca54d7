-- unique, not_null: dim_date.date_id is set and names one date.
with final as (
    select date_id, count(*) as copies
    from dim_date
    group by date_id
    having count(*) > 1 or date_id is null
)
select * from final;
