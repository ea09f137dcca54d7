-- relationships: a run's source_id is a source of dim_source; only a run that failed before naming
-- its source has none.
with final as (
    select r.run_id, r.status, r.source_id, r.source
    from etl_run as r
    anti join dim_source as s on s.source_id = r.source_id
    where r.source_id is not null or r.status = 'completed'
)
select * from final;
