-- unique, not_null: dim_document.document_id is set and names one document.
with final as (
    select document_id, count(*) as copies
    from dim_document
    group by document_id
    having count(*) > 1 or document_id is null
)
select * from final;
