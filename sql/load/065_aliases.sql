-- Aliases are rebuilt from the current mentions and the operators' list, so they never go stale.
delete from dim_entity_alias;

insert into dim_entity_alias
with written as (
    select distinct m.alias, m.entity_id, 'mention' as alias_source
    from fact_mention as m
    join dim_document as d using (document_id)
    where d.is_current and m.alias <> ''
),
listed as (
    select distinct alias, entity_id, 'alias_list' as alias_source
    from incoming_alias_list
    where entity_id in (select entity_id from dim_entity)
      and (alias, entity_id) not in (select (alias, entity_id) from written)
),
final as (
    select * from written
    union all
    select * from listed
)
select * from final;
