create or replace view v_top_entities as
with mentions as (
    select entity_id, count(distinct document_id) as documents, count(*) as mentions
    from v_mentions
    group by entity_id
),
quotes as (
    select speaker_entity_id as entity_id, count(*) as quotes_said
    from v_quotes
    where speaker_entity_id is not null and enclosing_quote_id is null and quote_kind <> 'belief'  -- each utterance once
    group by speaker_entity_id
),
final as (
    select e.entity_name, e.entity_type, m.documents, m.mentions, coalesce(q.quotes_said, 0) as quotes_said,
           e.entity_id
    from mentions as m
    join dim_entity as e using (entity_id)
    left join quotes as q using (entity_id)
    where e.is_named
)
select * from final order by documents desc, mentions desc, entity_name;
comment on view v_top_entities is 'Named entities ranked by the number of current documents that mention them; quotes_said counts each utterance once (fragments inside reported speech are not counted again).';
