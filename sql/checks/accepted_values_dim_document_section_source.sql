-- accepted_values: dim_document.section_source is front_matter, json, folder or pattern; null exactly when
-- the section is.
with accepted (section_source) as (
    values ('front_matter'), ('json'), ('folder'), ('pattern')
),
final as (
    select d.document_id, d.section, d.section_source
    from dim_document as d
    where (d.section_source is null) <> (d.section is null)
       or d.section_source not in (select section_source from accepted)
)
select * from final;
