-- Who talks about whom: each speaker, and the named entities mentioned in what they said
-- (fact_quote_entity); the most frequent pairs. A speaker's mentions of themselves are left out.
-- Each utterance once: enclosing_quote_id null, kind direct, indirect or partial, current documents.
-- Parameters: $links, how many speaker-entity pairs to keep.
-- Columns: speaker_name; speaker_type; mentioned_entity (dim_entity.entity_name); mentioned_type;
-- quotes (the speaker's utterances that mention the entity).
with utterances as (
    select quote_id, speaker_name, speaker_type, speaker_entity_id
    from v_quotes
    where speaker_name is not null and enclosing_quote_id is null
      and quote_kind in ('direct', 'indirect', 'partial')
),
mentioned as (
    select u.quote_id, u.speaker_name, u.speaker_type, e.entity_name as mentioned_entity,
           e.entity_type as mentioned_type
    from utterances as u
    join fact_quote_entity as qe using (quote_id)
    join dim_entity as e on e.entity_id = qe.entity_id
    where e.is_named and e.entity_id is distinct from u.speaker_entity_id
),
final as (
    select speaker_name, min(speaker_type) as speaker_type, mentioned_entity, mentioned_type,
           count(distinct quote_id) as quotes
    from mentioned
    group by speaker_name, mentioned_entity, mentioned_type
)
select * from final order by quotes desc, speaker_name, mentioned_entity limit $links;
