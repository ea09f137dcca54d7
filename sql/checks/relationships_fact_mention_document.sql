-- relationships: every mention's document_id is a document of dim_document.
with final as (
    select m.mention_id, m.document_id
    from fact_mention as m
    anti join dim_document as d on d.document_id = m.document_id
)
select * from final;
