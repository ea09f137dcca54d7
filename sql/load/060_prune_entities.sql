-- A written entity no mention or quote points at any more leaves; dim_entity is rebuilt from the
-- facts in 063, so it keeps nothing that is no longer mentioned.
delete from dim_written_entity as e
where not exists (select 1 from fact_mention as m where m.written_entity_id = e.entity_id)
  and not exists (select 1 from fact_quote as q where q.written_speaker_entity_id = e.entity_id);
