-- Current documents whose title or text match the search terms, best BM25 score first.
-- Parameters: $terms (words, any order; stemmed like the index); $since (published on or after;
-- null for all); $source (dim_source.source_name; null for all); $limit.
-- Columns: score (BM25, higher is better), published, source, title (the file's path when there is
-- none), snippet (the text: warehouse.search shortens it around the first term), document_id.
with scored as (
    select document_id, fts_main_dim_document.match_bm25(document_id, $terms) as score
    from dim_document
),
final as (
    select
        s.score, d.published, src.source_name as source, coalesce(d.title, d.source_path) as title,
        d.text as snippet, d.document_id
    from scored as s
    join dim_document as d using (document_id)
    left join dim_source as src using (source_id)
    where s.score is not null
      and d.is_current
      and ($since::date is null or d.published >= $since::date)
      and ($source::varchar is null or src.source_name = $source)
)
select * from final order by score desc, document_id limit $limit;
