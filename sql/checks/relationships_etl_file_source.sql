-- relationships: every file the runs read belongs to a source of dim_source.
with final as (
    select f.source_id, f.source_path
    from etl_file as f
    anti join dim_source as s on s.source_id = f.source_id
)
select * from final;
