-- Names that stand for another entity across the warehouse, decided again at each load (so a link
-- a later load finds ambiguous is undone):
-- * alias_list: a variant in the operators' list (Tories) stands for the listed name (Conservative
--   Party), whenever the variant was extracted, even before the list named it;
-- * surname: a one-word PERSON (Blair, in an article that never names him in full), a person in
--   two thirds of the documents that write it, stands for the full name that dominates the
--   warehouse: the people named in full whose name ends in that word (Tony Blair, Cherie Blair) or
--   begins with it (Blair McKenzie) are weighed by the current documents that name each in full,
--   and the heaviest by surname is linked when it has at least 3 documents and three quarters of
--   the documents that name any of them; the confidence is that share. Two people of comparable
--   weight who share a surname stay apart, and so does a word that is as often a first name.
-- In which documents a link holds is decided in 063.
create or replace temp table entity_links as
with listed as (
    select distinct on (w.entity_id) w.entity_id as written_entity_id, l.entity_id, 'alias_list' as link_source,
           1.0 as confidence, 'listed in transforms/data/entity_aliases.tsv as a variant of ' || l.entity_name as reason
    from dim_written_entity as w
    join incoming_alias_list as l on l.alias_entity_id = w.entity_id
    where l.entity_id <> w.entity_id
    order by w.entity_id, l.entity_name
),
people as (
    select t.entity_id, t.entity_name, lower(t.entity_name) as folded, string_split(lower(t.entity_name), ' ') as words
    from entity_types as t
    semi join dim_written_entity as w using (entity_id)
    where t.entity_type = 'PERSON'
      and t.entity_id not in (select written_entity_id from listed)
      and t.entity_id not in (select entity_id from incoming_alias_list)  -- a listed name keeps its own
),
-- Current documents naming each person of several words in full; a person is their first and last
-- word, so the variants with and without a middle name or initial (Donald Trump, Donald J. Trump)
-- weigh together.
named_in_full as (
    select p.entity_id, p.entity_name, p.words, p.words[1] || ' ' || p.words[-1] as person, m.document_id
    from people as p
    join fact_mention as m on m.written_entity_id = p.entity_id
    join dim_document as d on d.document_id = m.document_id and d.is_current
    where len(p.words) > 1
),
surnames as (
    select p.*
    from people as p
    join fact_mention as m on m.written_entity_id = p.entity_id
    where len(p.words) = 1
    group by all
    -- every mention of the word moves to the person: most of them must have been a person's
    having count(distinct m.document_id) filter (where m.written_entity_type = 'PERSON')
           >= 2 / 3 * count(distinct m.document_id)
),
namesakes as (
    select s.entity_id as short_id, s.entity_name as short_name, f.entity_id as full_id, f.entity_name as full_name,
           f.person, f.document_id, true as as_surname
    from surnames as s
    join named_in_full as f on f.words[-1] = s.words[1]
    union all
    select s.entity_id, s.entity_name, f.entity_id, f.entity_name, f.person, f.document_id, false
    from surnames as s
    join named_in_full as f on f.words[1] = s.words[1] and f.words[-1] <> s.words[1]
),
all_namesakes as (
    select short_id, count(distinct document_id) as all_documents
    from namesakes
    group by short_id
),
heaviest as (
    select distinct on (short_id) short_id, short_name, person, as_surname, count(distinct document_id) as documents
    from namesakes
    group by short_id, short_name, person, as_surname
    order by short_id, as_surname desc, documents desc, person
),
-- the variant of the heaviest person named in most documents, then the shortest, then the first
-- in sort order
heaviest_variant as (
    select distinct on (n.short_id) n.short_id, n.full_id, n.full_name
    from namesakes as n
    semi join heaviest as h using (short_id, person, as_surname)
    group by n.short_id, n.full_id, n.full_name
    order by n.short_id, count(distinct n.document_id) desc, length(n.full_name), n.full_name
),
surname_links as (
    select h.short_id as written_entity_id, v.full_id as entity_id, 'surname' as link_source,
           round(h.documents / a.all_documents, 3) as confidence,
           format('{} is named in full in {} of the {} current documents that name a person {} in full (first or last name)',
                  v.full_name, h.documents, a.all_documents, h.short_name) as reason
    from heaviest as h
    join all_namesakes as a using (short_id)
    join heaviest_variant as v using (short_id)
    where h.as_surname and h.documents >= 3 and h.documents >= 0.75 * a.all_documents
),
final as (
    select * from listed
    union all
    select * from surname_links
)
select * from final;
