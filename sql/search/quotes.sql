-- Quotes in current documents that match the search terms, best BM25 score first.
-- Parameters: $terms (words, any order; stemmed like the index); $speaker (a speaker's canonical
-- name or any alias in dim_entity_alias, any case; null for all); $since (published on or after;
-- null for all); $source (dim_source.source_name; null for all); $limit.
-- Columns: score (BM25, higher is better), published, source, speaker, quote, document_id, quote_id.
with scored as (
    select quote_id, fts_main_fact_quote.match_bm25(quote_id, $terms) as score
    from fact_quote
),
speaker_entities as (
    select entity_id from dim_entity_alias where lower(alias) = lower($speaker)
),
final as (
    select
        s.score, d.published, src.source_name as source, q.speaker_name as speaker, q.quote_text as quote,
        q.document_id, q.quote_id
    from scored as s
    join fact_quote as q using (quote_id)
    join dim_document as d using (document_id)
    left join dim_source as src using (source_id)
    where s.score is not null
      and d.is_current
      and ($speaker::varchar is null
           or lower(q.speaker_name) = lower($speaker)
           or q.speaker_entity_id in (select entity_id from speaker_entities))
      and ($since::date is null or d.published >= $since::date)
      and ($source::varchar is null or src.source_name = $source)
)
select * from final order by score desc, quote_id limit $limit;
