-- expression: a document's published_date_id is its published date as yyyymmdd, and null when that is.
with final as (
    select document_id, published, published_date_id
    from dim_document
    where published_date_id is distinct from
          (year(published) * 10000 + month(published) * 100 + day(published))::integer
)
select * from final;
