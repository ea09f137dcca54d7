-- relationships: a document's published_date_id, when set, is a date of dim_date.
with final as (
    select doc.document_id, doc.published_date_id
    from dim_document as doc
    anti join dim_date as d on d.date_id = doc.published_date_id
    where doc.published_date_id is not null
)
select * from final;
