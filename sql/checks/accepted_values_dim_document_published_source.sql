-- accepted_values: dim_document.published_source is front_matter, json or path; null exactly when
-- the publication date is (it is never the load date).
with accepted (published_source) as (
    values ('front_matter'), ('json'), ('path')
),
final as (
    select d.document_id, d.published, d.published_source
    from dim_document as d
    where (d.published_source is null) <> (d.published is null)
       or d.published_source not in (select published_source from accepted)
)
select * from final;
