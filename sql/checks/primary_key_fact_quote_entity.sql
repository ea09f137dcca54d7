-- unique, not_null: fact_quote_entity holds each (quote_id, mention_id) once, both set.
with final as (
    select quote_id, mention_id, count(*) as copies
    from fact_quote_entity
    group by quote_id, mention_id
    having count(*) > 1 or quote_id is null or mention_id is null
)
select * from final;
