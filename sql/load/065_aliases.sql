-- Aliases are rebuilt from the current mentions, the warehouse's surname links and the operators'
-- list, so they never go stale; each says why, with a confidence.
delete from dim_entity_alias;

insert into dim_entity_alias by name
with current_mentions as (
    select m.alias, m.entity_id, m.written_entity_id
    from fact_mention as m
    join dim_document as d using (document_id)
    where d.is_current and m.alias <> ''
),
linked as (
    select distinct w.entity_name as alias, l.entity_id, l.link_source as alias_source, l.confidence, l.reason
    from entity_links as l
    join dim_written_entity as w on w.entity_id = l.written_entity_id
    where l.link_source = 'surname'
      and (l.written_entity_id, l.entity_id) in (select (written_entity_id, entity_id) from current_mentions)
),
written as (
    select distinct alias, entity_id, 'mention' as alias_source, 1.0 as confidence,
           'written so in a current document' as reason
    from current_mentions
    where (alias, entity_id) not in (select (alias, entity_id) from linked)
),
listed as (
    select distinct alias, entity_id, 'alias_list' as alias_source, 1.0 as confidence,
           'listed in transforms/data/entity_aliases.tsv' as reason
    from incoming_alias_list
    where entity_id in (select entity_id from dim_entity)
      and (alias, entity_id) not in (select (alias, entity_id) from linked)
      and (alias, entity_id) not in (select (alias, entity_id) from written)
),
final as (
    select * from linked
    union all
    select * from written
    union all
    select * from listed
)
select * from final;

drop table entity_links;
drop table entity_resolution;
drop table entity_types;
