-- relationships: every row of the about-whom bridge names a quote of fact_quote, in the same document.
with final as (
    select b.quote_id, b.mention_id, b.document_id
    from fact_quote_entity as b
    anti join fact_quote as q on q.quote_id = b.quote_id and q.document_id = b.document_id
)
select * from final;
