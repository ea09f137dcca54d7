-- Facts point at the entity the warehouse decided (062), document by document: a variant in the
-- operators' list stands for the listed name everywhere; a bare surname stands for its full name in
-- a document only where the person is at home: the full name is named in full in a current
-- document of the same source and (when known) section, so a Brown on a team sheet is not the
-- Chancellor, and nothing in the document says the surname is someone else (a title the person is
-- never written with, a lower-case word, another person of that surname named in full there).
-- dim_entity is rebuilt from what the facts then point at, with the one type of each name (061).
-- Each step is its own small table: one statement of many joins over rows this transaction has
-- just added was planned badly enough to spill tens of gigabytes.
create or replace temp table link_candidates as
select distinct m.document_id, l.written_entity_id, l.entity_id, l.link_source, d.source_id, d.section,
       lower(surname.entity_name) as surname, split_part(lower(person.entity_name), ' ', 1) as first_name
from entity_links as l
join fact_mention as m on m.written_entity_id = l.written_entity_id
join dim_document as d on d.document_id = m.document_id
join dim_written_entity as surname on surname.entity_id = l.written_entity_id
left join dim_written_entity as person on person.entity_id = l.entity_id;  -- a listed name may be written nowhere

create or replace temp table surname_homes as
select distinct m.written_entity_id as entity_id, d.source_id, d.section
from fact_mention as m
join dim_document as d on d.document_id = m.document_id and d.is_current
semi join (select distinct entity_id from link_candidates where link_source = 'surname') as c
     on c.entity_id = m.written_entity_id;

create or replace temp table surname_titles as
select distinct m.written_entity_id as entity_id, lower(rtrim(m.title, '.')) as title
from fact_mention as m
semi join (select distinct entity_id from link_candidates where link_source = 'surname') as c
     on c.entity_id = m.written_entity_id
where m.title is not null;

create or replace temp table surname_mentions as
select c.document_id, c.written_entity_id, c.entity_id, m.alias, lower(rtrim(m.title, '.')) as title
from link_candidates as c
join fact_mention as m on m.document_id = c.document_id and m.written_entity_id = c.written_entity_id
where c.link_source = 'surname';

-- Another person of that surname named in full in the same document: another first name before
-- the same last word (Donald J. Trump is Donald Trump; Ivanka Trump, or Sonia O'Sullivan in a span
-- the model typed FAC, is not). Two statements of one join each: the names are compared only
-- once each row has its own.
create or replace temp table surname_neighbours as
select distinct c.document_id, c.written_entity_id, c.surname, c.first_name, m.written_entity_id as other_id
from link_candidates as c
join fact_mention as m on m.document_id = c.document_id
where c.link_source = 'surname' and m.written_entity_id <> c.written_entity_id;

create or replace temp table surname_namesakes as
select distinct n.document_id, n.written_entity_id
from surname_neighbours as n
join dim_written_entity as other on other.entity_id = n.other_id
where suffix(lower(other.entity_name), ' ' || n.surname)
  and split_part(lower(other.entity_name), ' ', 1) <> n.first_name;

create or replace temp table entity_resolution as
with at_home as (
    select distinct c.document_id, c.written_entity_id
    from link_candidates as c
    join surname_homes as h on h.entity_id = c.entity_id and h.source_id = c.source_id
    where c.link_source = 'surname' and (c.section is null or h.section = c.section)
),
-- a title its person is never written with (Baroness Kennedy), or a lower-case word the
-- case-folded id took in (the bush)
mistaken as (
    select distinct sm.document_id, sm.written_entity_id
    from surname_mentions as sm
    left join surname_titles as t on t.entity_id = sm.entity_id and t.title = sm.title
    where (sm.title is not null and t.title is null
           and sm.entity_id in (select entity_id from surname_titles))
       or not regexp_matches(sm.alias, '^\p{Lu}')
),
holds as (
    select document_id, written_entity_id from at_home
    except
    select document_id, written_entity_id from mistaken
    except
    select document_id, written_entity_id from surname_namesakes
),
final as (
    select c.document_id, c.written_entity_id, c.entity_id
    from link_candidates as c
    where c.link_source <> 'surname'
    union all
    select c.document_id, c.written_entity_id, c.entity_id
    from link_candidates as c
    semi join holds as h using (document_id, written_entity_id)
    where c.link_source = 'surname'
)
select * from final;

update fact_mention as m
set entity_id = decided.entity_id
from (
    select w.mention_id, coalesce(r.entity_id, w.written_entity_id) as entity_id
    from fact_mention as w
    left join entity_resolution as r on r.document_id = w.document_id and r.written_entity_id = w.written_entity_id
) as decided
where decided.mention_id = m.mention_id and m.entity_id is distinct from decided.entity_id;

delete from dim_entity;

insert into dim_entity by name
with pointed_at as (
    select entity_id from fact_mention
    union
    select coalesce(r.entity_id, q.written_speaker_entity_id)
    from fact_quote as q
    left join entity_resolution as r
           on r.document_id = q.document_id and r.written_entity_id = q.written_speaker_entity_id
    where q.written_speaker_entity_id is not null
),
final as (
    select t.entity_id, t.entity_name, t.entity_type, t.is_named
    from entity_types as t
    semi join pointed_at as p using (entity_id)
)
select * from final;

update fact_quote as q
set speaker_entity_id = e.entity_id, speaker_name = e.entity_name, speaker_type = e.entity_type
from (
    select w.quote_id, coalesce(r.entity_id, w.written_speaker_entity_id) as entity_id
    from fact_quote as w
    left join entity_resolution as r
           on r.document_id = w.document_id and r.written_entity_id = w.written_speaker_entity_id
    where w.written_speaker_entity_id is not null
) as decided
join dim_entity as e using (entity_id)
where decided.quote_id = q.quote_id
  and (q.speaker_entity_id is distinct from e.entity_id or q.speaker_name is distinct from e.entity_name
       or q.speaker_type is distinct from e.entity_type);

update fact_quote_entity as qe
set entity_id = m.entity_id
from fact_mention as m
where m.mention_id = qe.mention_id and qe.entity_id is distinct from m.entity_id;

drop table link_candidates;
drop table surname_homes;
drop table surname_titles;
drop table surname_mentions;
drop table surname_neighbours;
drop table surname_namesakes;
