-- What input could not be loaded, and why.
with final as (
    select reason_code, count(*) as rejects, min(source_path) as example_path, any_value(reason) as example_reason
    from etl_reject
    group by reason_code
)
select * from final order by rejects desc;
