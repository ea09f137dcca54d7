-- relationships, not_null: every document belongs to a source of dim_source.
with final as (
    select d.document_id, d.source_id, d.source_path
    from dim_document as d
    anti join dim_source as s on s.source_id = d.source_id
)
select * from final;
