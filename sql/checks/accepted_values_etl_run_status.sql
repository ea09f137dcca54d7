-- accepted_values: etl_run.status is completed or failed; never null.
with accepted (status) as (
    values ('completed'), ('failed')
),
final as (
    select r.run_id, r.status
    from etl_run as r
    anti join accepted as a on a.status = r.status
)
select * from final;
