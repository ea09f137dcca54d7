-- An entity no mention or quote points at any more leaves the dimension.
delete from dim_entity as e
where not exists (select 1 from fact_mention as m where m.entity_id = e.entity_id)
  and not exists (select 1 from fact_quote as q where q.speaker_entity_id = e.entity_id);
