-- accepted_range, not_null: an alias's confidence is a share, above 0 and at most 1.
with final as (
    select alias, entity_id, alias_source, confidence
    from dim_entity_alias
    where confidence is null or not (confidence > 0 and confidence <= 1)
)
select * from final;
