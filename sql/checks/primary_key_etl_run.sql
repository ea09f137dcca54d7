-- unique, not_null: etl_run.run_id is set and names one run.
with final as (
    select run_id, count(*) as copies
    from etl_run
    group by run_id
    having count(*) > 1 or run_id is null
)
select * from final;
