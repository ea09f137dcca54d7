create or replace view v_quotes as
with documents as (
    select d.document_id, d.source_path, d.published, s.source_name, d.section
    from dim_document as d
    left join dim_source as s using (source_id)
    where d.is_current
),
final as (
    select
        q.document_id, d.source_path, q.quote_text, q.quote_kind, q.cue_verb, q.speaker_name,
        q.speaker_type, q.start_char, q.end_char, q.speaker_mention, q.speaker_resolution, q.rule, q.confidence,
        q.sentence_index, q.speaker_entity_id, q.quote_id, q.enclosing_quote_id, d.published,
        d.source_name, d.section
    from fact_quote as q
    join documents as d using (document_id)
)
select * from final;
comment on view v_quotes is 'Every quotation in current documents: what was said, how, and by whom, with its document''s source, section and publication date.';
