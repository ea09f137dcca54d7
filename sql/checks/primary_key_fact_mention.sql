-- unique, not_null: fact_mention.mention_id is set and names one mention.
with final as (
    select mention_id, count(*) as copies
    from fact_mention
    group by mention_id
    having count(*) > 1 or mention_id is null
)
select * from final;
