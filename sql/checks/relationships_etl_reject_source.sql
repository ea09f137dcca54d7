-- relationships: every reject belongs to a source of dim_source.
with final as (
    select r.source_id, r.source_path, r.source_line, r.reason_code
    from etl_reject as r
    anti join dim_source as s on s.source_id = r.source_id
)
select * from final;
