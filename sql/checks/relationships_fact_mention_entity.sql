-- relationships: every mention's entity_id is an entity of dim_entity.
with final as (
    select m.mention_id, m.entity_id, m.mention_text
    from fact_mention as m
    anti join dim_entity as e on e.entity_id = m.entity_id
)
select * from final;
