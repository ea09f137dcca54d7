create or replace view v_mentions as
with documents as (
    select d.document_id, d.source_path, s.source_name, d.section, d.published
    from dim_document as d
    left join dim_source as s using (source_id)
    where d.is_current
),
final as (
    select
        m.document_id, d.source_path, e.entity_name, e.entity_type, m.mention_text, m.sentence_index,
        m.start_char, m.end_char, m.mention_label, m.title, m.alias, m.entity_id, m.mention_id,
        d.source_name, d.section, d.published
    from fact_mention as m
    join documents as d using (document_id)
    join dim_entity as e using (entity_id)
)
select * from final;
comment on view v_mentions is 'Every entity mention in current documents, with its canonical entity and its document''s source, section and publication date.';
