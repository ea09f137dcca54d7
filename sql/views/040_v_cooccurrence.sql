create or replace view v_cooccurrence as
with named as (
    select m.document_id, m.sentence_index, m.entity_id
    from v_mentions as m
    join dim_entity as e using (entity_id)
    where e.is_named
),
in_documents as (
    select distinct document_id, entity_id from named
),
document_pairs as (
    select a.entity_id as entity_a_id, b.entity_id as entity_b_id, count(*) as documents
    from in_documents as a
    join in_documents as b on a.document_id = b.document_id and a.entity_id < b.entity_id
    group by all
),
in_sentences as (
    select distinct document_id, sentence_index, entity_id from named
),
sentence_pairs as (
    select a.entity_id as entity_a_id, b.entity_id as entity_b_id, count(*) as sentences
    from in_sentences as a
    join in_sentences as b
      on a.document_id = b.document_id and a.sentence_index = b.sentence_index and a.entity_id < b.entity_id
    group by all
),
final as (
    select ea.entity_name as entity_a, eb.entity_name as entity_b, p.documents,
           coalesce(s.sentences, 0) as sentences, ea.entity_type as entity_a_type, eb.entity_type as entity_b_type,
           p.entity_a_id, p.entity_b_id
    from document_pairs as p
    left join sentence_pairs as s using (entity_a_id, entity_b_id)
    join dim_entity as ea on ea.entity_id = p.entity_a_id
    join dim_entity as eb on eb.entity_id = p.entity_b_id
)
select * from final order by documents desc, sentences desc, entity_a, entity_b;
comment on view v_cooccurrence is 'Pairs of named entities in the same current document: how many documents, and how many sentences, mention both.';
