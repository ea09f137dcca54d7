-- relationships: a fragment's enclosing_quote_id, when set, is a quote of the same document.
with final as (
    select q.quote_id, q.enclosing_quote_id, q.document_id
    from fact_quote as q
    anti join fact_quote as enclosing
        on enclosing.quote_id = q.enclosing_quote_id and enclosing.document_id = q.document_id
    where q.enclosing_quote_id is not null
)
select * from final;
