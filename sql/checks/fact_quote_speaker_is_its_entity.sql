-- expression: a quote with a speaker entity names the speaker as that entity does and gives its type
-- (the warehouse decides both over all mentions: sql/load/063_resolve_entities.sql).
with final as (
    select q.quote_id, q.speaker_entity_id, q.speaker_name, e.entity_name, q.speaker_type, e.entity_type
    from fact_quote as q
    join dim_entity as e on e.entity_id = q.speaker_entity_id
    where q.speaker_name is distinct from e.entity_name or q.speaker_type is distinct from e.entity_type
)
select * from final;
