-- Mentions, partitioned by the month the article was published (month=undated without a date).
with final as (
    select m.*, v_document_month.month
    from fact_mention as m
    join v_document_month using (document_id)
)
select * from final
