-- Quotes, partitioned by the month the article was published (month=undated without a date).
with final as (
    select q.*, v_document_month.month
    from fact_quote as q
    join v_document_month using (document_id)
)
select * from final
