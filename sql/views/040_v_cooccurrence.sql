create or replace view v_cooccurrence as
with pairs as (
    select distinct m.document_id, m.entity_id
    from v_mentions as m
    join dim_entity as e using (entity_id)
    where e.is_named
),
final as (
    select a_entity.entity_name as entity_a, b_entity.entity_name as entity_b,
           count(distinct a.document_id) as documents,
           a.entity_id as entity_a_id, b.entity_id as entity_b_id
    from pairs as a
    join pairs as b on a.document_id = b.document_id and a.entity_id < b.entity_id
    join dim_entity as a_entity on a_entity.entity_id = a.entity_id
    join dim_entity as b_entity on b_entity.entity_id = b.entity_id
    group by all
)
select * from final order by documents desc, entity_a, entity_b;
comment on view v_cooccurrence is 'Pairs of named entities mentioned in the same current document, with how many documents.';
