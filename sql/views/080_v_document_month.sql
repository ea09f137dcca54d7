create or replace view v_document_month as
with final as (
    select d.document_id, coalesce(strftime(d.published, '%Y-%m'), strftime(r.started_at, '%Y-%m')) as month
    from dim_document as d
    left join etl_run as r on r.run_id = d.loaded_run_id
)
select * from final;
comment on view v_document_month is 'The month of each document: when it was published, or, without a date, when it was loaded. Partitions the Parquet export.';
