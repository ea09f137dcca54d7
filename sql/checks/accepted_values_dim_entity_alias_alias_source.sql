-- accepted_values: dim_entity_alias.alias_source is mention (written so in a current document),
-- alias_list (the operators' list) or surname (a short form linked to the full name that dominates
-- the warehouse); never null.
with accepted (alias_source) as (
    values ('mention'), ('alias_list'), ('surname')
),
final as (
    select a.alias, a.entity_id, a.alias_source
    from dim_entity_alias as a
    anti join accepted as ok on ok.alias_source = a.alias_source
)
select * from final;
