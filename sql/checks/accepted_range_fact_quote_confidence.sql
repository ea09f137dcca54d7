-- accepted_range, not_null: a quote's attribution confidence lies between 0 and 1.
with final as (
    select quote_id, rule, confidence
    from fact_quote
    where confidence is null or not (confidence between 0 and 1)
)
select * from final;
