-- relationships: a quote's speaker_entity_id, when set, is an entity of dim_entity.
with final as (
    select q.quote_id, q.speaker_entity_id, q.speaker_name
    from fact_quote as q
    anti join dim_entity as e on e.entity_id = q.speaker_entity_id
    where q.speaker_entity_id is not null
)
select * from final;
