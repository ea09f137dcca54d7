-- relationships (reverse): every written entity is a mention's or a speaker's; the load prunes the
-- rest (sql/load/060_prune_entities.sql).
with final as (
    select w.entity_id, w.entity_name
    from dim_written_entity as w
    where not exists (select 1 from fact_mention as m where m.written_entity_id = w.entity_id)
      and not exists (select 1 from fact_quote as q where q.written_speaker_entity_id = w.entity_id)
)
select * from final;
