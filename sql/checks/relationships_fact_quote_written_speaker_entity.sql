-- relationships: a quote's written_speaker_entity_id, when set, is an entity of dim_written_entity.
with final as (
    select q.quote_id, q.written_speaker_entity_id, q.written_speaker_name
    from fact_quote as q
    anti join dim_written_entity as w on w.entity_id = q.written_speaker_entity_id
    where q.written_speaker_entity_id is not null
)
select * from final;
