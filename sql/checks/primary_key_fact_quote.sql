-- unique, not_null: fact_quote.quote_id is set and names one quote.
with final as (
    select quote_id, count(*) as copies
    from fact_quote
    group by quote_id
    having count(*) > 1 or quote_id is null
)
select * from final;
