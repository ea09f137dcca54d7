-- accepted_values: dim_document.title_source is front_matter, json or headline; null exactly when
-- the title is.
with accepted (title_source) as (
    values ('front_matter'), ('json'), ('headline')
),
final as (
    select d.document_id, d.title, d.title_source
    from dim_document as d
    where (d.title_source is null) <> (d.title is null)
       or d.title_source not in (select title_source from accepted)
)
select * from final;
