-- relationships: every quote's document_id is a document of dim_document.
with final as (
    select q.quote_id, q.document_id
    from fact_quote as q
    anti join dim_document as d on d.document_id = q.document_id
)
select * from final;
