-- relationships (reverse): every date of dim_date is the publication date of a document.
with final as (
    select d.date_id, d.date
    from dim_date as d
    anti join dim_document as doc on doc.published_date_id = d.date_id
)
select * from final;
