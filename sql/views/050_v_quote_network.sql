create or replace view v_quote_network as
with final as (
    select q.speaker_name, e.entity_name as mentioned_entity, e.entity_type as mentioned_type,
           count(distinct q.quote_id) as quotes
    from v_quotes as q
    join fact_quote_entity as qe using (quote_id)
    join dim_entity as e on e.entity_id = qe.entity_id
    where q.speaker_name is not null and q.enclosing_quote_id is null and q.quote_kind <> 'belief' and e.is_named  -- each utterance once
    group by all
)
select * from final order by quotes desc, speaker_name, mentioned_entity;
comment on view v_quote_network is 'Who talks about whom: speakers and the named entities mentioned in their quotes.';
