-- Mentions, partitioned by the month the article was published (or, without a date, loaded).
with documents as (
    select d.document_id, coalesce(strftime(d.published, '%Y-%m'), strftime(r.started_at, '%Y-%m')) as month
    from dim_document as d
    left join etl_run as r on r.run_id = d.loaded_run_id
),
final as (
    select m.*, documents.month
    from fact_mention as m
    join documents using (document_id)
)
select * from final
