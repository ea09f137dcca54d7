-- relationships (reverse): every entity is mentioned or speaks somewhere; the load prunes the rest
-- (sql/load/060_prune_entities.sql).
with final as (
    select e.entity_id, e.entity_name, e.entity_type
    from dim_entity as e
    where not exists (select 1 from fact_mention as m where m.entity_id = e.entity_id)
      and not exists (select 1 from fact_quote as q where q.speaker_entity_id = e.entity_id)
)
select * from final;
