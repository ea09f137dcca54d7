-- One type per name, decided over every mention in the warehouse each load (so a load can change
-- it back): each document votes for the type its extraction gave the name (written_entity_type);
-- the type of most current documents wins, then of most documents, then of most mentions, then
-- the first in a fixed order. spaCy's small model calls many organisations, places and works
-- PERSON (Yukos, Glasgow, the Oscar), so PERSON counts only with a sign of a person when documents
-- also gave the name another type: a title written before it (Mr, President), a first word that is
-- the first name of someone written with a title, or, for one word, the surname of full names
-- with such a sign (see surname_signs). A name in the operators' alias list takes the listed type.
create or replace temp table entity_types as
with type_order (entity_type, type_rank) as (
    values ('PERSON', 1), ('ORG', 2), ('GPE', 3), ('LOC', 4), ('NORP', 5), ('FAC', 6), ('EVENT', 7),
           ('WORK_OF_ART', 8), ('PRODUCT', 9), ('LAW', 10), ('LANGUAGE', 11), ('DATE', 12), ('TIME', 13),
           ('MONEY', 14), ('PERCENT', 15), ('QUANTITY', 16), ('ORDINAL', 17), ('CARDINAL', 18)
),
votes as (
    select m.written_entity_id as entity_id, m.written_entity_type as entity_type,
           count(distinct m.document_id) filter (where d.is_current) as current_documents,
           count(distinct m.document_id) as documents,
           count(*) as mentions
    from fact_mention as m
    join dim_document as d using (document_id)
    group by all
),
ranked_votes as (
    select v.*, coalesce(o.type_rank, 99) as type_rank
    from votes as v
    left join type_order as o using (entity_type)
),
names as (
    select entity_id, entity_name, is_named, string_split(lower(entity_name), ' ') as words
    from dim_written_entity
),
most_voted as (
    select distinct on (entity_id) entity_id, entity_type
    from ranked_votes
    order by entity_id, current_documents desc, documents desc, mentions desc, type_rank, entity_type
),
titled as (
    select distinct written_entity_id as entity_id from fact_mention where title is not null
),
full_names as (
    select n.entity_id, n.words
    from names as n
    join most_voted as v using (entity_id)
    where v.entity_type = 'PERSON' and len(n.words) > 1
),
given_names as (
    select distinct f.words[1] as given_name
    from full_names as f
    semi join titled as t using (entity_id)
),
signed_full_names as (
    select f.entity_id, f.words, v.documents
    from full_names as f
    join votes as v on v.entity_id = f.entity_id and v.entity_type = 'PERSON'
    where f.entity_id in (select entity_id from titled)
       or f.words[1] in (select given_name from given_names)
),
-- For one word, being the surname of such full names is a sign when they are named in full in at
-- least a quarter as many documents as the word is a PERSON in, or when other types are rare
-- (under a quarter of those documents): one Tony Blackburn does not make a person of the
-- Blackburn of eleven match reports, four of which tagged it ORG; one Anthony Foley explains a
-- Foley tagged ORG once in nine.
surname_signs as (
    select n.entity_id, sum(f.documents) as full_documents
    from names as n
    join signed_full_names as f on f.words[-1] = n.words[1]
    where len(n.words) = 1
    group by n.entity_id
),
opposition as (
    select entity_id,
           max(documents) filter (where entity_type = 'PERSON') as person_documents,
           coalesce(max(documents) filter (where entity_type <> 'PERSON'), 0) as other_documents
    from votes
    group by entity_id
),
person_signs as (
    select entity_id from titled
    union
    select entity_id from signed_full_names
    union
    select s.entity_id
    from surname_signs as s
    join opposition as o using (entity_id)
    where 4 * s.full_documents >= o.person_documents or 4 * o.other_documents < o.person_documents
),
decided as (
    select distinct on (v.entity_id) v.entity_id, v.entity_type
    from ranked_votes as v
    order by v.entity_id,
             (v.entity_type = 'PERSON' and v.entity_id not in (select entity_id from person_signs)),
             v.current_documents desc, v.documents desc, v.mentions desc, v.type_rank, v.entity_type
),
listed as (
    select distinct on (l.entity_id) l.entity_id, l.entity_name, l.entity_type
    from incoming_alias_list as l
    left join type_order as o using (entity_type)
    order by l.entity_id, coalesce(o.type_rank, 99), l.entity_type, l.entity_name
),
final as (
    select coalesce(n.entity_id, l.entity_id) as entity_id,
           coalesce(l.entity_name, n.entity_name) as entity_name,
           coalesce(l.entity_type, d.entity_type) as entity_type,
           coalesce(n.is_named, true) as is_named
    from names as n
    left join decided as d using (entity_id)
    full join listed as l using (entity_id)
)
select * from final;
