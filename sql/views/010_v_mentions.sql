create or replace view v_mentions as
with documents as (
    select document_id, source_path from dim_document where is_current
),
final as (
    select
        m.document_id, d.source_path, e.entity_name, e.entity_type, m.mention_text, m.sentence_index,
        m.start_char, m.end_char, m.mention_label, m.title, m.alias, m.entity_id, m.mention_id
    from fact_mention as m
    join documents as d using (document_id)
    join dim_entity as e using (entity_id)
)
select * from final;
comment on view v_mentions is 'Every entity mention in current documents, with its canonical entity.';
