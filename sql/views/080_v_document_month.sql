create or replace view v_document_month as
with final as (
    select d.document_id, coalesce(strftime(d.published, '%Y-%m'), 'undated') as month
    from dim_document as d
)
select * from final;
comment on view v_document_month is 'The month of each document: when it was published (yyyy-mm), or undated when no date is known (never the load date). Partitions the Parquet export.';
