-- relationships, not_null: every mention's written_entity_id (the entity as its document's extraction
-- named it) is an entity of dim_written_entity.
with final as (
    select m.mention_id, m.written_entity_id, m.mention_text
    from fact_mention as m
    anti join dim_written_entity as w on w.entity_id = m.written_entity_id
)
select * from final;
