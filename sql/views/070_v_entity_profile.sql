create or replace view v_entity_profile as
with aliases as (
    select entity_id, list(alias order by alias) as aliases
    from dim_entity_alias
    group by entity_id
),
mentions as (
    select entity_id, count(*) as mentions, count(distinct document_id) as documents,
           list(distinct source_path order by source_path) as source_paths
    from v_mentions
    group by entity_id
),
co_people as (
    select entity_id, list(other order by documents desc, other)[1:10] as co_occurring_people
    from (
        select entity_a_id as entity_id, entity_b as other, documents from v_cooccurrence where entity_b_type = 'PERSON'
        union all
        select entity_b_id, entity_a, documents from v_cooccurrence where entity_a_type = 'PERSON'
    )
    group by entity_id
),
said as (
    select speaker_entity_id as entity_id, count(*) as quotes_said,
           list(quote_text order by confidence desc, document_id, start_char)[1:10] as said
    from v_quotes
    where speaker_entity_id is not null and enclosing_quote_id is null and quote_kind <> 'belief'
    group by speaker_entity_id
),
said_about as (
    select qe.entity_id, count(distinct q.quote_id) as quotes_about,
           list(distinct q.speaker_name || ': ' || q.quote_text)[1:10] as said_about
    from fact_quote_entity as qe
    join v_quotes as q using (quote_id)
    where q.speaker_name is not null and q.enclosing_quote_id is null and q.quote_kind <> 'belief'
    group by qe.entity_id
),
final as (
    select e.entity_name, e.entity_type, coalesce(a.aliases, []) as aliases,
           coalesce(m.documents, 0) as documents, coalesce(m.mentions, 0) as mentions, m.source_paths,
           coalesce(p.co_occurring_people, []) as co_occurring_people,
           coalesce(s.quotes_said, 0) as quotes_said, coalesce(s.said, []) as said,
           coalesce(b.quotes_about, 0) as quotes_about, coalesce(b.said_about, []) as said_about,
           e.entity_id
    from dim_entity as e
    left join aliases as a using (entity_id)
    left join mentions as m using (entity_id)
    left join co_people as p using (entity_id)
    left join said as s using (entity_id)
    left join said_about as b using (entity_id)
    where e.is_named
)
select * from final;
comment on view v_entity_profile is 'One row per named entity: its aliases, documents, the people it appears with, what it said and what others said about it. Filter on entity_name.';
